package org.flowserver.processors.outbound;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The clock outbound calls run by in the server: the system clock, and Vert.x timers for waits, so that a wait
 * holds no thread. A wait ends on the event loop of the context that asked for it.
 */
public final class VertxOutboundClock implements OutboundClock {

    private final Vertx vertx;

    public VertxOutboundClock(Vertx vertx) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Future<Void> after(Duration delay) {
        if (delay.isNegative() || delay.isZero()) {
            return Future.succeededFuture();
        }
        Promise<Void> done = Promise.promise();
        // Vert.x timers take at least 1 ms; a wait rounds up so that it never ends early.
        long millis = Math.max(1, (delay.toNanos() + 999_999) / 1_000_000);
        vertx.setTimer(millis, id -> done.complete());
        return done.future();
    }
}
