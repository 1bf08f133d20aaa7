package org.flowserver.processors.handoff;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.flowserver.dsl.DeadLetterStrategySpec;
import org.flowserver.dsl.FlowSpec;
import org.flowserver.dsl.HandoffSourceSpec;
import org.flowserver.processors.trace.MessageObserver;
import org.flowserver.processors.trace.MessageRecorder;
import org.flowserver.processors.trace.TraceError;
import org.flowserver.processors.trace.TracedFlow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A flow's {@code deadLetterStrategy} at runtime: hands each failed message to the dead-letter flow as a new
 * message, with the failed message's exchange properties, the error and lineage as {@code deadLetter.*}
 * properties, and the retained payload (if any). A delivery that fails is logged at ERROR and recorded as a
 * FAILED message of the dead-letter flow; it never fails or delays the answer the caller already has.
 */
public final class DeadLetters {

    public static final String ORIGINAL_MESSAGE_ID = "deadLetter.originalMessageId";
    public static final String FLOW_ID = "deadLetter.flowId";
    public static final String ERROR_CATEGORY = "deadLetter.error.category";
    public static final String ERROR_TYPE = "deadLetter.error.type";
    public static final String ERROR_MESSAGE = "deadLetter.error.message";
    public static final String ERROR_PROCESSOR_ID = "deadLetter.error.processorId";
    /** The type of a FAILED dead-letter trace when the delivery itself went wrong. */
    public static final String UNDELIVERABLE = "dead-letter-undeliverable";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final FlowSpec flow;
    private final Optional<DeadLetterStrategySpec> strategy;
    private final HandoffTargets targets;
    private final MessageObserver observer;

    public DeadLetters(FlowSpec flow, HandoffTargets targets, MessageObserver observer) {
        this.flow = flow;
        this.strategy = flow.deadLetterStrategy();
        this.targets = targets;
        this.observer = observer;
    }

    /** Whether preprocessing errors reach the dead-letter flow (the strategy's own flag). */
    public boolean forwardsPreprocessingErrors() {
        return strategy.map(DeadLetterStrategySpec::forwardMessagePreprocessingErrors).orElse(false);
    }

    /**
     * Delivers a failed message to the dead-letter flow, if the flow has one (and, for a preprocessing error,
     * if the strategy forwards those). Never throws.
     *
     * @param properties  the failed message's exchange properties when it failed
     * @param payload     the payload kept by {@code retainPayloadOnFailure}; empty delivers no payload
     * @param failed      the failed message's recorder, for its id and correlation id
     */
    public void deliver(CamelContext context, Map<String, Object> properties, Optional<Object> payload,
                        TraceError error, MessageRecorder failed) {
        if (strategy.isEmpty()) {
            return;
        }
        if (error.category().equals(TraceError.PREPROCESSING) && !strategy.get().forwardMessagePreprocessingErrors()) {
            return;
        }
        String deadLetterFlowId = strategy.get().flowId();
        Map<String, Object> deadLetterProperties = new LinkedHashMap<>(properties);
        deadLetterProperties.put(ORIGINAL_MESSAGE_ID, failed.messageId());
        deadLetterProperties.put(FLOW_ID, flow.id());
        deadLetterProperties.put(ERROR_CATEGORY, error.category());
        deadLetterProperties.put(ERROR_TYPE, error.type());
        deadLetterProperties.put(ERROR_MESSAGE, error.message());
        error.processorId().ifPresent(id -> deadLetterProperties.put(ERROR_PROCESSOR_ID, id));
        Handoff handoff = new Handoff(context, payload, deadLetterProperties, failed.messageId(), failed.correlationId());
        try {
            Optional<HandoffTarget> target = targets.find(flow.ownerId(), deadLetterFlowId);
            if (target.isEmpty()) {
                undeliverable(failed, deadLetterFlowId, "Flow '" + deadLetterFlowId + "' of owner '" + flow.ownerId()
                        + "' is not deployed; deploy it with a handoff source");
                return;
            }
            target.get().receive(handoff).ifPresent(deadLetterError -> log(failed, deadLetterFlowId,
                    "The dead-letter flow failed on the dead letter: " + deadLetterError.message()));
        } catch (RuntimeException e) {
            undeliverable(failed, deadLetterFlowId, e.getMessage());
        }
    }

    private void undeliverable(MessageRecorder failed, String deadLetterFlowId, String reason) {
        log(failed, deadLetterFlowId, "The dead letter could not be delivered: " + reason);
        MessageRecorder recorder = MessageRecorder.handedOff(observer, new TracedFlow(flow.ownerId(), deadLetterFlowId,
                deadLetterFlowId, HandoffSourceSpec.TYPE), UUID.randomUUID().toString(), failed.correlationId(),
                failed.messageId());
        recorder.failed(new TraceError(TraceError.PROCESSING, UNDELIVERABLE, "The dead letter of message "
                + failed.messageId() + " of flow '" + flow.id() + "' could not be delivered: " + reason,
                Optional.empty()));
    }

    private void log(MessageRecorder failed, String deadLetterFlowId, String message) {
        LOG.atError().addKeyValue("owner", flow.ownerId()).addKeyValue("flow", flow.id())
                .addKeyValue("deadLetterFlow", deadLetterFlowId).addKeyValue("messageId", failed.messageId())
                .log(message);
    }
}
