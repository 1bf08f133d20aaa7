package org.flowserver.processors.handoff;

import org.flowserver.dsl.FlowException;
import org.flowserver.processors.TransientFailure;
import org.flowserver.processors.TypedFailure;

/**
 * A handed-off message was not taken by its target flow; the message says which flow and why. Only a disabled
 * target is a transient failure: it may be enabled again, while a missing target or a cycle stays as it is.
 */
public final class HandoffException extends FlowException implements TransientFailure, TypedFailure {

    /** The error type of a disabled target. */
    public static final String TARGET_DISABLED = "handoff-target-disabled";

    /** The error type in traces, for example {@code handoff-target-missing}. */
    private final String type;

    public HandoffException(String type, String message) {
        super(message);
        this.type = type;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public boolean isTransient() {
        return TARGET_DISABLED.equals(type);
    }
}
