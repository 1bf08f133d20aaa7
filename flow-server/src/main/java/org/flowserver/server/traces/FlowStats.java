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

    /** Every message that arrived in the range: the sum of the four states. */
    public long total() {
        return inFlight + completed + failed + rejected;
    }
}
