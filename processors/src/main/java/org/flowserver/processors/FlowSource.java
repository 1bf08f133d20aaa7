package org.flowserver.processors;

import java.util.concurrent.CompletableFuture;
import org.apache.camel.Exchange;

/**
 * The runtime of a source: turns what arrived into a message, runs the pipeline, and answers the caller as
 * the flow's exchange pattern says.
 */
public interface FlowSource {

    /**
     * Handles one message; answers the caller itself, whatever happens. Returns once the message is under way: it
     * may still be waiting for an outbound call, without holding this thread.
     *
     * @param disabled  whether the flow is disabled: the message is still preprocessed (an invalid request
     *                  still gets its 4xx), then refused with 503 instead of running the pipeline
     * @return completes when the message is done (answered, traced, handed to its dead-letter flow if it failed)
     */
    CompletableFuture<Void> handle(Exchange exchange, FlowPipeline pipeline, boolean disabled);
}
