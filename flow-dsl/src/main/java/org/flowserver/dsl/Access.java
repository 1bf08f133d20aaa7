package org.flowserver.dsl;

/**
 * Who may call a {@code restApi} source. The server checks callers against service accounts: an account proves
 * who it is with HTTP Basic (account name and password) or its API key (header {@code apiKey}), and an
 * administrator grants it the flows it may call.
 *
 * <p>For a source with an OpenAPI spec, an operation with security requirements accepts exactly the Basic and
 * API key schemes they name; this setting applies to the operations without any.
 */
public enum Access {
    /** Only service accounts granted this flow may call it; the default. */
    GRANTED,
    /** Anyone may call it, without credentials. */
    PUBLIC
}
