package org.flowserver.dsl;

import java.time.Duration;
import java.util.Objects;

/** Configures a {@link RedeliveryPolicySpec}; every setting starts at its {@link RedeliveryPolicySpec#DEFAULT}. */
public final class RedeliveryPolicyBuilder {

    private int maxAttempts = RedeliveryPolicySpec.DEFAULT.maxAttempts();
    private long initialDelayMillis = RedeliveryPolicySpec.DEFAULT.initialDelayMillis();
    private double multiplier = RedeliveryPolicySpec.DEFAULT.multiplier();
    private long maxDelayMillis = RedeliveryPolicySpec.DEFAULT.maxDelayMillis();

    RedeliveryPolicyBuilder() {
    }

    /** Attempts in all, the first one included; 1 never retries. Default 3. */
    public RedeliveryPolicyBuilder maxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
        return this;
    }

    /** The delay before the second attempt. Default 500 ms. */
    public RedeliveryPolicyBuilder initialDelay(Duration initialDelay) {
        this.initialDelayMillis = Objects.requireNonNull(initialDelay, "initialDelay").toMillis();
        return this;
    }

    /** How much each further delay grows; 1.0 keeps it constant. Default 2.0. */
    public RedeliveryPolicyBuilder multiplier(double multiplier) {
        this.multiplier = multiplier;
        return this;
    }

    /** The longest delay. Default 30 s. */
    public RedeliveryPolicyBuilder maxDelay(Duration maxDelay) {
        this.maxDelayMillis = Objects.requireNonNull(maxDelay, "maxDelay").toMillis();
        return this;
    }

    RedeliveryPolicySpec build() {
        return new RedeliveryPolicySpec(maxAttempts, initialDelayMillis, multiplier, maxDelayMillis);
    }
}
