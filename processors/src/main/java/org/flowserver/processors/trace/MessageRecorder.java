package org.flowserver.processors.trace;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records one message as it goes: the source creates it when the request arrives, the pipeline adds a step per
 * processor, and the source ends it. Each change of state goes to the {@link MessageObserver} as an immutable
 * {@link MessageTrace}. Used by the message's own thread only. Times come from one wall-clock reading at the
 * start plus the monotonic clock, so durations are exact and never negative.
 */
public final class MessageRecorder {

    private final MessageObserver observer;
    private final TracedFlow flow;
    private final String messageId;
    private final String correlationId;
    private final Optional<String> originalMessageId;
    private final Instant start;
    private final long startNanos;
    private final List<AttemptTrace> earlierAttempts = new ArrayList<>(0);
    private List<StepTrace> steps = new ArrayList<>();
    private long messageSize;
    private Optional<String> principal = Optional.empty();
    private Instant attemptStart;
    private boolean ended;

    private MessageRecorder(MessageObserver observer, TracedFlow flow, String messageId, String correlationId,
                            Optional<String> originalMessageId) {
        this.observer = observer;
        this.flow = flow;
        this.messageId = messageId;
        this.correlationId = correlationId;
        this.originalMessageId = originalMessageId;
        this.startNanos = System.nanoTime();
        this.start = Instant.now();
    }

    /** Starts recording a message that has just arrived. */
    public static MessageRecorder arrived(MessageObserver observer, TracedFlow flow, String messageId,
                                          String correlationId) {
        return new MessageRecorder(observer, flow, messageId, correlationId, Optional.empty());
    }

    /**
     * Starts recording a message handed on from another message (a {@code handoff} processor or a dead
     * letter): it keeps the sender's correlation id, and its trace names the sender as its original message.
     */
    public static MessageRecorder handedOff(MessageObserver observer, TracedFlow flow, String messageId,
                                            String correlationId, String originalMessageId) {
        return new MessageRecorder(observer, flow, messageId, correlationId, Optional.of(originalMessageId));
    }

    public String messageId() {
        return messageId;
    }

    public String correlationId() {
        return correlationId;
    }

    /** The size of the inbound entity in bytes. */
    public void messageSize(long bytes) {
        this.messageSize = bytes;
    }

    /** The service account that sent the message. */
    public void principal(String account) {
        this.principal = Optional.of(account);
    }

    /** The message passed preprocessing; its first attempt begins. */
    public void started() {
        attemptStart = now();
        observer.started(snapshot(TraceState.IN_FLIGHT, Optional.empty(), Optional.empty()));
    }

    /** The current attempt failed transiently and the message is tried again: a new attempt begins now. */
    public void retrying() {
        earlierAttempts.add(new AttemptTrace(earlierAttempts.size() + 1, attemptStart, steps));
        steps = new ArrayList<>();
        attemptStart = now();
    }

    /** The current instant, on this message's clock. */
    public Instant now() {
        return start.plusNanos(System.nanoTime() - startNanos);
    }

    /** A processor finished its step. */
    public void step(StepTrace step) {
        steps.add(step);
    }

    /** The message went through its flow and was answered. */
    public void completed() {
        end(TraceState.COMPLETED, Optional.empty());
    }

    /** The message failed after it started. */
    public void failed(TraceError error) {
        end(TraceState.FAILED, Optional.of(error));
    }

    /** The message was refused before its flow ran (parsing, validation). */
    public void rejected(TraceError error) {
        end(TraceState.REJECTED, Optional.of(error));
    }

    private void end(TraceState state, Optional<TraceError> error) {
        if (ended) {
            return;
        }
        ended = true;
        observer.finished(snapshot(state, Optional.of(now()), error));
    }

    private MessageTrace snapshot(TraceState state, Optional<Instant> end, Optional<TraceError> error) {
        List<AttemptTrace> attempts;
        if (attemptStart == null) {
            attempts = List.of();
        } else if (earlierAttempts.isEmpty()) {
            attempts = List.of(new AttemptTrace(1, attemptStart, steps));
        } else {
            attempts = new ArrayList<>(earlierAttempts);
            attempts.add(new AttemptTrace(earlierAttempts.size() + 1, attemptStart, steps));
        }
        return new MessageTrace(messageId, correlationId, originalMessageId, flow.ownerId(), flow.flowId(),
                flow.flowName(), flow.origin(), state, start, end, messageSize, principal, error, attempts);
    }
}
