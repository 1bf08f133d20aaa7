package org.flowserver.server.flows;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a flow serves, and the last change of that: an operator disables a flow with a reason and enables it
 * again.
 *
 * @param disabled   whether the flow refuses valid requests with 503
 * @param reason     why it was disabled; empty once enabled
 * @param changedBy  who made the last change
 * @param changedAt  when
 */
public record FlowState(boolean disabled, Optional<String> reason, String changedBy, Instant changedAt) {

    /** The longest reason accepted, in characters. */
    public static final int MAX_REASON_LENGTH = 1000;

    public FlowState {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(changedBy, "changedBy");
        Objects.requireNonNull(changedAt, "changedAt");
        if (disabled && reason.isEmpty()) {
            throw new IllegalArgumentException("a disabled flow has a reason");
        }
    }
}
