package org.flowserver.processors;

import org.apache.camel.Exchange;

/**
 * The runtime of a source: turns what arrived into a message, runs the pipeline, and answers the caller as
 * the flow's exchange pattern says.
 */
public interface FlowSource {

    /** Handles one message; answers the caller itself, whatever happens. */
    void handle(Exchange exchange, FlowPipeline pipeline);
}
