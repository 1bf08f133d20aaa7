package org.flowserver.processors;

import java.util.Optional;
import org.apache.camel.Exchange;
import org.flowserver.processors.handoff.Handoff;
import org.flowserver.processors.handoff.HandoffException;
import org.flowserver.processors.handoff.HandoffTargets;
import org.flowserver.processors.trace.MessageRecorder;

/**
 * Hands a copy of the message to another flow of the owner and goes on with the message unchanged. The
 * target runs first, on this thread; what it does with its copy, and whether it fails, is its own business
 * (its own trace, its own dead-letter flow). Only a target that does not take the message fails this step.
 */
final class HandoffStep implements FlowStep.MessageProcessor {

    private final String ownerId;
    private final String targetFlowId;
    private final HandoffTargets targets;

    HandoffStep(String ownerId, String targetFlowId, HandoffTargets targets) {
        this.ownerId = ownerId;
        this.targetFlowId = targetFlowId;
        this.targets = targets;
    }

    @Override
    public void process(Exchange exchange, MessageRecorder recorder) {
        Handoff handoff = new Handoff(exchange.getContext(), Optional.ofNullable(exchange.getMessage().getBody()),
                exchange.getProperties(), recorder.messageId(), recorder.correlationId());
        targets.find(ownerId, targetFlowId)
                .orElseThrow(() -> new HandoffException("handoff-target-missing", "Flow '" + targetFlowId
                        + "' of owner '" + ownerId + "' is not deployed; deploy it with a handoff source"))
                .receive(handoff);
    }
}
