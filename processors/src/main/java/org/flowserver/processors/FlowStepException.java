package org.flowserver.processors;

import org.flowserver.dsl.FlowException;

/** A processor failed on a message. Names the processor; the cause says why. */
public final class FlowStepException extends FlowException {

    private final String processorId;

    FlowStepException(String processorId, String processorType, Throwable cause) {
        super("Processor '" + processorId + "' (" + processorType + ") failed: " + describe(cause), cause);
        this.processorId = processorId;
    }

    public String processorId() {
        return processorId;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
