package org.flowserver.processors;

import java.util.Optional;
import org.flowserver.dsl.FlowException;

/** A processor failed on a message. Names the processor; the cause says why. */
public final class FlowStepException extends FlowException {

    private final String processorId;
    private final Optional<Object> retainedPayload;

    FlowStepException(String processorId, String processorType, Throwable cause, Optional<Object> retainedPayload) {
        super("Processor '" + processorId + "' (" + processorType + ") failed: " + describe(cause), cause);
        this.processorId = processorId;
        this.retainedPayload = retainedPayload;
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
