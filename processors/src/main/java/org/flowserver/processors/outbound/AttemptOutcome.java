package org.flowserver.processors.outbound;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/** How one attempt of an outbound call ended: with an answer (any status), or without a usable one. */
sealed interface AttemptOutcome {

    /** The last answer of the attempt's redirect chain, body read in full. */
    record Answer(int status, List<HttpField> headers, byte[] body, URI url) implements AttemptOutcome {

        public Answer {
            headers = List.copyOf(headers);
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(url, "url");
        }

        String header(String name) {
            for (HttpField field : headers) {
                if (field.name().equalsIgnoreCase(name)) {
                    return field.value();
                }
            }
            return null;
        }
    }

    /**
     * No usable answer.
     *
     * @param detail  what happened, for the end of the call's message; never a header value, body or query
     * @param retry   when trying the call again is safe
     * @param status  the status when an answer started to arrive (a body too large)
     */
    record Failure(RestErrorKind kind, String detail, Retry retry, OptionalInt status, Throwable cause)
            implements AttemptOutcome {

        public Failure {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(retry, "retry");
            Objects.requireNonNull(status, "status");
        }

        /** A timeout or a failed connection: safe to retry for every method when nothing was sent yet. */
        static Failure transport(RestErrorKind kind, String detail, boolean requestSent, Throwable cause) {
            return new Failure(kind, detail, requestSent ? Retry.IF_IDEMPOTENT : Retry.ALWAYS, OptionalInt.empty(),
                    cause);
        }

        /** A failure that another attempt would repeat (TLS, a body too large, too many redirects). */
        static Failure permanent(RestErrorKind kind, String detail, OptionalInt status, Throwable cause) {
            return new Failure(kind, detail, Retry.NEVER, status, cause);
        }
    }

    /** When another attempt may follow a failure. */
    enum Retry {
        /** The request did not leave: every method may be sent again. */
        ALWAYS,
        /** The server may have acted on the request: GET, PUT, DELETE, ...; POST and PATCH only when allowed. */
        IF_IDEMPOTENT,
        /** Another attempt would fail the same way. */
        NEVER
    }
}
