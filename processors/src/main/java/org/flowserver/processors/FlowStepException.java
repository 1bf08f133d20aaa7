package org.flowserver.processors;

import java.util.Optional;
import org.flowserver.dsl.FlowException;
import org.flowserver.processors.trace.TraceError;

/** A processor failed on a message. Names the processor; the cause says why. */
public final class FlowStepException extends FlowException {

    private final String processorId;
    private final String processorType;
    private final Optional<Object> retainedPayload;
    private final int attempts;

    FlowStepException(String processorId, String processorType, Throwable cause, Optional<Object> retainedPayload) {
        this(processorId, processorType, cause, retainedPayload, 1);
    }

    private FlowStepException(String processorId, String processorType, Throwable cause,
                              Optional<Object> retainedPayload, int attempts) {
        super("Processor '" + processorId + "' (" + processorType + ") failed"
                + (attempts > 1 ? " on each of " + attempts + " attempts" : "") + ": " + describe(cause), cause);
        this.processorId = processorId;
        this.processorType = processorType;
        this.retainedPayload = retainedPayload;
        this.attempts = attempts;
    }

    /** This failure, as the last of {@code attempts} attempts that all failed transiently. */
    FlowStepException exhausted(int attempts) {
        return new FlowStepException(processorId, processorType, getCause(), retainedPayload, attempts);
    }

    /** How many attempts failed; more than 1 only when every attempt failed transiently. */
    public int attempts() {
        return attempts;
    }

    /**
     * The trace's error category: {@value TraceError#TRANSIENT_EXHAUSTED} when transient failures used up the
     * redelivery policy's attempts, else {@value TraceError#PROCESSING}.
     */
    public String category() {
        return attempts > 1 || TransientFailure.isTransient(getCause()) ? TraceError.TRANSIENT_EXHAUSTED
                : TraceError.PROCESSING;
    }

    /** The payload the processor received, when it has {@code retainPayloadOnFailure}; else empty. */
    public Optional<Object> retainedPayload() {
        return retainedPayload;
    }

    public String processorId() {
        return processorId;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
