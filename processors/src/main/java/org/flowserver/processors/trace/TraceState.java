package org.flowserver.processors.trace;

/** Where a message is: running, done, failed in the flow, or refused before the flow ran. */
public enum TraceState {
    IN_FLIGHT,
    COMPLETED,
    FAILED,
    REJECTED
}
