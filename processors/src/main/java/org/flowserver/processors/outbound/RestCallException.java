package org.flowserver.processors.outbound;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.flowserver.dsl.FlowException;
import org.flowserver.processors.TransientFailure;
import org.flowserver.processors.TypedFailure;

/**
 * An outbound call failed: its kind, the status when there was an answer, the start of the answer's body, and
 * how many attempts were made. Its message names the method and the URL without query or user info:
 * {@code GET https://crm.example.com/api/customers/42 answered 404 (not-found) after 1 attempt}.
 */
public final class RestCallException extends FlowException implements TransientFailure, TypedFailure {

    /** The most characters of an answer's body an error keeps. */
    public static final int MAX_BODY_CHARS = 1024;

    private final RestErrorKind kind;
    private final OptionalInt statusCode;
    private final String body;
    private final int attempts;
    private final boolean transientFailure;
    private final boolean exhausted;
    private final Optional<OutboundResponse> response;

    /**
     * @param message           the whole message, without secrets
     * @param transientFailure  whether trying again later may succeed (a retried status, a timeout, no connection)
     * @param exhausted         whether the call's own retries were used up (the flow then does not redeliver)
     */
    public RestCallException(String message, RestErrorKind kind, OptionalInt statusCode, String body, int attempts,
                             boolean transientFailure, boolean exhausted, Throwable cause) {
        this(message, kind, statusCode, body, attempts, transientFailure, exhausted, cause, Optional.empty());
    }

    /**
     * A call that failed on an answer: the whole answer is kept, for a flow that goes on after the error
     * ({@code onError: CONTINUE}) and makes its payload from the error's body.
     */
    public RestCallException(String message, RestErrorKind kind, OutboundResponse response, int attempts,
                             boolean transientFailure, boolean exhausted) {
        this(message, kind, OptionalInt.of(response.statusCode()), new String(response.body(), 0,
                Math.min(response.body().length, MAX_BODY_CHARS), java.nio.charset.StandardCharsets.UTF_8),
                attempts, transientFailure, exhausted, null, Optional.of(response));
    }

    private RestCallException(String message, RestErrorKind kind, OptionalInt statusCode, String body, int attempts,
                              boolean transientFailure, boolean exhausted, Throwable cause,
                              Optional<OutboundResponse> response) {
        super(message, cause);
        this.response = response;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.statusCode = Objects.requireNonNull(statusCode, "statusCode");
        this.body = body.length() > MAX_BODY_CHARS ? body.substring(0, MAX_BODY_CHARS) : body;
        this.attempts = attempts;
        this.transientFailure = transientFailure;
        this.exhausted = exhausted;
    }

    public RestErrorKind kind() {
        return kind;
    }

    /** The status of the answer; empty when there was none (timeout, connection, TLS). */
    public OptionalInt statusCode() {
        return statusCode;
    }

    /**
     * The start of the answer's body: its first {@value #MAX_BODY_CHARS} bytes as UTF-8 (a cut character is lost);
     * empty without one.
     */
    public String body() {
        return body;
    }

    /** The answer the call failed on, when it had one and kept it. */
    public Optional<OutboundResponse> response() {
        return response;
    }

    public int attempts() {
        return attempts;
    }

    @Override
    public boolean isTransient() {
        return transientFailure;
    }

    @Override
    public boolean exhausted() {
        return exhausted;
    }

    /** The trace's error type: {@code rest-<kind>}. */
    @Override
    public String type() {
        return "rest-" + kind.code();
    }
}
