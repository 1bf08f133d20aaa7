package org.flowserver.processors.outbound;

import java.util.Locale;

/** Why an outbound call failed; its {@link #code()} names the error type in traces ({@code rest-<code>}). */
public enum RestErrorKind {
    /** 400. */
    BAD_REQUEST,
    /** 401, after the one token refresh an OAuth 2.0 call makes; also a token endpoint refusing the client. */
    INVALID_CREDENTIALS,
    /** 403. */
    FORBIDDEN,
    /** 404. */
    NOT_FOUND,
    /** 409. */
    CONFLICT,
    /** 429. */
    RATE_LIMITED,
    /** A 5xx other than 503. */
    SERVER_ERROR,
    /** 503. */
    SERVICE_UNAVAILABLE,
    /** Any other status that was not expected: another 4xx, a redirect not followed, a 2xx not listed. */
    UNEXPECTED_STATUS,
    /** The connect, read or total timeout passed. */
    TIMEOUT,
    /** No connection: refused, reset, unknown host, or the service's connection pool and its queue are full. */
    CONNECTION,
    /** The TLS handshake failed: an untrusted certificate, the wrong host, a refused client certificate. */
    TLS,
    /** More redirects than allowed. */
    TOO_MANY_REDIRECTS,
    /** The answer says JSON and is not (or is beyond the JSON limits). */
    INVALID_JSON,
    /** The answer's body is larger than allowed. */
    RESPONSE_TOO_LARGE;

    /** The kind for an unexpected status. */
    public static RestErrorKind of(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> INVALID_CREDENTIALS;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 409 -> CONFLICT;
            case 429 -> RATE_LIMITED;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status >= 500 && status <= 599 ? SERVER_ERROR : UNEXPECTED_STATUS;
        };
    }

    /** The kind in lower-case words: {@code not-found}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
