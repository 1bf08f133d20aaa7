package org.flowserver.dsl;

/** How a flow answers the caller of its source. */
public enum ExchangePattern {
    /** The caller waits for the flow to finish and receives its result. The default. */
    RequestResponse,
    /**
     * The caller receives {@code 202 Accepted} as soon as the request has been accepted (parsed and
     * checked); the flow runs after the response has been sent.
     */
    OneWay
}
