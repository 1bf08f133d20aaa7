package org.flowserver.processors;

import org.apache.camel.Exchange;

/**
 * The runtime of a source: turns what arrived into a message, runs the pipeline, and answers the caller as
 * the flow's exchange pattern says.
 */
public interface FlowSource {

    /**
     * Handles one message; answers the caller itself, whatever happens.
     *
     * @param disabled  whether the flow is disabled: the message is still preprocessed (an invalid request
     *                  still gets its 4xx), then refused with 503 instead of running the pipeline
     */
    void handle(Exchange exchange, FlowPipeline pipeline, boolean disabled);
}
