package org.flowserver.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Builds a {@link FlowSpec}: the source first, then the other processors in the order they are added.
 * {@link #build()} validates the whole flow. Obtain one from {@link Flow#builder(String)}.
 */
public final class FlowBuilder {

    private final String id;
    private String ownerId = "";
    private String description = "";
    private ExchangePattern exchangePattern = ExchangePattern.RequestResponse;
    private final List<ProcessorSpec> processors = new ArrayList<>();
    private final List<Problem> builderProblems = new ArrayList<>();
    private Optional<DeadLetterStrategySpec> deadLetterStrategy = Optional.empty();
    private Optional<RedeliveryPolicySpec> redeliveryPolicy = Optional.empty();

    FlowBuilder(String id) {
        this.id = Objects.requireNonNull(id, "id");
    }

    /** The owner of the flow, the first segment of its endpoints' paths. Required. */
    public FlowBuilder ownerId(String ownerId) {
        this.ownerId = Objects.requireNonNull(ownerId, "ownerId");
        return this;
    }

    /** Free text describing the flow. */
    public FlowBuilder description(String description) {
        this.description = Objects.requireNonNull(description, "description");
        return this;
    }

    /** How callers are answered; default {@link ExchangePattern#RequestResponse}. */
    public FlowBuilder exchangePattern(ExchangePattern exchangePattern) {
        this.exchangePattern = Objects.requireNonNull(exchangePattern, "exchangePattern");
        return this;
    }

    /** Adds a generic {@code restApi} source with every setting at its default. */
    public FlowBuilder restApi(String id) {
        return restApi(id, r -> { });
    }

    /** Adds a {@code restApi} source configured by {@code configurator}. */
    public FlowBuilder restApi(String id, Consumer<RestApiBuilder> configurator) {
        return add(new RestApiBuilder(id), configurator);
    }

    /** Adds a processor that sets {@code propertyName} to the result of the JSONata expression {@code source}. */
    public FlowBuilder setExchangeProperty(String id, String propertyName, String source) {
        return setExchangeProperty(id, p -> p.propertyName(propertyName).source(source));
    }

    /** Adds a {@code setExchangeProperty} processor configured by {@code configurator}. */
    public FlowBuilder setExchangeProperty(String id, Consumer<SetExchangePropertyBuilder> configurator) {
        return add(new SetExchangePropertyBuilder(id), configurator);
    }

    /** Adds a processor that replaces the payload with the result of the JSONata expression {@code source}. */
    public FlowBuilder setPayload(String id, String source) {
        return setPayload(id, p -> p.source(source));
    }

    /** Adds a {@code setPayload} processor configured by {@code configurator}. */
    public FlowBuilder setPayload(String id, Consumer<SetPayloadBuilder> configurator) {
        return add(new SetPayloadBuilder(id), configurator);
    }

    /** Adds a processor that maps the payload with the JSONata expression {@code mapSpec}. */
    public FlowBuilder map(String id, String mapSpec) {
        return map(id, m -> m.mapSpec(mapSpec));
    }

    /** Adds a {@code map} processor configured by {@code configurator}. */
    public FlowBuilder map(String id, Consumer<MapBuilder> configurator) {
        return add(new MapBuilder(id), configurator);
    }

    /** Adds a processor that lets a message continue only when the JSONata {@code expression} holds. */
    public FlowBuilder filter(String id, String expression) {
        return filter(id, f -> f.expression(expression));
    }

    /** Adds a {@code filter} processor configured by {@code configurator}. */
    public FlowBuilder filter(String id, Consumer<FilterBuilder> configurator) {
        return add(new FilterBuilder(id), configurator);
    }

    /** Adds a {@code log} processor configured by {@code configurator}. */
    public FlowBuilder log(String id, Consumer<LogBuilder> configurator) {
        return add(new LogBuilder(id), configurator);
    }

    /**
     * Adds a {@code handoff} source: the flow has no endpoint and receives only messages handed to it by
     * other flows of the same owner ({@code handoff} processors, dead-letter strategies).
     */
    public FlowBuilder handoffSource(String id) {
        return handoffSource(id, h -> { });
    }

    /** Adds a {@code handoff} source configured by {@code configurator}. */
    public FlowBuilder handoffSource(String id, Consumer<HandoffSourceBuilder> configurator) {
        return add(new HandoffSourceBuilder(id), configurator);
    }

    /** Adds a processor that hands the message on to the flow {@code flowId} of the same owner. */
    public FlowBuilder handoff(String id, String flowId) {
        return handoff(id, h -> h.flowId(flowId));
    }

    /** Adds a {@code handoff} processor configured by {@code configurator}. */
    public FlowBuilder handoff(String id, Consumer<HandoffBuilder> configurator) {
        return add(new HandoffBuilder(id), configurator);
    }

    /**
     * Adds a {@code restRequest} processor, an outbound HTTP call, configured by {@code configurator}:
     * {@code f.restRequest("get-customer", r -> r.service("crm").path("customers/{payload.id}"))}.
     * See {@link RestRequestBuilder} for the settings and their defaults.
     */
    public FlowBuilder restRequest(String id, Consumer<RestRequestBuilder> configurator) {
        return add(new RestRequestBuilder(id), configurator);
    }

    /** Adds a processor spec built elsewhere. */
    public FlowBuilder processor(ProcessorSpec processor) {
        processors.add(Objects.requireNonNull(processor, "processor"));
        return this;
    }

    /** Sends failed messages to the flow {@code flowId} of the same owner. */
    public FlowBuilder deadLetterStrategy(String flowId) {
        return deadLetterStrategy(d -> d.flowId(flowId));
    }

    /** Sets where failed messages go, configured by {@code configurator}. */
    public FlowBuilder deadLetterStrategy(Consumer<DeadLetterStrategyBuilder> configurator) {
        DeadLetterStrategyBuilder builder = new DeadLetterStrategyBuilder();
        configurator.accept(builder);
        this.deadLetterStrategy = Optional.of(builder.build());
        return this;
    }

    /** Sets how transient failures are retried, configured by {@code configurator}; see {@link RedeliveryPolicySpec}. */
    public FlowBuilder redeliveryPolicy(Consumer<RedeliveryPolicyBuilder> configurator) {
        RedeliveryPolicyBuilder builder = new RedeliveryPolicyBuilder();
        configurator.accept(builder);
        this.redeliveryPolicy = Optional.of(builder.build());
        return this;
    }

    /**
     * The flow, validated.
     *
     * @throws InvalidFlowException listing every problem with its path, if the flow breaks any rule: first what a
     *                              processor builder could not put in its spec (such as a {@code restRequest} with
     *                              two targets), then the flow's rules
     */
    public FlowSpec build() {
        FlowSpec flow = new FlowSpec(id, ownerId, description, exchangePattern, processors, deadLetterStrategy,
                redeliveryPolicy);
        if (builderProblems.isEmpty()) {
            return flow.validated();
        }
        List<Problem> problems = new ArrayList<>(builderProblems);
        problems.addAll(flow.problems());
        throw new InvalidFlowException(id, problems);
    }

    private <B extends ProcessorBuilder<B>> FlowBuilder add(B builder, Consumer<B> configurator) {
        configurator.accept(builder);
        String path = "processors[" + processors.size() + "]";
        builder.problems().forEach(problem -> builderProblems.add(problem.under(path)));
        processors.add(builder.build());
        return this;
    }
}
