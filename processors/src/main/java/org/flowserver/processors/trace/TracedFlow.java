package org.flowserver.processors.trace;

import java.util.Objects;

/**
 * What every trace of one flow's messages says about the flow.
 *
 * @param ownerId   the flow's owner
 * @param flowId    the flow
 * @param flowName  the source processor's {@code name}, else the flow id
 * @param origin    the source type, for example {@code restApi}
 */
public record TracedFlow(String ownerId, String flowId, String flowName, String origin) {

    public TracedFlow {
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(flowId, "flowId");
        Objects.requireNonNull(flowName, "flowName");
        Objects.requireNonNull(origin, "origin");
    }
}
