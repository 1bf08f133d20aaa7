package org.flowserver.dsl;

import java.util.Objects;

/** Configures a {@link DeadLetterStrategySpec}. */
public final class DeadLetterStrategyBuilder {

    private String flowId = "";
    private boolean forwardMessagePreprocessingErrors;

    DeadLetterStrategyBuilder() {
    }

    /** The dead-letter flow, another flow of the same owner. Required. */
    public DeadLetterStrategyBuilder flowId(String flowId) {
        this.flowId = Objects.requireNonNull(flowId, "flowId");
        return this;
    }

    /** Also forward preprocessing errors of sources that forward them; default {@code false}. */
    public DeadLetterStrategyBuilder forwardMessagePreprocessingErrors(boolean forward) {
        this.forwardMessagePreprocessingErrors = forward;
        return this;
    }

    DeadLetterStrategySpec build() {
        return new DeadLetterStrategySpec(flowId, forwardMessagePreprocessingErrors);
    }
}
