package org.flowserver.processors.handoff;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.flowserver.dsl.FlowSpec;
import org.flowserver.dsl.HandoffSourceSpec;
import org.flowserver.processors.FlowPipeline;
import org.flowserver.processors.FlowSource;
import org.flowserver.processors.FlowStepException;
import org.flowserver.processors.MessageLogger;
import org.flowserver.processors.TypedFailure;
import org.flowserver.processors.trace.MessageObserver;
import org.flowserver.processors.trace.MessageRecorder;
import org.flowserver.processors.trace.TraceError;
import org.flowserver.processors.trace.TracedFlow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code handoff} source: a flow without an endpoint that runs messages handed to it by other flows of
 * its owner. Each one is a new message (a new id, the sender's correlation id, the sender as its
 * {@code originalMessageId}) that runs at once on the sender's thread and is traced like any other.
 */
public final class HandoffSource implements FlowSource {

    /** Deeper chains of handoffs on one thread are refused: a cycle of flows would never end otherwise. */
    static final int MAX_DEPTH = 8;
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private static final Logger LOG = LoggerFactory.getLogger(HandoffSource.class);

    private final FlowSpec flow;
    private final TracedFlow traced;
    private final MessageObserver observer;
    private final Map<String, String> exchangeProperties;
    private final Optional<MessageLogger> logger;
    private final DeadLetters deadLetters;
    private final boolean retainPayloadOnFailure;

    public HandoffSource(FlowSpec flow, HandoffSourceSpec spec, MessageObserver observer, Optional<MessageLogger> logger,
                         DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
        this.retainPayloadOnFailure = spec.common().retainPayloadOnFailure();
        this.flow = flow;
        this.traced = new TracedFlow(flow.ownerId(), flow.id(), spec.common().name().orElse(flow.id()), spec.type());
        this.observer = observer;
        this.exchangeProperties = spec.common().exchangePropertyMap();
        this.logger = logger;
    }

    /** A handoff flow has no endpoint, so no request ever reaches it. */
    @Override
    public CompletableFuture<Void> handle(Exchange exchange, FlowPipeline pipeline, boolean disabled) {
        throw new IllegalStateException("Flow '" + flow.id() + "' has a handoff source and no endpoint");
    }

    /**
     * Runs one handed-off message through the flow and records it.
     *
     * @return the error it failed with; empty when it completed
     * @throws HandoffException when the flow is disabled or the chain is too deep; nothing is recorded then,
     *                          the sender records why
     */
    public Optional<TraceError> receive(Handoff handoff, FlowPipeline pipeline, boolean disabled) {
        int[] depth = DEPTH.get();
        if (depth[0] >= MAX_DEPTH) {
            throw new HandoffException("handoff-too-deep", "Flow '" + flow.id() + "' of owner '" + flow.ownerId()
                    + "' was not given the message: it is more than " + MAX_DEPTH
                    + " handoffs away from the message that arrived; do flows hand messages to each other in a cycle?");
        }
        Exchange exchange = new DefaultExchange(handoff.context());
        String messageId = exchange.getExchangeId();
        if (disabled) {
            throw new HandoffException(HandoffException.TARGET_DISABLED, "Flow '" + flow.id() + "' of owner '"
                    + flow.ownerId() + "' is disabled and refused the message (its id " + messageId + ")");
        }
        MessageRecorder recorder = MessageRecorder.handedOff(observer, traced, messageId, handoff.correlationId(),
                handoff.originalMessageId());
        handoff.properties().forEach(exchange::setProperty);
        exchangeProperties.forEach(exchange::setProperty);
        exchange.getIn().setBody(handoff.payload().orElse(null));
        logger.ifPresent(log -> log.log(exchange));
        recorder.started();
        Object incoming = exchange.getIn().getBody();
        depth[0]++;
        try {
            pipeline.run(exchange, recorder);
        } catch (FlowStepException e) {
            LOG.atError().addKeyValue("owner", flow.ownerId()).addKeyValue("flow", flow.id())
                    .addKeyValue("processor", e.processorId()).addKeyValue("messageId", messageId)
                    .setCause(e.getCause()).log(e.getMessage());
            Throwable cause = e.getCause() == null ? e : e.getCause();
            TraceError error = new TraceError(e.category(), TypedFailure.of(cause), e.getMessage(),
                    Optional.of(e.processorId()));
            recorder.failed(error);
            deadLetters.deliver(exchange.getContext(), exchange.getProperties(), e.retainedPayload()
                    .or(() -> retainPayloadOnFailure ? Optional.ofNullable(incoming) : Optional.empty()), error, recorder);
            return Optional.of(error);
        } finally {
            depth[0]--;
        }
        recorder.completed();
        return Optional.empty();
    }
}
