package org.flowserver.processors;

import org.apache.camel.Exchange;
import org.flowserver.dsl.FlowSpec;

/**
 * A flow translated into runtime parts, ready to handle messages. Immutable and shareable between threads;
 * a redeploy builds a new one.
 */
public final class CompiledFlow {

    private final FlowSpec spec;
    private final FlowSource source;
    private final FlowPipeline pipeline;

    CompiledFlow(FlowSpec spec, FlowSource source, FlowPipeline pipeline) {
        this.spec = spec;
        this.source = source;
        this.pipeline = pipeline;
    }

    public FlowSpec spec() {
        return spec;
    }

    /** Handles one message that arrived at this flow's source. */
    public void handle(Exchange exchange) {
        source.handle(exchange, pipeline);
    }
}
