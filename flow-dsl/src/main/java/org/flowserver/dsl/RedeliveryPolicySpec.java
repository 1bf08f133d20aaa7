package org.flowserver.dsl;

/**
 * How a flow retries a message whose processing failed <em>transiently</em>: a timeout or a refused connection of
 * an outbound call, a failure a processor reports as transient, a disabled handoff target. The whole pipeline runs again on the message as its source
 * prepared it, after a delay that starts at {@code initialDelayMillis} and grows by {@code multiplier} with each
 * attempt, up to {@code maxDelayMillis}. A failure that is not transient is never retried; a transient one that
 * fails every attempt ends the message with the error category {@code transient-exhausted}. Every attempt is
 * recorded in the message's trace. Without a policy a flow uses {@link #DEFAULT}.
 *
 * @param maxAttempts         attempts in all, the first one included: 1 (never retry) to {@value #MAX_ATTEMPTS}
 * @param initialDelayMillis  the delay before the second attempt: 0 to {@code maxDelayMillis}
 * @param multiplier          how much each further delay grows: 1.0 (constant) to 10.0
 * @param maxDelayMillis      the longest delay: up to one hour
 */
public record RedeliveryPolicySpec(int maxAttempts, long initialDelayMillis, double multiplier, long maxDelayMillis) {

    /** 3 attempts, 500 ms before the second, doubling, at most 30 s. */
    public static final RedeliveryPolicySpec DEFAULT = new RedeliveryPolicySpec(3, 500, 2.0, 30_000);
    public static final int MAX_ATTEMPTS = 100;
    public static final long MAX_DELAY_MILLIS = 3_600_000;

    /**
     * The delay before attempt {@code attempt}.
     *
     * @param attempt  2 for the first retry
     */
    public long delayBeforeAttempt(int attempt) {
        double delay = initialDelayMillis * Math.pow(multiplier, Math.max(0, attempt - 2));
        return (long) Math.min(delay, maxDelayMillis);
    }
}
