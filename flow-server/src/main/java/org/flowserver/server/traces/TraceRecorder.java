package org.flowserver.server.traces;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.flowserver.processors.trace.MessageObserver;
import org.flowserver.processors.trace.MessageTrace;
import org.flowserver.processors.trace.TraceState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every message's trace without slowing its request: the message's thread only offers a snapshot to a
 * bounded queue, and one writer thread takes them out in batches and saves them. A message is written once, with
 * its final state, unless it is still running after the in-flight delay: only then is its in-flight snapshot
 * written too (and replaced when it ends). Most messages end within milliseconds, so this halves the writes
 * without hiding the messages that are worth seeing in flight.
 *
 * <p>While it keeps up and the machine has CPU to spare, the writer writes as fast as the store takes it. When it
 * falls behind (a whole batch is waiting again after a write) or the machine is busy
 * ({@link CpuBusy}), it keeps its CPU time (with that of the embedded store's helper threads, {@link TraceWriteCpu})
 * within a share of one core, resting after each batch as long as needed: the flows need the CPU then, tracing takes a bounded part of it,
 * and what the writer cannot write in that share is dropped (and counted) rather than slowing the flows.
 *
 * <p>When the queue is full, snapshots are dropped and counted ({@link #overflowCount()}), with a warning at most
 * once per interval. What matters most is dropped last: in-flight snapshots are already left out when the queue is
 * half full, completed messages when it is three quarters full, so that the room left goes to failures and
 * rejections. A batch the store refuses is tried again a few times, then dropped and counted
 * ({@link #failedWriteCount()}); the writer never stops on a store failure.
 */
public final class TraceRecorder implements MessageObserver, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TraceRecorder.class);
    private static final long LINGER_MILLIS = 20;
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final TraceStore store;
    private final Settings settings;
    private final java.util.function.BooleanSupplier busy;
    private final BlockingQueue<MessageTrace> queue;
    private final int inFlightLimit;
    private final int completedLimit;
    private final Thread writer;
    private final LongAdder overflow = new LongAdder();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong lastOverflowWarning;
    private final AtomicLong overflowWarned = new AtomicLong();
    private volatile boolean closing;
    private volatile boolean abandoned;
    private long lastFailureLog;
    private long failuresNotLogged;
    /** In-flight snapshots held back until the delay, by message id, oldest first; the writer's own. */
    private final Map<String, Held> inFlight = new LinkedHashMap<>();
    /** The writer's CPU time, with the store's helper threads; the writer's own. */
    private final TraceWriteCpu writeCpu;
    /** Final snapshots waiting for the next batch, by message id, oldest first; the writer's own. */
    private final Map<String, MessageTrace> pending = new LinkedHashMap<>();
    /** Until when (System.nanoTime) the writer rests to keep to its CPU share; the writer's own. */
    private long restUntil = System.nanoTime();
    /**
     * Whether the writer rests for a busy CPU while it is behind: then the messages that complete meanwhile are
     * dropped at once (one
     * volatile read on the message's thread), and only failures and rejections are queued. Snapshots left waiting
     * in the queue for the whole rest would outlive a garbage collection or two and cost the flows more to collect
     * than the writer saves by resting; the writer then records the messages that end in the
     * {@value #LINGER_MILLIS} ms after its rest, a fresh sample of the traffic.
     */
    private volatile boolean shedding;
    /** Where the current write-and-rest cycle began, in CPU time and wall time; the writer's own. */
    private boolean cycleStarted;
    private long cycleCpu;
    private long cycleWall;

    private record Held(MessageTrace trace, long sinceNanos) {
    }

    /**
     * How the recorder queues and writes.
     *
     * @param queueCapacity  snapshots waiting at most
     * @param batchSize      snapshots per store write at most
     * @param maxAttempts    how often a batch is tried before it is dropped
     * @param retryBackoff   the pause before the second attempt, doubled for each further one (at most 5 s)
     * @param warnInterval   at most one overflow warning, and one store failure log, per interval
     * @param drainTimeout   how long {@link #close()} waits for the queued snapshots to be written
     * @param inFlightDelay  how long a message runs before its in-flight snapshot is written
     * @param cpuPercent     the share of one core's time the writer may spend writing, 1 to 100
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
        this.inFlightLimit = Math.max(1, settings.queueCapacity() / 2);
        this.completedLimit = Math.max(1, settings.queueCapacity() - settings.queueCapacity() / 4);
        this.lastOverflowWarning = new AtomicLong(System.nanoTime() - settings.warnInterval().toNanos());
        this.lastFailureLog = System.nanoTime() - settings.warnInterval().toNanos();
        this.writer = new Thread(this::writeUntilClosed, "trace-writer");
        writer.setDaemon(true);
    }

    /** Starts a recorder and its writer thread; it keeps to its CPU share while the machine is busy. */
    public static TraceRecorder start(TraceStore store, Settings settings) {
        TraceWriteCpu writeCpu = new TraceWriteCpu();
        return start(store, settings, writeCpu, new CpuBusy(writeCpu));
    }

    /**
     * Starts a recorder and its writer thread.
     *
     * @param busy  whether the machine's CPU is busy now, so that the writer keeps to its share
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
        if (shedding) {
            overflow.increment();
            return;
        }
        // Approximate on purpose: size() of a LinkedBlockingQueue is one volatile read.
        if (queue.size() >= inFlightLimit) {
            overflowed();
            return;
        }
        offer(trace);
    }

    @Override
    public void finished(MessageTrace trace) {
        // Completed messages leave the last quarter of the queue to failures and rejections, the traces an
        // operator looks for: when the store falls behind, those are the last to be dropped.
        if (trace.state() == TraceState.COMPLETED && shedding) {
            overflow.increment();
            return;
        }
        if (trace.state() == TraceState.COMPLETED && queue.size() >= completedLimit) {
            overflowed();
            return;
        }
        offer(trace);
    }

    private void offer(MessageTrace trace) {
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

    /** How many snapshots wait to be written. */
    public int queueDepth() {
        return queue.size();
    }

    /** How many snapshots were dropped because the queue was full (or, for in-flight ones, half full). */
    public long overflowCount() {
        return overflow.sum();
    }

    /** How many snapshots were dropped because the store failed every attempt to save them. */
    public long failedWriteCount() {
        return failed.get();
    }

    /** How many rows the writer has saved (snapshots of one message in one batch count once). */
    public long writtenCount() {
        return written.get();
    }

    /**
     * Warns that snapshots were dropped, at most once per interval, from whichever thread gets there first: the
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
                    .log("Trace queue full: trace snapshots were dropped; the store does not keep up");
        }
    }

    /**
     * Takes what is queued every {@value #LINGER_MILLIS} ms (at once while full batches wait). The writer never
     * waits on the queue itself: a waiting consumer would be woken by each offer, and a wake-up per message costs
     * the flows more than writing the trace does (on one core, a quarter of their throughput).
     *
     */
    private void writeUntilClosed() {
        List<MessageTrace> drained = new ArrayList<>(settings.batchSize());
        while (!abandoned) {
            long now = System.nanoTime();
            if (!closing && now - restUntil < 0) {
                LockSupport.parkNanos(this, Math.min(LINGER_NANOS, restUntil - now));
            } else if (!closing && pending.size() + queue.size() < settings.batchSize()) {
                LockSupport.parkNanos(this, LINGER_NANOS);
            }
            if (!closing && System.nanoTime() - restUntil < 0) {
                continue;
            }
            if (shedding) {
                // The rest is over: gather one batch of the messages that end from now on, then write it.
                shedding = false;
                continue;
            }
            queue.drainTo(drained, Math.max(0, settings.batchSize() - pending.size()));
            absorb(drained);
            // Closing and nothing queued: the held in-flight snapshots go too, since their messages have ended
            // without a final snapshot (it was dropped, or the message outlived the shutdown wait).
            boolean everything = closing && queue.isEmpty();
            List<MessageTrace> batch = batch(everything);
            if (!batch.isEmpty()) {
                writeSafely(batch);
            }
            warnOfOverflow();
            if (everything && pending.isEmpty() && inFlight.isEmpty()) {
                return;
            }
        }
    }

    /** Sorts what was drained: final snapshots wait for the next batch, in-flight ones are held back. */
    private void absorb(List<MessageTrace> drained) {
        long now = System.nanoTime();
        for (MessageTrace snapshot : drained) {
            String id = snapshot.messageId();
            if (snapshot.state() != TraceState.IN_FLIGHT) {
                inFlight.remove(id);
                pending.put(id, snapshot);
            } else if (!pending.containsKey(id)) { // an in-flight snapshot never replaces the message's end
                Held held = inFlight.get(id);
                inFlight.put(id, new Held(snapshot, held == null ? now : held.sinceNanos()));
            }
        }
        drained.clear();
    }

    private void writeSafely(List<MessageTrace> batch) {
        if (!cycleStarted) {
            startCycle(System.nanoTime());
        }
        try {
            write(batch);
        } catch (RuntimeException e) {
            // write() handles store failures; this is a bug, and must not stop the writer.
            LOG.atError().setCause(e).log("Trace writer failed; it goes on with the next batch");
        }
        long now = System.nanoTime();
        boolean behind = pending.size() + queue.size() >= settings.batchSize();
        boolean cpuBusy = settings.cpuPercent() < 100 && !closing && busy.getAsBoolean();
        if (settings.cpuPercent() < 100 && !closing && (behind || cpuBusy)) {
            // Rest long enough that the CPU time spent since the last rest stays within the share of the time that
            // has passed. The whole cycle counts, not only the write: the store's helper threads finish their part
            // of a batch after the write returns, and the writer drains the queue while it rests.
            long cpu = Math.max(0, writeCpu.now() - cycleCpu);
            long rest = Math.min(cpu * 100 / settings.cpuPercent() - (now - cycleWall), MAX_BACKOFF.toNanos());
            if (rest > 0) {
                restUntil = now + rest;
                // Shedding only pays when the writer is behind on a busy CPU: a trickle of messages waits through
                // the rest at no cost, and is written after it.
                shedding = cpuBusy && behind;
                if (shedding) {
                    shedQueued();
                }
                startCycle(restUntil);
                return;
            }
        }
        startCycle(now);
    }

    /**
     * As the writer starts to rest for a busy CPU: drops the completed messages and in-flight snapshots that queued
     * up while it wrote, and the in-flight snapshots it holds back (all counted), keeping failures and rejections
     * for the next batch, so that nothing waits in the queue through the rest. The held in-flight snapshots go
     * too because the final snapshots of their messages may be dropped while it rests: written later, they would
     * show messages in flight that ended long ago.
     */
    private void shedQueued() {
        List<MessageTrace> queued = new ArrayList<>(queue.size());
        queue.drainTo(queued);
        List<MessageTrace> kept = new ArrayList<>();
        for (MessageTrace snapshot : queued) {
            if (snapshot.state() == TraceState.FAILED || snapshot.state() == TraceState.REJECTED) {
                kept.add(snapshot);
            }
        }
        overflow.add(queued.size() - kept.size() + inFlight.size());
        inFlight.clear();
        absorb(kept);
    }

    /** A new cycle: its CPU time counts from now, its wall time from when the writer may write again. */
    private void startCycle(long wallStart) {
        writeCpu.rescan();
        cycleStarted = true;
        cycleCpu = writeCpu.now();
        cycleWall = wallStart;
    }

    /**
     * What to write now: the waiting final snapshots, oldest first, and the held in-flight snapshots whose delay is
     * over (or every one, when {@code everything}), up to a batch.
     */
    private List<MessageTrace> batch(boolean everything) {
        long now = System.nanoTime();
        List<MessageTrace> batch = new ArrayList<>(Math.min(settings.batchSize(), pending.size() + 16));
        for (Iterator<MessageTrace> it = pending.values().iterator(); it.hasNext() && batch.size() < settings.batchSize(); ) {
            batch.add(it.next());
            it.remove();
        }
        long delay = settings.inFlightDelay().toNanos();
        Iterator<Held> oldest = inFlight.values().iterator();
        while (oldest.hasNext() && batch.size() < settings.batchSize()) {
            Held held = oldest.next();
            // Held snapshots are bounded like the queue: beyond its capacity the oldest go at once.
            if (!everything && now - held.sinceNanos() < delay && inFlight.size() <= settings.queueCapacity()) {
                break;
            }
            batch.add(held.trace());
            oldest.remove();
        }
        return batch;
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
