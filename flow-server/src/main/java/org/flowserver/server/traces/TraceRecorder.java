package org.flowserver.server.traces;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.flowserver.processors.trace.MessageObserver;
import org.flowserver.processors.trace.MessageTrace;
import org.flowserver.processors.trace.TraceState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every message's trace without slowing its request: the message's thread only offers its final snapshot
 * to a bounded queue, and one writer thread takes them out in batches and saves them. A message is written once,
 * with its final state, unless it is still running after the in-flight delay: only then is its in-flight snapshot
 * written too (and replaced when it ends). Running messages are known from a map the message threads keep (one put
 * and one remove per message); the writer looks there for the ones that outlived the delay. Most messages end
 * within milliseconds, so this halves the writes without hiding the messages that are worth seeing in flight.
 *
 * <p>While the CPU has time to spare, the writer writes as fast as the store takes it. While the CPU is busy
 * ({@link CpuBusy}), it keeps its CPU time (with that of the embedded store's helper threads, {@link TraceWriteCpu})
 * within a share of one core, resting after each batch as long as needed: the flows need the CPU then, tracing
 * takes a bounded part of it. If it is behind as well (a whole batch waits when it finishes writing), it sheds
 * while it rests: completed messages are dropped at once, failures and rejections are still queued, and after
 * the rest it records the messages that end next, a fresh sample of the traffic.
 *
 * <p>When the queue is full, snapshots are dropped and counted ({@link #overflowCount()}), with a warning at most
 * once per interval. What matters most is dropped last: completed messages are left out once the queue is three
 * quarters full, so that the room left goes to failures and rejections. The final snapshot of a message whose
 * in-flight snapshot was written is never shed (only a full queue drops it): the stored row would otherwise say
 * in flight forever. A batch the store refuses is tried again a few times, then dropped and counted
 * ({@link #failedWriteCount()}); the writer never stops on a store failure, nor on a bug.
 */
public final class TraceRecorder implements MessageObserver, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TraceRecorder.class);
    private static final long LINGER_MILLIS = 20;
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** A running message's in-flight snapshot: held, being or been written, or its message has ended. */
    private static final int HELD = 0;
    private static final int WRITTEN = 1;
    private static final int ENDED = 2;

    private final TraceStore store;
    private final Settings settings;
    private final java.util.function.BooleanSupplier busy;
    private final BlockingQueue<MessageTrace> queue;
    private final int completedLimit;
    private final Thread writer;
    /** The messages running now, by id; shared by the message threads and the writer. */
    private final ConcurrentHashMap<String, Running> running = new ConcurrentHashMap<>();
    private final LongAdder overflow = new LongAdder();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong lastOverflowWarning;
    private final AtomicLong overflowWarned = new AtomicLong();
    private volatile boolean closing;
    private volatile boolean abandoned;
    /**
     * Whether the writer rests for a busy CPU while it is behind: then completed messages are dropped at once (one
     * volatile read on the message's thread), and only failures and rejections are queued. Snapshots left waiting
     * in the queue for the whole rest would outlive a garbage collection or two and cost the flows more to collect
     * than the writer saves by resting.
     */
    private volatile boolean shedding;
    private long lastFailureLog;
    private long failuresNotLogged;
    private final TraceWriteCpu writeCpu;
    /** Final snapshots waiting for the next batch, oldest first; the writer's own. */
    private final List<MessageTrace> pending = new ArrayList<>();
    /** Until when (System.nanoTime) the writer rests to keep to its CPU share; the writer's own. */
    private long restUntil = System.nanoTime();
    /** Where the current write-and-rest cycle began, in CPU time and wall time; the writer's own. */
    private boolean cycleStarted;
    private long cycleCpu;
    private long cycleWall;

    /** A running message: its in-flight snapshot, since when, and whether the writer wrote it. */
    private static final class Running {
        final MessageTrace trace;
        final long sinceNanos;
        final AtomicInteger state = new AtomicInteger(HELD);

        Running(MessageTrace trace, long sinceNanos) {
            this.trace = trace;
            this.sinceNanos = sinceNanos;
        }
    }

    /**
     * How the recorder queues and writes.
     *
     * @param queueCapacity  final snapshots waiting to be written at most (and running messages tracked at most)
     * @param batchSize      snapshots per store write at most
     * @param maxAttempts    how often a batch is tried before it is dropped
     * @param retryBackoff   the pause before the second attempt, doubled for each further one (at most 5 s)
     * @param warnInterval   at most one overflow warning, and one store failure log, per interval
     * @param drainTimeout   how long {@link #close()} waits for the queued snapshots to be written
     * @param inFlightDelay  how long a message runs before its in-flight snapshot is written
     * @param cpuPercent     the share of one core's time the writer may spend writing while the CPU is busy, 1 to 100
     */
    public record Settings(int queueCapacity, int batchSize, int maxAttempts, Duration retryBackoff,
                           Duration warnInterval, Duration drainTimeout, Duration inFlightDelay, int cpuPercent) {

        public Settings {
            if (queueCapacity < 1 || batchSize < 1 || maxAttempts < 1 || cpuPercent < 1 || cpuPercent > 100) {
                throw new IllegalArgumentException("queueCapacity, batchSize and maxAttempts must be at least 1, "
                        + "cpuPercent from 1 to 100");
            }
            Objects.requireNonNull(retryBackoff, "retryBackoff");
            Objects.requireNonNull(warnInterval, "warnInterval");
            Objects.requireNonNull(drainTimeout, "drainTimeout");
            Objects.requireNonNull(inFlightDelay, "inFlightDelay");
        }

        /**
         * The server's settings: the configured queue and batch, 3 attempts from 200 ms, warnings at most every
         * 10 s, 10 s to drain at shutdown, in-flight snapshots of messages running longer than 1 s.
         */
        public static Settings of(TraceConfig config) {
            return new Settings(config.queueCapacity(), config.batchSize(), 3, Duration.ofMillis(200),
                    Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(1), config.writerCpuPercent());
        }
    }

    private TraceRecorder(TraceStore store, Settings settings, TraceWriteCpu writeCpu,
                          java.util.function.BooleanSupplier busy) {
        this.store = store;
        this.writeCpu = writeCpu;
        this.settings = settings;
        this.busy = busy;
        this.queue = new LinkedBlockingQueue<>(settings.queueCapacity());
        this.completedLimit = Math.max(1, settings.queueCapacity() - settings.queueCapacity() / 4);
        this.lastOverflowWarning = new AtomicLong(System.nanoTime() - settings.warnInterval().toNanos());
        this.lastFailureLog = System.nanoTime() - settings.warnInterval().toNanos();
        this.writer = new Thread(this::writeUntilClosed, "trace-writer");
        writer.setDaemon(true);
    }

    /** Starts a recorder and its writer thread; it keeps to its CPU share while the CPU is busy. */
    public static TraceRecorder start(TraceStore store, Settings settings) {
        TraceWriteCpu writeCpu = new TraceWriteCpu();
        return start(store, settings, writeCpu, new CpuBusy(writeCpu));
    }

    /**
     * Starts a recorder and its writer thread.
     *
     * @param busy  whether the CPU is busy now, so that the writer keeps to its share
     */
    static TraceRecorder start(TraceStore store, Settings settings, java.util.function.BooleanSupplier busy) {
        return start(store, settings, new TraceWriteCpu(), busy);
    }

    private static TraceRecorder start(TraceStore store, Settings settings, TraceWriteCpu writeCpu,
                                       java.util.function.BooleanSupplier busy) {
        TraceRecorder recorder = new TraceRecorder(store, settings, writeCpu, busy);
        recorder.writer.start();
        return recorder;
    }

    @Override
    public void started(MessageTrace trace) {
        // Bounded like the queue; beyond it a message is only seen once it ends. size() is approximate and cheap.
        if (running.size() < settings.queueCapacity()) {
            running.put(trace.messageId(), new Running(trace, System.nanoTime()));
        }
    }

    @Override
    public void finished(MessageTrace trace) {
        Running run = running.remove(trace.messageId());
        // If the writer claimed the in-flight snapshot first, its row says in flight: this snapshot must replace it.
        boolean replacesStoredRow = run != null && !run.state.compareAndSet(HELD, ENDED);
        if (trace.state() == TraceState.COMPLETED && !replacesStoredRow) {
            if (shedding) {
                overflow.increment();
                return;
            }
            // Completed messages leave the last quarter of the queue to failures and rejections, the traces an
            // operator looks for: when the store falls behind, those are the last to be dropped.
            if (queue.size() >= completedLimit) {
                overflowed();
                return;
            }
        }
        if (!queue.offer(trace)) {
            overflowed();
        }
    }

    private void overflowed() {
        overflow.increment();
        warnOfOverflow();
    }

    /** Whether completed messages are dropped at once now, while the writer rests for a busy CPU and is behind. */
    boolean isShedding() {
        return shedding;
    }

    /** How many final snapshots wait to be written. */
    public int queueDepth() {
        return queue.size();
    }

    /**
     * How many messages' traces were dropped: the queue was full (or three quarters full, for completed ones), or
     * the writer was shedding.
     */
    public long overflowCount() {
        return overflow.sum();
    }

    /** How many snapshots were dropped because the store failed every attempt to save them. */
    public long failedWriteCount() {
        return failed.get();
    }

    /** How many rows the writer has saved. */
    public long writtenCount() {
        return written.get();
    }

    /**
     * Warns that traces were dropped, at most once per interval, from whichever thread gets there first: the
     * message threads that drop them, or the writer once it is free again.
     */
    private void warnOfOverflow() {
        long total = overflow.sum();
        long last = lastOverflowWarning.get();
        long now = System.nanoTime();
        if (total == overflowWarned.get() || now - last < settings.warnInterval().toNanos()
                || !lastOverflowWarning.compareAndSet(last, now)) {
            return;
        }
        long dropped = total - overflowWarned.getAndSet(total);
        if (dropped > 0) {
            LOG.atWarn().addKeyValue("dropped", dropped).addKeyValue("droppedTotal", total)
                    .addKeyValue("queueCapacity", settings.queueCapacity())
                    .log("Traces were dropped: the store does not keep up, or the writer keeps to its CPU share on a "
                            + "busy CPU (see trace-writer-cpu-percent)");
        }
    }

    /**
     * Takes what is queued every {@value #LINGER_MILLIS} ms (at once while full batches wait), and never stops
     * until closed: a failure of one round is logged and the next round goes on. The writer never waits on the
     * queue itself: a waiting consumer would be woken by each offer, and a wake-up per message costs the flows more
     * than writing the trace does (on one core, a quarter of their throughput).
     */
    private void writeUntilClosed() {
        while (!abandoned) {
            try {
                if (writeOnce()) {
                    return;
                }
            } catch (Throwable e) { // a bug, or an Error of the store: the writer must go on
                LOG.atError().setCause(e).log("Trace writer failed; it goes on with the next batch");
                LockSupport.parkNanos(this, LINGER_NANOS);
            }
        }
    }

    /** One round: waits, then writes a batch unless it rests. Returns true once closed and everything is written. */
    private boolean writeOnce() {
        long now = System.nanoTime();
        if (!closing && now - restUntil < 0) {
            LockSupport.parkNanos(this, Math.min(LINGER_NANOS, restUntil - now));
            return false;
        }
        if (shedding) {
            // The rest is over: gather one batch of the messages that end from now on, then write it.
            shedding = false;
        }
        if (!closing && pending.size() + queue.size() < settings.batchSize()) {
            LockSupport.parkNanos(this, LINGER_NANOS);
        }
        queue.drainTo(pending, Math.max(0, settings.batchSize() - pending.size()));
        // Closing and nothing queued: the in-flight snapshots of messages still running go too (they outlived
        // the shutdown wait).
        boolean everything = closing && queue.isEmpty();
        List<MessageTrace> batch = batch(everything);
        if (!batch.isEmpty()) {
            writeSafely(batch);
        }
        warnOfOverflow();
        return everything && pending.isEmpty() && (running.isEmpty() || abandoned);
    }

    /**
     * What to write now: the waiting final snapshots, oldest first, then the in-flight snapshots of messages that
     * have run longer than the delay (or all of them, when {@code everything}), up to a batch. An in-flight
     * snapshot is claimed before it is written, so that its message's end is never shed after it.
     */
    private List<MessageTrace> batch(boolean everything) {
        int finals = Math.min(settings.batchSize(), pending.size());
        List<MessageTrace> batch = new ArrayList<>(pending.subList(0, finals));
        pending.subList(0, finals).clear();
        if (batch.size() < settings.batchSize() && !running.isEmpty()) {
            long now = System.nanoTime();
            long delay = settings.inFlightDelay().toNanos();
            for (Iterator<Running> it = running.values().iterator(); it.hasNext() && batch.size() < settings.batchSize(); ) {
                Running run = it.next();
                if ((everything || now - run.sinceNanos >= delay) && run.state.compareAndSet(HELD, WRITTEN)) {
                    batch.add(run.trace);
                }
                if (everything) {
                    it.remove(); // written once; a message that ends after the shutdown is not waited for
                }
            }
        }
        return batch;
    }

    private void writeSafely(List<MessageTrace> batch) {
        if (!cycleStarted) {
            startCycle(System.nanoTime());
        }
        write(batch);
        long now = System.nanoTime();
        boolean cpuBusy = settings.cpuPercent() < 100 && !closing && busy.getAsBoolean();
        if (cpuBusy) {
            // Rest long enough that the CPU time spent since the last rest stays within the share of the time that
            // has passed. The whole cycle counts, not only the write: the store's helper threads finish their part
            // of a batch after the write returns.
            long cpu = Math.max(0, writeCpu.now() - cycleCpu);
            long rest = Math.min(cpu * 100 / settings.cpuPercent() - (now - cycleWall), MAX_BACKOFF.toNanos());
            if (rest > 0) {
                restUntil = now + rest;
                // Shedding only pays when the writer is behind: a trickle of messages waits through the rest at no
                // cost, and is written after it.
                if (pending.size() + queue.size() >= settings.batchSize()) {
                    shedQueued();
                    shedding = true;
                }
                startCycle(restUntil);
                return;
            }
        }
        startCycle(now);
    }

    /**
     * As the writer starts to rest behind on a busy CPU: drops the completed messages waiting (counted), keeping
     * failures, rejections and the ends of messages whose in-flight row is stored, so that nothing waits in the
     * queue through the rest.
     */
    private void shedQueued() {
        queue.drainTo(pending);
        int before = pending.size();
        pending.removeIf(snapshot -> snapshot.state() == TraceState.COMPLETED && !inFlightRowStored(snapshot));
        overflow.add(before - pending.size());
    }

    /** Whether the message ran long enough that its in-flight snapshot may have been written. */
    private boolean inFlightRowStored(MessageTrace snapshot) {
        return snapshot.processingTime().map(time -> time.compareTo(settings.inFlightDelay()) >= 0).orElse(true);
    }

    /** A new cycle: its CPU time counts from now, its wall time from when the writer may write again. */
    private void startCycle(long wallStart) {
        writeCpu.rescan();
        cycleStarted = true;
        cycleCpu = writeCpu.now();
        cycleWall = wallStart;
    }

    private void write(Collection<MessageTrace> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                store.save(batch);
                written.addAndGet(batch.size());
                return;
            } catch (RuntimeException e) {
                if (attempt >= settings.maxAttempts() || abandoned) {
                    failed.addAndGet(batch.size());
                    logFailure(e, batch.size(), attempt, true);
                    return;
                }
                logFailure(e, batch.size(), attempt, false);
                pause(settings.retryBackoff().multipliedBy(1L << Math.min(attempt - 1, 20)));
            }
        }
    }

    private void logFailure(RuntimeException e, int traces, int attempt, boolean dropped) {
        long now = System.nanoTime();
        if (now - lastFailureLog < settings.warnInterval().toNanos()) {
            failuresNotLogged++;
            return;
        }
        lastFailureLog = now;
        long notLogged = failuresNotLogged;
        failuresNotLogged = 0;
        if (dropped) {
            LOG.atError().addKeyValue("traces", traces).addKeyValue("attempts", attempt)
                    .addKeyValue("failedTotal", failed.get()).addKeyValue("failuresNotLogged", notLogged)
                    .setCause(e).log("Traces dropped: the store failed to save them; check that it is reachable");
        } else {
            LOG.atWarn().addKeyValue("traces", traces).addKeyValue("attempt", attempt)
                    .addKeyValue("failuresNotLogged", notLogged).addKeyValue("error", e.getMessage())
                    .log("Trace store write failed; trying again");
        }
    }

    /** Waits before a retry; close() cuts it short once it gives up waiting. */
    private void pause(Duration pause) {
        long deadline = System.nanoTime() + Math.min(pause.toNanos(), MAX_BACKOFF.toNanos());
        long left;
        while (!abandoned && (left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, left);
        }
    }

    /**
     * Writes what is queued and stops the writer, waiting at most the drain timeout; what is left after it is
     * dropped with a warning. The writer is never interrupted: an interrupt in the middle of a JDBC call can
     * close the embedded database's files.
     */
    @Override
    public void close() {
        if (closing) {
            return; // closed already
        }
        closing = true;
        LockSupport.unpark(writer);
        if (!join(settings.drainTimeout())) {
            abandoned = true;
            LockSupport.unpark(writer);
            LOG.atWarn().addKeyValue("queued", queue.size()).addKeyValue("drainTimeout", settings.drainTimeout())
                    .log("Trace writer did not write every queued trace in time; the rest are dropped");
            join(Duration.ofSeconds(5));
        }
    }

    private boolean join(Duration timeout) {
        try {
            writer.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !writer.isAlive();
    }
}
