package org.flowserver.processors.handoff;

import java.util.Optional;

/**
 * Where {@code handoff} processors and dead-letter strategies find the flows they deliver to. The server's
 * flow registry implements it; the lookup happens per message, so a target deployed, redeployed or
 * undeployed later is seen at once.
 */
public interface HandoffTargets {

    /** No flow receives anything: for translators that run without a server. */
    HandoffTargets NONE = (ownerId, flowId) -> Optional.empty();

    /** The deployed flow {@code flowId} of {@code ownerId}, whatever its source; empty if there is none. */
    Optional<HandoffTarget> find(String ownerId, String flowId);
}
