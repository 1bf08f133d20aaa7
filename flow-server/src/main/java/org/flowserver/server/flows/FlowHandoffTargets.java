package org.flowserver.server.flows;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.flowserver.processors.handoff.HandoffTarget;
import org.flowserver.processors.handoff.HandoffTargets;

/**
 * The running flows by owner and id, as the translator's {@code handoff} processors and dead-letter strategies
 * see them. The {@link FlowRegistry} keeps it up to date; a lookup is one map read per message.
 */
public final class FlowHandoffTargets implements HandoffTargets {

    private final ConcurrentMap<FlowKey, FlowEndpoint> endpoints = new ConcurrentHashMap<>();

    @Override
    public Optional<HandoffTarget> find(String ownerId, String flowId) {
        return Optional.ofNullable(endpoints.get(new FlowKey(ownerId, flowId)));
    }

    Optional<FlowEndpoint> endpoint(FlowKey key) {
        return Optional.ofNullable(endpoints.get(key));
    }

    void put(FlowKey key, FlowEndpoint endpoint) {
        endpoints.put(key, endpoint);
    }

    void remove(FlowKey key) {
        endpoints.remove(key);
    }
}
