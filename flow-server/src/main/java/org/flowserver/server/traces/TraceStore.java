package org.flowserver.server.traces;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.flowserver.processors.trace.MessageTrace;

/**
 * Where message traces are kept: one trace per message id, replaced by newer snapshots of the same message.
 * Implementations throw {@link org.flowserver.server.store.StoreException} when the store fails.
 */
public interface TraceStore {

    /**
     * Stores snapshots, each replacing the stored trace of its message, except that an {@code IN_FLIGHT} snapshot
     * never replaces a finished one (the final snapshot may arrive first). At most one snapshot per message.
     */
    void save(Collection<MessageTrace> traces);

    /** The traces that match, newest first (by start, then message id), as summaries without their attempts. */
    TracePage query(TraceQuery query);

    /** The whole trace of one message, with its attempts, steps and archived payloads. */
    Optional<MessageTrace> find(String messageId);

    /** How many messages of one flow that started in {@code [from, to)} are in each state. */
    FlowStats stats(String ownerId, String flowId, Instant from, Instant to);

    /**
     * Removes at most {@code maxRows} traces of messages that started before {@code olderThan}, in one
     * transaction.
     *
     * @return how many were removed; fewer than {@code maxRows} means none older are left
     */
    int prune(Instant olderThan, int maxRows);
}
