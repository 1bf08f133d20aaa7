package org.flowserver.processors.rest;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads the whole request entity into memory, up to a limit, before the request reaches Camel. Unlike
 * Vert.x's BodyHandler it never parses forms or writes uploads to disk: every content type arrives as the
 * exact bytes that were sent, which is what the generic endpoint's content-type rules need.
 */
final class RequestBodyReader implements Handler<RoutingContext> {

    private static final String BODY = RequestBodyReader.class.getName() + ".body";
    private static final Buffer EMPTY = Buffer.buffer(0);
    /** A declared Content-Length is a promise, not bytes: reserve at most this much before data arrives. */
    private static final int MAX_INITIAL_CAPACITY = 64 * 1024;

    private final long maxBytes;

    /** @param maxBytes the largest entity accepted; a larger one is answered with 413 */
    RequestBodyReader(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The entity read for this request, empty when there was none. */
    static Buffer body(RoutingContext context) {
        Buffer body = context.get(BODY);
        return body == null ? EMPTY : body;
    }

    @Override
    public void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        boolean chunked = request.version() == HttpVersion.HTTP_2
                || request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
        long contentLength = contentLength(request);
        if (!chunked && contentLength <= 0) {
            context.next();
            return;
        }
        if (contentLength > maxBytes) {
            context.fail(413);
            return;
        }
        String expect = request.getHeader(HttpHeaders.EXPECT);
        if (expect != null) {
            if (!expect.equalsIgnoreCase("100-continue")) {
                context.fail(417);
                return;
            }
            if (request.version() != HttpVersion.HTTP_1_0) {
                context.response().writeContinue();
            }
        }
        if (request.isEnded()) {
            context.next();
            return;
        }
        new Accumulator(context, contentLength).start();
    }

    private static long contentLength(HttpServerRequest request) {
        String value = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private final class Accumulator {
        private final RoutingContext context;
        private final Buffer body;
        private boolean failed;

        Accumulator(RoutingContext context, long contentLength) {
            this.context = context;
            this.body = Buffer.buffer((int) Math.min(contentLength > 0 ? contentLength : 1024, MAX_INITIAL_CAPACITY));
        }

        void start() {
            context.request()
                    .handler(chunk -> {
                        if (failed) {
                            return;
                        }
                        if (body.length() + (long) chunk.length() > maxBytes) {
                            failed = true;
                            context.fail(413);
                            return;
                        }
                        body.appendBuffer(chunk);
                    })
                    .exceptionHandler(error -> {
                        if (!failed) {
                            failed = true;
                            context.fail(400, error);
                        }
                    })
                    .endHandler(end -> {
                        if (!failed) {
                            context.put(BODY, body);
                            context.next();
                        }
                    })
                    .resume();
        }
    }
}
