package org.flowserver.processors.outbound;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.flowserver.dsl.RetryPolicySpec;

/**
 * How one call is made, every setting resolved (call, then service, then server defaults).
 *
 * @param connectTimeout       the longest wait for a connection (pool wait included); zero waits without limit
 * @param readTimeout          the longest silence while waiting for the answer; zero without limit
 * @param totalTimeout         the longest one attempt takes, redirects included; zero without limit
 * @param followRedirects      whether 301, 302, 303, 307 and 308 are followed
 * @param maxRedirects         the most redirects followed in one attempt
 * @param expectedStatusCodes  the statuses that count as success; empty means any 2xx
 * @param retry                when and how the call is tried again
 * @param maxResponseBytes     the largest body read; a larger one fails the call ({@code response-too-large})
 */
public record CallSettings(Duration connectTimeout, Duration readTimeout, Duration totalTimeout,
                           boolean followRedirects, int maxRedirects, Set<Integer> expectedStatusCodes,
                           RetryPolicySpec retry, long maxResponseBytes) {

    public CallSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(totalTimeout, "totalTimeout");
        expectedStatusCodes = Set.copyOf(expectedStatusCodes);
        Objects.requireNonNull(retry, "retry");
    }

    /** Whether {@code status} counts as success. */
    public boolean expected(int status) {
        return expectedStatusCodes.isEmpty() ? status >= 200 && status <= 299 : expectedStatusCodes.contains(status);
    }
}
