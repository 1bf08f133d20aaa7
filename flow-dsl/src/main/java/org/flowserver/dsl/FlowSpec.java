package org.flowserver.dsl;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A flow: a source and the processors that handle each message it receives. Build one with
 * {@link Flow#define} or {@link Flow#builder}, or read its JSON form with {@link FlowJson#read}; both
 * validate it and report every problem at once.
 *
 * @param id                  {@code [a-zA-Z][a-zA-Z0-9_-]{2,29}}, unique per owner
 * @param ownerId             {@code [a-zA-Z][a-zA-Z0-9_-]{2,29}}; the first segment of the flow's endpoints
 * @param description         free text; default empty
 * @param exchangePattern     how callers are answered; default {@link ExchangePattern#RequestResponse}
 * @param processors          the source first, then the other processors in order
 * @param deadLetterStrategy  where failed messages go; absent means they are only recorded
 * @param redeliveryPolicy    how transient failures are retried; absent means {@link RedeliveryPolicySpec#DEFAULT}
 */
public record FlowSpec(String id, String ownerId, String description, ExchangePattern exchangePattern,
                       List<ProcessorSpec> processors, Optional<DeadLetterStrategySpec> deadLetterStrategy,
                       Optional<RedeliveryPolicySpec> redeliveryPolicy) {

    public FlowSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(exchangePattern, "exchangePattern");
        processors = List.copyOf(processors);
        Objects.requireNonNull(deadLetterStrategy, "deadLetterStrategy");
        Objects.requireNonNull(redeliveryPolicy, "redeliveryPolicy");
    }

    /** A flow with the default redelivery policy. */
    public FlowSpec(String id, String ownerId, String description, ExchangePattern exchangePattern,
                    List<ProcessorSpec> processors, Optional<DeadLetterStrategySpec> deadLetterStrategy) {
        this(id, ownerId, description, exchangePattern, processors, deadLetterStrategy, Optional.empty());
    }

    /** The redelivery policy in force: the flow's own, else {@link RedeliveryPolicySpec#DEFAULT}. */
    public RedeliveryPolicySpec redelivery() {
        return redeliveryPolicy.orElse(RedeliveryPolicySpec.DEFAULT);
    }

    /**
     * The source of this flow.
     *
     * @throws IllegalStateException if the flow does not start with a source; a validated flow always does
     */
    public SourceSpec source() {
        if (!processors.isEmpty() && processors.get(0) instanceof SourceSpec source) {
            return source;
        }
        throw new IllegalStateException("Flow '" + id + "' does not start with a source");
    }

    /** Every problem of this flow, empty when it is valid. */
    public List<Problem> problems() {
        return FlowValidator.problems(this);
    }

    /**
     * Returns this flow if it is valid.
     *
     * @throws InvalidFlowException listing every problem, if it is not
     */
    public FlowSpec validated() {
        List<Problem> problems = problems();
        if (!problems.isEmpty()) {
            throw new InvalidFlowException(id, problems);
        }
        return this;
    }
}
