package org.flowserver.server.flows;

import java.util.Objects;
import java.util.Optional;

/**
 * A deployed flow as the management API shows it.
 *
 * @param stored  the flow as stored
 * @param error   why the flow is not serving, when it could not start (for example after a restart)
 */
public record FlowView(StoredFlow stored, Optional<String> error) {

    public FlowView {
        Objects.requireNonNull(stored, "stored");
        Objects.requireNonNull(error, "error");
    }

    /** Whether the flow's endpoints are serving. */
    public boolean active() {
        return error.isEmpty();
    }
}
