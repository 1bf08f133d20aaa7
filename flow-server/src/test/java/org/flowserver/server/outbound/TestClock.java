package org.flowserver.server.outbound;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock a test moves by hand. */
final class TestClock implements InstantSource {

    private volatile Instant now = Instant.parse("2026-11-23T10:00:00Z");

    @Override
    public Instant instant() {
        return now;
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }
}
