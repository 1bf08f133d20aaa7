package org.flowserver.server.flows;

import java.util.Objects;

/** A flow's identity: its owner and id. */
public record FlowKey(String ownerId, String flowId) implements Comparable<FlowKey> {

    public FlowKey {
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(flowId, "flowId");
    }

    @Override
    public int compareTo(FlowKey other) {
        int byOwner = ownerId.compareTo(other.ownerId);
        return byOwner != 0 ? byOwner : flowId.compareTo(other.flowId);
    }

    @Override
    public String toString() {
        return ownerId + "/" + flowId;
    }
}
