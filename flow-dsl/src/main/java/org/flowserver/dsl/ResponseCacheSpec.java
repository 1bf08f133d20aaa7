package org.flowserver.dsl;

import java.time.Duration;
import java.util.Objects;

/**
 * Keeps successful answers of a GET or HEAD {@link RestRequestSpec} for a while, so that the same request is not
 * sent again.
 *
 * @param ttl         how long an answer is kept; 1 s to 1 day
 * @param maxEntries  the most answers kept; default {@value #DEFAULT_MAX_ENTRIES}
 * @param maxBytes    the most body bytes kept; default 16 MiB
 */
public record ResponseCacheSpec(Duration ttl, int maxEntries, long maxBytes) {

    public static final int DEFAULT_MAX_ENTRIES = 1000;
    public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

    public ResponseCacheSpec {
        Objects.requireNonNull(ttl, "ttl");
    }
}
