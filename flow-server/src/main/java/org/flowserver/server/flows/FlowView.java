package org.flowserver.server.flows;

import java.util.Objects;
import java.util.Optional;

/**
 * A deployed flow as the management API shows it.
 *
 * @param stored  the flow as stored
 * @param error   why the flow is not serving, when it could not start (for example after a restart)
 * @param state   the last disable or enable; empty if the flow was never disabled (it is enabled)
 */
public record FlowView(StoredFlow stored, Optional<String> error, Optional<FlowState> state) {

    public FlowView {
        Objects.requireNonNull(stored, "stored");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(state, "state");
    }

    /** Whether an operator has disabled the flow. */
    public boolean disabled() {
        return state.map(FlowState::disabled).orElse(false);
    }

    /** Whether the flow's endpoints are serving. */
    public boolean active() {
        return error.isEmpty();
    }
}
