package org.flowserver.dsl;

/** What a {@link RestRequestSpec} makes the payload once its call answered. */
public enum RestOutput {
    /** The decoded response body (the default): JSON, form, text or binary; {@code null} for 204 or no body. */
    BODY,
    /** {@code {ok, statusCode, headers, json|text|bytes, cookies, encoding}}. */
    ENVELOPE,
    /** The payload stays as it was: the call is made for its {@code restResponse.*} properties or side effect. */
    NONE
}
