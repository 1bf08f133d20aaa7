package org.flowserver.server.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import org.flowserver.processors.http.HttpResponses;
import org.flowserver.processors.http.ProblemDetail;
import org.flowserver.processors.http.ProblemType;

/**
 * Answers the requests the HTTP layer cannot decode with a problem, like every other error, instead of Vert.x's
 * bare status or a silently closed connection: {@code 414} for a request line over the limit, {@code 431} for
 * headers over the limit, {@code 400} for anything else malformed. The connection is closed after the answer:
 * what follows a request that could not be decoded cannot be trusted to start a new one.
 */
public final class InvalidRequests implements Handler<HttpServerRequest> {

    private final int maxInitialLineLength;
    private final int maxHeaderSize;

    /** For a server with {@code options}' limits. */
    public InvalidRequests(HttpServerOptions options) {
        this.maxInitialLineLength = options.getMaxInitialLineLength();
        this.maxHeaderSize = options.getMaxHeaderSize();
    }

    @Override
    public void handle(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        ProblemDetail problem;
        if (cause instanceof TooLongHttpLineException) {
            problem = ProblemDetail.of(ProblemType.URI_TOO_LONG, "The request line is longer than "
                    + maxInitialLineLength + " bytes; shorten the path and query, or send the data in a body");
        } else if (cause instanceof TooLongHttpHeaderException) {
            problem = ProblemDetail.of(ProblemType.HEADERS_TOO_LARGE, "The request headers are larger than "
                    + maxHeaderSize + " bytes in all; send fewer or shorter headers");
        } else {
            problem = ProblemDetail.of(ProblemType.MALFORMED_REQUEST,
                    "The request is not well-formed HTTP/1.1 and cannot be read");
        }
        request.response().putHeader("Connection", "close");
        HttpResponses.problem(request.response(), problem);
    }
}
