package org.flowserver.dsl;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link RestRequestSpec} retries its own call: on the listed statuses, timeouts and connection failures,
 * waiting {@code initial}, then each wait {@code multiplier} times the last, at most {@code maximum}, longer when the
 * answer's {@code Retry-After} asks for it, and never starting an attempt after {@code deadline} from the first.
 *
 * @param initial             the wait before the first retry; at least 1 s
 * @param maximum             the longest wait; at least {@code initial}
 * @param multiplier          1.0 to 10.0
 * @param deadline            how long after the first attempt a retry may still start; {@code PT0S} means no
 *                            retries; at most 1 h
 * @param statusCodes         the statuses retried
 * @param retryNonIdempotent  whether POST and PATCH are retried on a status too (a status means the server got
 *                            the request); failures before the request was sent are retried for every method
 */
public record RetryPolicySpec(Duration initial, Duration maximum, double multiplier, Duration deadline,
                              List<Integer> statusCodes, boolean retryNonIdempotent) {

    /** 1 s, doubling, at most 60 s, for up to 600 s, on 502, 503 and 504. */
    public static final RetryPolicySpec DEFAULT = new RetryPolicySpec(Duration.ofSeconds(1), Duration.ofSeconds(60),
            2.0, Duration.ofSeconds(600), List.of(502, 503, 504), false);

    public RetryPolicySpec {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(maximum, "maximum");
        Objects.requireNonNull(deadline, "deadline");
        statusCodes = List.copyOf(statusCodes);
    }

    /** The wait before retry {@code retry} (1 for the first), before {@code Retry-After} is considered. */
    public Duration delayBeforeRetry(int retry) {
        double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, retry - 1));
        return Duration.ofMillis((long) Math.min(millis, maximum.toMillis()));
    }
}
