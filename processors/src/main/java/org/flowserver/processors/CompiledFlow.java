package org.flowserver.processors;

import org.apache.camel.Exchange;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.flowserver.dsl.FlowSpec;
import org.flowserver.processors.handoff.Handoff;
import org.flowserver.processors.handoff.HandoffException;
import org.flowserver.processors.handoff.HandoffSource;
import org.flowserver.processors.trace.TraceError;
import org.flowserver.processors.openapi.ResolvedApiSpec;

/**
 * A flow translated into runtime parts, ready to handle messages. Immutable and shareable between threads;
 * a redeploy builds a new one.
 */
public final class CompiledFlow {

    private final FlowSpec spec;
    private final FlowSource source;
    private final FlowPipeline pipeline;
    private final Optional<ResolvedApiSpec> apiSpec;

    CompiledFlow(FlowSpec spec, FlowSource source, FlowPipeline pipeline, Optional<ResolvedApiSpec> apiSpec) {
        this.spec = spec;
        this.source = source;
        this.pipeline = pipeline;
        this.apiSpec = apiSpec;
    }

    public FlowSpec spec() {
        return spec;
    }

    /** The spec revision the flow's {@code apiSpecId} resolved to; empty for a generic endpoint. */
    public Optional<ResolvedApiSpec> apiSpec() {
        return apiSpec;
    }

    /**
     * Handles one message that arrived at this flow's source.
     *
     * @param disabled whether the flow is disabled (the source refuses valid messages with 503)
     * @return completes when the message is done; the caller has had its answer by then
     */
    public CompletableFuture<Void> handle(Exchange exchange, boolean disabled) {
        return source.handle(exchange, pipeline, disabled);
    }

    /** Whether the flow has an HTTP endpoint; a flow with a handoff source has none. */
    public boolean hasEndpoint() {
        return !(source instanceof HandoffSource);
    }

    /**
     * Runs a message handed to this flow by another flow of its owner.
     *
     * @param disabled whether the flow is disabled (it then refuses the message)
     * @return the error the new message failed with; empty when it completed
     * @throws HandoffException when the flow does not take handoffs or refuses this one
     */
    public Optional<TraceError> receive(Handoff handoff, boolean disabled) {
        if (source instanceof HandoffSource handoffSource) {
            return handoffSource.receive(handoff, pipeline, disabled);
        }
        throw new HandoffException("handoff-target-not-handoff", "Flow '" + spec.id() + "' of owner '"
                + spec.ownerId() + "' has a " + spec.source().type()
                + " source and takes no handoffs; a target flow starts with a handoff source");
    }
}
