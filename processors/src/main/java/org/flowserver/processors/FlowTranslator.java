package org.flowserver.processors;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Processor;
import org.flowserver.dsl.FilterSpec;
import org.flowserver.dsl.FlowSpec;
import org.flowserver.dsl.InvalidFlowException;
import org.flowserver.dsl.LogSpec;
import org.flowserver.dsl.MapSpec;
import org.flowserver.dsl.Problem;
import org.flowserver.dsl.ProcessorSpec;
import org.flowserver.dsl.ProcessorVisitor;
import org.flowserver.dsl.RestApiSpec;
import org.flowserver.dsl.SetExchangePropertySpec;
import org.flowserver.dsl.SetPayloadSpec;
import org.flowserver.processors.rest.GenericRestSource;
import org.slf4j.event.Level;

/**
 * Turns a flow spec into its runtime: one translator per processor kind, a spec in and Camel processors out.
 * Everything that can fail is checked here, at deploy time, never on the first message.
 */
public final class FlowTranslator {

    private final ExpressionLimits limits;

    public FlowTranslator(ExpressionLimits limits) {
        this.limits = limits;
    }

    /**
     * Translates a flow.
     *
     * @throws InvalidFlowException if the flow breaks a rule or uses something this server cannot provide
     */
    public CompiledFlow translate(FlowSpec flow) {
        flow.validated();
        List<FlowStep> steps = new ArrayList<>();
        for (ProcessorSpec processor : flow.processors().subList(1, flow.processors().size())) {
            steps.add(new FlowStep(processor, processor.accept(new StepTranslator(flow)), logger(flow, processor)));
        }
        return new CompiledFlow(flow, source(flow), new FlowPipeline(steps));
    }

    private FlowSource source(FlowSpec flow) {
        RestApiSpec restApi = (RestApiSpec) flow.source();
        if (restApi.apiSpecId().isPresent()) {
            throw new InvalidFlowException(flow.id(), List.of(new Problem("processors[0].apiSpecId",
                    "'" + restApi.apiSpecId().get() + "' names an OpenAPI spec, but this server version exposes "
                            + "only generic restApi endpoints; remove apiSpecId to expose a generic endpoint")));
        }
        return GenericRestSource.create(flow, restApi, logger(flow, restApi));
    }

    private static Optional<MessageLogger> logger(FlowSpec flow, ProcessorSpec processor) {
        return processor.common().messageLoggingStrategy()
                .map(strategy -> new MessageLogger(strategy, flow.ownerId(), flow.id(), processor));
    }

    private final class StepTranslator implements ProcessorVisitor<Processor> {

        private final FlowSpec flow;

        StepTranslator(FlowSpec flow) {
            this.flow = flow;
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

        private Expression expression(String text) {
            return new Expression(text, flow.ownerId(), flow.id(), limits);
        }
    }
}
