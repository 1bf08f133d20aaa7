package org.flowserver.processors.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** Writes problem answers; safe to call from any thread, and a no-op once the response has ended. */
public final class HttpResponses {

    private HttpResponses() {
    }

    /** Ends the response with the problem as {@code application/problem+json}. */
    public static void problem(HttpServerResponse response, ProblemDetail problem) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(problem.status())
                .putHeader("Content-Type", ProblemDetail.MEDIA_TYPE)
                .end(Buffer.buffer(problem.toJson()));
    }
}
