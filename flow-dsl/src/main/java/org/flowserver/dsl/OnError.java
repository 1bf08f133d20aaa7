package org.flowserver.dsl;

/** What a {@link RestRequestSpec} does when its call fails or answers a status it does not expect. */
public enum OnError {
    /** The message fails with a typed error (the default): the flow stops, its dead-letter strategy applies. */
    BREAK_FLOW,
    /** The flow goes on: the outcome is in the {@code restResponse.*} properties, {@code restResponse.ok=false}. */
    CONTINUE
}
