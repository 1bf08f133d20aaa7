package org.flowserver.processors;

import org.apache.camel.Exchange;
import java.util.Optional;
import org.flowserver.dsl.FlowSpec;
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

    /** Handles one message that arrived at this flow's source. */
    public void handle(Exchange exchange) {
        source.handle(exchange, pipeline);
    }
}
