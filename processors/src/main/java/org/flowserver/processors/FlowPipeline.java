package org.flowserver.processors;

import java.util.List;
import org.apache.camel.Exchange;
import org.flowserver.processors.trace.MessageRecorder;

/** The processors after the source, run in order on the thread that received the message. */
public final class FlowPipeline {

    private final FlowStep[] steps;

    FlowPipeline(List<FlowStep> steps) {
        this.steps = steps.toArray(new FlowStep[0]);
    }

    /**
     * Runs every processor on the message, stopping early when one filters it out; each adds its step to the
     * message's trace.
     *
     * @throws FlowStepException naming the processor that failed
     */
    public void run(Exchange exchange, MessageRecorder recorder) {
        for (FlowStep step : steps) {
            if (exchange.isRouteStop()) {
                return;
            }
            step.run(exchange, recorder);
        }
    }
}
