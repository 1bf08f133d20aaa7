package org.flowserver.dsl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Configures the {@link RetryPolicySpec} of a {@code restRequest}; every setting starts at its
 * {@link RetryPolicySpec#DEFAULT} value, so {@code p -> p.deadline(Duration.ofMinutes(1))} changes only the deadline.
 * The ranges are checked by {@link FlowBuilder#build()}.
 * Methods taking an object throw {@link NullPointerException} for {@code null}.
 */
public final class RetryPolicyBuilder {

    private Duration initial = RetryPolicySpec.DEFAULT.initial();
    private Duration maximum = RetryPolicySpec.DEFAULT.maximum();
    private double multiplier = RetryPolicySpec.DEFAULT.multiplier();
    private Duration deadline = RetryPolicySpec.DEFAULT.deadline();
    private List<Integer> statusCodes = RetryPolicySpec.DEFAULT.statusCodes();
    private boolean retryNonIdempotent = RetryPolicySpec.DEFAULT.retryNonIdempotent();

    RetryPolicyBuilder() {
    }

    /** The wait before the first retry; at least 1 s unless the deadline is {@code PT0S}. Default 1 s. */
    public RetryPolicyBuilder initial(Duration initial) {
        this.initial = Objects.requireNonNull(initial, "initial");
        return this;
    }

    /** The longest wait between two tries; at least {@code initial}. Default 60 s. */
    public RetryPolicyBuilder maximum(Duration maximum) {
        this.maximum = Objects.requireNonNull(maximum, "maximum");
        return this;
    }

    /** How much each wait grows, 1.0 (constant) to 10.0. Default 2.0. */
    public RetryPolicyBuilder multiplier(double multiplier) {
        this.multiplier = multiplier;
        return this;
    }

    /**
     * How long after the first attempt a retry may still start, {@code PT0S} (no retries: the flow's
     * {@code redeliveryPolicy} then applies) to 1 h. Default 600 s.
     */
    public RetryPolicyBuilder deadline(Duration deadline) {
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        return this;
    }

    /** The statuses retried, 100 to 599 each, replacing the default 502, 503 and 504. */
    public RetryPolicyBuilder statusCodes(int... statusCodes) {
        List<Integer> codes = new ArrayList<>();
        for (int code : statusCodes) {
            codes.add(code);
        }
        this.statusCodes = codes;
        return this;
    }

    /**
     * Whether POST and PATCH are retried on a status too; default {@code false} (a duplicated order is worse than a
     * failed one). Failures before the request was sent are retried for every method.
     */
    public RetryPolicyBuilder retryNonIdempotent(boolean retryNonIdempotent) {
        this.retryNonIdempotent = retryNonIdempotent;
        return this;
    }

    RetryPolicySpec build() {
        return new RetryPolicySpec(initial, maximum, multiplier, deadline, statusCodes, retryNonIdempotent);
    }
}
