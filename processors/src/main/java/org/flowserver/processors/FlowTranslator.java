package org.flowserver.processors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.camel.Processor;
import org.flowserver.dsl.ApiSpecId;
import org.flowserver.dsl.FilterSpec;
import org.flowserver.dsl.FlowSpec;
import org.flowserver.dsl.HandoffSourceSpec;
import org.flowserver.dsl.HandoffSpec;
import org.flowserver.dsl.InvalidFlowException;
import org.flowserver.dsl.LogSpec;
import org.flowserver.dsl.MapSpec;
import org.flowserver.dsl.Problem;
import org.flowserver.dsl.ProcessorSpec;
import org.flowserver.dsl.ProcessorVisitor;
import org.flowserver.dsl.RestApiSpec;
import org.flowserver.dsl.RestRequestSpec;
import org.flowserver.dsl.SetExchangePropertySpec;
import org.flowserver.dsl.SetPayloadSpec;
import org.flowserver.processors.access.AccessControl;
import org.flowserver.processors.handoff.DeadLetters;
import org.flowserver.processors.handoff.HandoffSource;
import org.flowserver.processors.handoff.HandoffTargets;
import org.flowserver.processors.openapi.ApiSpecNotFoundException;
import org.flowserver.processors.outbound.OutboundCalls;
import org.flowserver.processors.openapi.ApiSpecs;
import org.flowserver.processors.openapi.OpenApiEndpoint;
import org.flowserver.processors.openapi.ResolvedApiSpec;
import org.flowserver.processors.payload.JsonLimits;
import org.flowserver.processors.rest.GenericRestSource;
import org.flowserver.processors.rest.OpenApiRestSource;
import org.flowserver.processors.trace.MessageObserver;
import org.slf4j.event.Level;

/**
 * Turns a flow spec into its runtime: one translator per processor kind, a spec in and Camel processors out.
 * Everything that can fail is checked here, at deploy time, never on the first message.
 */
public final class FlowTranslator {

    private static final String API_SPEC_ID = "processors[0].apiSpecId";
    /** How long a {@code RequestResponse} caller waits unless the server says otherwise. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final ExpressionLimits limits;
    private final ApiSpecs apiSpecs;
    private final MessageObserver observer;
    private final HandoffTargets handoffTargets;
    private final Duration requestTimeout;
    private final AccessControl accounts;
    private final JsonLimits jsonLimits;
    private final Optional<RestRequestTranslator> restRequests;

    /** A translator whose flows cannot hand messages to other flows (there are none). */
    public FlowTranslator(ExpressionLimits limits, ApiSpecs apiSpecs, MessageObserver observer) {
        this(limits, apiSpecs, observer, HandoffTargets.NONE);
    }

    /**
     * @param limits          the bounds every expression evaluation runs within
     * @param apiSpecs        where the OpenAPI specs named by {@code apiSpecId} are found
     * @param observer        sees every message of every flow start and end (traces, metrics)
     * @param handoffTargets  where {@code handoff} processors and dead-letter strategies find their flows
     */
    public FlowTranslator(ExpressionLimits limits, ApiSpecs apiSpecs, MessageObserver observer,
                          HandoffTargets handoffTargets) {
        this(limits, apiSpecs, observer, handoffTargets, DEFAULT_REQUEST_TIMEOUT, AccessControl.NONE, JsonLimits.DEFAULT);
    }

    /**
     * @param limits          the bounds every expression evaluation runs within
     * @param apiSpecs        where the OpenAPI specs named by {@code apiSpecId} are found
     * @param observer        sees every message of every flow start and end (traces, metrics)
     * @param handoffTargets  where {@code handoff} processors and dead-letter strategies find their flows
     * @param requestTimeout  how long the caller of a {@code RequestResponse} flow waits before a 504; zero waits
     *                        as long as the flow takes
     * @param accounts        the service accounts that may call flows that are not public
     * @param jsonLimits      the bounds of JSON request bodies
     */
    public FlowTranslator(ExpressionLimits limits, ApiSpecs apiSpecs, MessageObserver observer,
                          HandoffTargets handoffTargets, Duration requestTimeout, AccessControl accounts,
                          JsonLimits jsonLimits) {
        this(limits, apiSpecs, observer, handoffTargets, requestTimeout, accounts, jsonLimits, Optional.empty());
    }

    /**
     * @param limits          the bounds every expression evaluation runs within
     * @param apiSpecs        where the OpenAPI specs named by {@code apiSpecId} are found
     * @param observer        sees every message of every flow start and end (traces, metrics)
     * @param handoffTargets  where {@code handoff} processors and dead-letter strategies find their flows
     * @param requestTimeout  how long the caller of a {@code RequestResponse} flow waits before a 504; zero waits
     *                        as long as the flow takes
     * @param accounts        the service accounts that may call flows that are not public
     * @param jsonLimits      the bounds of JSON request bodies, and of JSON answers to outbound calls
     * @param outbound        the clients, services and secrets of {@code restRequest} processors; without them a
     *                        flow with one is refused
     */
    public FlowTranslator(ExpressionLimits limits, ApiSpecs apiSpecs, MessageObserver observer,
                          HandoffTargets handoffTargets, Duration requestTimeout, AccessControl accounts,
                          JsonLimits jsonLimits, Optional<OutboundCalls> outbound) {
        this.restRequests = outbound.map(calls -> new RestRequestTranslator(calls, limits, jsonLimits));
        this.requestTimeout = requestTimeout;
        this.accounts = accounts;
        this.jsonLimits = jsonLimits;
        this.limits = limits;
        this.apiSpecs = apiSpecs;
        this.observer = observer;
        this.handoffTargets = handoffTargets;
    }

    /**
     * Translates a flow, resolving an {@code apiSpecId} of {@code latest} to the newest revision.
     *
     * @throws InvalidFlowException if the flow breaks a rule or uses something this server cannot provide
     */
    public CompiledFlow translate(FlowSpec flow) {
        return translate(flow, OptionalInt.empty());
    }

    /**
     * Translates a flow that was deployed before: an {@code apiSpecId} of {@code latest} resolves to the
     * revision it resolved to then, so that a restart never moves a flow to a spec uploaded since.
     *
     * @param pinnedRevision the revision {@code latest} resolved to at deploy time; empty for the newest
     * @throws InvalidFlowException if the flow breaks a rule or uses something this server cannot provide
     */
    public CompiledFlow translate(FlowSpec flow, OptionalInt pinnedRevision) {
        flow.validated();
        List<FlowStep> steps = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = 1; i < flow.processors().size(); i++) {
            ProcessorSpec processor = flow.processors().get(i);
            try {
                steps.add(new FlowStep(processor, processor.accept(new StepTranslator(flow, i)), logger(flow, processor)));
            } catch (InvalidFlowException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidFlowException(flow.id(), problems);
        }
        DeadLetters deadLetters = new DeadLetters(flow, handoffTargets, observer);
        if (flow.source() instanceof HandoffSourceSpec handoff) {
            return new CompiledFlow(flow, new HandoffSource(flow, handoff, observer, logger(flow, handoff), deadLetters),
                    new FlowPipeline(flow, steps), Optional.empty());
        }
        RestApiSpec restApi = (RestApiSpec) flow.source();
        if (restApi.apiSpecId().isEmpty()) {
            return new CompiledFlow(flow, GenericRestSource.create(flow, restApi, observer, logger(flow, restApi),
                    deadLetters, requestTimeout, accounts, jsonLimits),
                    new FlowPipeline(flow, steps), Optional.empty());
        }
        if (restApi.inboundTransformationStrategy().isPresent()) {
            throw new InvalidFlowException(flow.id(), List.of(new Problem("processors[0].inboundTransformationStrategy",
                    "applies to generic endpoints only; an endpoint with an apiSpecId accepts application/json "
                            + "bodies and validates them against the spec, so remove one of the two")));
        }
        ResolvedApiSpec resolved = resolve(flow, ApiSpecId.parse(restApi.apiSpecId().get()), pinnedRevision);
        OpenApiRestSource source;
        try {
            source = OpenApiRestSource.create(flow, restApi, resolved, observer, logger(flow, restApi), deadLetters,
                    requestTimeout, accounts, jsonLimits);
        } catch (OpenApiEndpoint.SpecProblemsException e) {
            e.problems().forEach(problem -> problems.add(new Problem(API_SPEC_ID,
                    "'" + resolved.apiSpecId() + "': " + problem)));
            throw new InvalidFlowException(flow.id(), problems);
        }
        return new CompiledFlow(flow, source, new FlowPipeline(flow, steps), Optional.of(resolved));
    }

    private ResolvedApiSpec resolve(FlowSpec flow, ApiSpecId id, OptionalInt pinnedRevision) {
        OptionalInt revision = id.revision().isPresent() ? id.revision() : pinnedRevision;
        try {
            return apiSpecs.resolve(flow.ownerId(), id.resourceId(), revision);
        } catch (ApiSpecNotFoundException e) {
            throw new InvalidFlowException(flow.id(), List.of(new Problem(API_SPEC_ID, "'" + id + "': "
                    + e.getMessage())));
        }
    }

    private static Optional<MessageLogger> logger(FlowSpec flow, ProcessorSpec processor) {
        return processor.common().messageLoggingStrategy()
                .map(strategy -> new MessageLogger(strategy, flow.ownerId(), flow.id(), processor));
    }

    private final class StepTranslator implements ProcessorVisitor<Processor> {

        private final FlowSpec flow;
        private final int index;

        StepTranslator(FlowSpec flow, int index) {
            this.flow = flow;
            this.index = index;
        }

        @Override
        public Processor restApi(RestApiSpec spec) {
            throw new IllegalArgumentException("restApi is a source; a validated flow has it first and only first");
        }

        @Override
        public Processor setExchangeProperty(SetExchangePropertySpec spec) {
            return new SetExchangePropertyStep(spec.propertyName(), expression(spec.source()));
        }

        @Override
        public Processor setPayload(SetPayloadSpec spec) {
            return new SetPayloadStep(expression(spec.source()));
        }

        @Override
        public Processor map(MapSpec spec) {
            return new SetPayloadStep(expression(spec.mapSpec()));
        }

        @Override
        public Processor filter(FilterSpec spec) {
            return new FilterStep(spec.id(), expression(spec.expression()));
        }

        @Override
        public Processor log(LogSpec spec) {
            return new LogStep(flow.ownerId(), flow.id(), spec.id(), Level.valueOf(spec.level().name()),
                    spec.expression().map(this::expression));
        }

        @Override
        public Processor handoff(HandoffSpec spec) {
            return new HandoffStep(flow.ownerId(), spec.flowId(), handoffTargets);
        }

        @Override
        public Processor handoffSource(HandoffSourceSpec spec) {
            throw new IllegalArgumentException("handoff without a flowId is a source; a validated flow has it first");
        }

        @Override
        public Processor restRequest(RestRequestSpec spec) {
            String path = "processors[" + index + "]";
            return restRequests.orElseThrow(() -> new InvalidFlowException(flow.id(), List.of(new Problem(path,
                    "is a restRequest, and this server was started without outbound calls"))))
                    .translate(flow, path, spec);
        }

        private Expression expression(String text) {
            return new Expression(text, flow.ownerId(), flow.id(), limits);
        }
    }
}
