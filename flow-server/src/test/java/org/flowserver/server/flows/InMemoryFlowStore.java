package org.flowserver.server.flows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentSkipListMap;
import org.flowserver.server.store.StoreException;

/** A {@link FlowStore} in memory, whose writes can be made to fail, for the registry's failure paths. */
final class InMemoryFlowStore implements FlowStore {

    private final Map<FlowKey, StoredFlow> flows = new ConcurrentSkipListMap<>();
    volatile boolean failSaves;
    volatile boolean failDeletes;

    void put(StoredFlow flow) {
        flows.put(flow.key(), flow);
    }

    @Override
    public List<StoredFlow> findAll() {
        return new ArrayList<>(flows.values());
    }

    @Override
    public Optional<StoredFlow> find(FlowKey key) {
        return Optional.ofNullable(flows.get(key));
    }

    @Override
    public StoredFlow save(FlowKey key, String specJson, OptionalInt apiSpecRevision, Instant now) {
        if (failSaves) {
            throw new StoreException("Flow " + key + " cannot be saved in the store: disk full", null);
        }
        StoredFlow saved = find(key)
                .map(old -> new StoredFlow(key, specJson, apiSpecRevision, old.version() + 1, old.createdAt(), now))
                .orElseGet(() -> new StoredFlow(key, specJson, apiSpecRevision, 1, now, now));
        flows.put(key, saved);
        return saved;
    }

    @Override
    public void restore(FlowKey key, Optional<StoredFlow> previous) {
        previous.ifPresentOrElse(flow -> flows.put(key, flow), () -> flows.remove(key));
    }

    @Override
    public boolean delete(FlowKey key) {
        if (failDeletes) {
            throw new StoreException("Flow " + key + " cannot be removed from the store: connection lost", null);
        }
        return flows.remove(key) != null;
    }
}
