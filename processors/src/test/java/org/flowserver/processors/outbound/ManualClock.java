package org.flowserver.processors.outbound;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock tests move by hand: every wait is recorded, moves the clock on by its length, and ends at once. */
public final class ManualClock implements OutboundClock {

    private volatile long nanos;
    private final Instant start;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    public ManualClock() {
        this(Instant.parse("2026-11-23T10:00:00Z"));
    }

    public ManualClock(Instant start) {
        this.start = start;
    }

    @Override
    public Instant now() {
        return start.plusNanos(nanos);
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public Future<Void> after(Duration delay) {
        waits.add(delay);
        advance(delay);
        return Future.succeededFuture();
    }

    /** Moves the clock on without a wait. */
    public synchronized void advance(Duration duration) {
        nanos += duration.toNanos();
    }

    /** Every wait asked for, in order. */
    public List<Duration> waits() {
        return List.copyOf(waits);
    }
}
