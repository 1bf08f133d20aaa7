package org.flowserver.server.traces;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Message counts across flows and over time, for the server-wide statistics and Heartbeat's charts. Counted, like
 * {@link TraceStore#stats}, by the messages' start in {@code [from, to)} and the state they are in now.
 * Implementations throw {@link org.flowserver.server.store.StoreException} when the store fails.
 */
public interface TraceStatistics {

    /** The counts of every flow with messages in the range (of one owner, if given), ordered by owner and flow. */
    List<FlowCounts> countsByFlow(Optional<String> ownerId, Instant from, Instant to);

    /**
     * The counts in buckets of {@code width} from {@code from} to {@code to}, of every flow or of those that match
     * {@code ownerId} and {@code flowId}.
     *
     * @throws IllegalArgumentException if {@code from} is not before {@code to}, or the width is under a millisecond
     */
    Timeline timeline(Optional<String> ownerId, Optional<String> flowId, Instant from, Instant to, Duration width);
}
