package org.flowserver.dsl;

import java.util.Objects;

/**
 * Where a flow's failed messages go.
 *
 * @param flowId                             the dead-letter flow, another flow of the same owner
 * @param forwardMessagePreprocessingErrors  whether errors of the source's preprocessing (parsing,
 *                                           validation, credentials) are forwarded too, when the source
 *                                           also forwards them; default {@code false}
 */
public record DeadLetterStrategySpec(String flowId, boolean forwardMessagePreprocessingErrors) {

    public DeadLetterStrategySpec {
        Objects.requireNonNull(flowId, "flowId");
    }
}
