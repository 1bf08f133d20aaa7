package org.flowserver.processors.handoff;

import org.flowserver.dsl.FlowException;

/** A handed-off message was not taken by its target flow; the message says which flow and why. */
public final class HandoffException extends FlowException {

    /** The error type in traces, for example {@code handoff-target-missing}. */
    private final String type;

    public HandoffException(String type, String message) {
        super(message);
        this.type = type;
    }

    public String type() {
        return type;
    }
}
