package org.flowserver.server.flows;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Where deployed flows are kept, as their JSON form, so that they survive a restart. */
public interface FlowStore {

    /** Every stored flow, by owner and id. */
    List<StoredFlow> findAll();

    Optional<StoredFlow> find(FlowKey key);

    /**
     * Inserts the flow at version 1, or replaces it with the next version.
     *
     * @param apiSpecRevision the spec revision the flow's apiSpecId resolved to; empty for a generic endpoint
     */
    StoredFlow save(FlowKey key, String specJson, OptionalInt apiSpecRevision, Instant now);

    /** Puts back exactly what {@link #find} returned before, or removes the flow if there was none. */
    void restore(FlowKey key, Optional<StoredFlow> previous);

    /** Removes the flow; returns whether there was one. */
    boolean delete(FlowKey key);
}
