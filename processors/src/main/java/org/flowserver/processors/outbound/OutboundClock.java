package org.flowserver.processors.outbound;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;

/**
 * The time outbound calls run by: retry waits, token expiry, cache expiry. Vert.x timers in the server, a clock
 * a test moves by hand in tests.
 */
public interface OutboundClock {

    /** The current instant. */
    Instant now();

    /** A monotonic reading in nanoseconds (cache expiry). */
    long nanoTime();

    /** Completes once {@code delay} has passed (on an event loop in the server). */
    Future<Void> after(Duration delay);
}
