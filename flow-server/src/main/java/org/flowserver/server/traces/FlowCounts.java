package org.flowserver.server.traces;

import java.util.Objects;

/**
 * How many messages of one flow that arrived in a time range are in each state now.
 *
 * @param ownerId  the flow's owner
 * @param flowId   the flow
 * @param stats    the counts by state
 */
public record FlowCounts(String ownerId, String flowId, FlowStats stats) {

    public FlowCounts {
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(flowId, "flowId");
        Objects.requireNonNull(stats, "stats");
    }
}
