package org.flowserver.processors.outbound;

import java.time.Duration;
import java.util.Objects;

/**
 * The server's defaults for outbound calls, used where neither the call nor its service says otherwise.
 *
 * @param connectTimeout    default 5 s
 * @param readTimeout       default 15 s
 * @param totalTimeout      default 30 s (the server's request timeout: an untuned call does not outlive its caller)
 * @param maxPoolSize       connections per service (and for direct URLs); default 20
 * @param maxWaitQueueSize  requests waiting for a connection per service; default 100; a full queue fails at once
 * @param maxResponseBytes  the largest answer body read; default 10 MiB
 * @param cacheMaxBytes     the most body bytes the response caches of all services and calls keep; default 64 MiB
 */
public record OutboundDefaults(Duration connectTimeout, Duration readTimeout, Duration totalTimeout, int maxPoolSize,
                               int maxWaitQueueSize, long maxResponseBytes, long cacheMaxBytes) {

    public static final OutboundDefaults DEFAULT = new OutboundDefaults(Duration.ofSeconds(5), Duration.ofSeconds(15),
            Duration.ofSeconds(30), 20, 100, 10L * 1024 * 1024, 64L * 1024 * 1024);

    public OutboundDefaults {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(totalTimeout, "totalTimeout");
    }
}
