package org.flowserver.server.traces;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes traces older than the retention in the background: every interval (the first run after at most a
 * minute), in batches of {@value #BATCH_SIZE} rows, each its own transaction, so that the store is never locked
 * for long. A failed run is logged and the next one tries again.
 */
public final class TraceRetention implements AutoCloseable {

    static final int BATCH_SIZE = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(TraceRetention.class);
    private static final Duration FIRST_RUN_AT_MOST = Duration.ofMinutes(1);

    private final TraceStore store;
    private final Duration retention;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private volatile boolean closed;

    TraceRetention(TraceStore store, Duration retention, Clock clock) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "trace-retention");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts pruning every {@code interval} the traces that started more than {@code retention} ago. */
    public static TraceRetention start(TraceStore store, Duration retention, Duration interval, Clock clock) {
        TraceRetention pruner = new TraceRetention(store, retention, clock);
        long first = Math.min(interval.toMillis(), FIRST_RUN_AT_MOST.toMillis());
        pruner.scheduler.scheduleWithFixedDelay(pruner::pruneLogged, first, interval.toMillis(), TimeUnit.MILLISECONDS);
        return pruner;
    }

    private void pruneLogged() {
        try {
            prune();
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("error", e.getMessage()).log("Pruning old traces failed; the next run tries again");
        }
    }

    /**
     * Removes every trace that started before now minus the retention, batch by batch.
     *
     * @return how many were removed
     */
    int prune() {
        Instant cutoff = clock.instant().minus(retention);
        int removed = 0;
        int batch;
        do {
            batch = store.prune(cutoff, BATCH_SIZE);
            removed += batch;
        } while (batch == BATCH_SIZE && !closed);
        if (removed > 0) {
            LOG.atInfo().addKeyValue("removed", removed).addKeyValue("olderThan", cutoff)
                    .addKeyValue("retention", retention).log("Old traces pruned");
        }
        return removed;
    }

    /** Stops pruning; a run in progress ends after its current batch (it is never interrupted mid-statement). */
    @Override
    public void close() {
        closed = true;
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Pruning old traces did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
