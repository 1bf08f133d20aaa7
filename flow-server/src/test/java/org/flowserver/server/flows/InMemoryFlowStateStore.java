package org.flowserver.server.flows;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Flow states in memory, for registry tests that need no database. */
final class InMemoryFlowStateStore implements FlowStateStore {

    private final Map<FlowKey, FlowState> states = new ConcurrentHashMap<>();

    @Override
    public Optional<FlowState> find(FlowKey key) {
        return Optional.ofNullable(states.get(key));
    }

    @Override
    public Map<FlowKey, FlowState> findAll() {
        return Map.copyOf(states);
    }

    @Override
    public void save(FlowKey key, FlowState state) {
        states.put(key, state);
    }

    @Override
    public void delete(FlowKey key) {
        states.remove(key);
    }
}
