package org.flowserver.server.traces;

/**
 * How many messages of a flow that arrived in a time range are in each state now.
 *
 * @param inFlight   still running
 * @param completed  answered by the flow
 * @param failed     failed in the flow (a processor, or the answer)
 * @param rejected   refused before the flow ran (a malformed or invalid request)
 */
public record FlowStats(long inFlight, long completed, long failed, long rejected) {

    /** No messages. */
    public static final FlowStats NONE = new FlowStats(0, 0, 0, 0);

    /** The counts of both, state by state. */
    public FlowStats plus(FlowStats other) {
        return new FlowStats(inFlight + other.inFlight, completed + other.completed, failed + other.failed,
                rejected + other.rejected);
    }

    /** Every message that arrived in the range: the sum of the four states. */
    public long total() {
        return inFlight + completed + failed + rejected;
    }
}
