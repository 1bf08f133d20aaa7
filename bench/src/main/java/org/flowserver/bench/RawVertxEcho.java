package org.flowserver.bench;

import io.vertx.core.Vertx;

/**
 * Upper bound: the least a Vert.x HTTP server can do to echo a request. Plain {@code HttpServer}, no
 * router, so the ratio c/a shows the whole cost of Camel plus the flow server.
 */
public final class RawVertxEcho {

    private RawVertxEcho() {
    }

    public static void start(int port) {
        Vertx vertx = Vertx.vertx();
        vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(body -> req.response()
                                .putHeader("Content-Type", "application/json")
                                .end(body))
                        .onFailure(err -> req.response().setStatusCode(500).end()))
                .listen(port, "127.0.0.1")
                .onSuccess(s -> System.out.println("raw Vert.x echo listening on 127.0.0.1:" + s.actualPort()))
                .onFailure(err -> {
                    err.printStackTrace();
                    System.exit(1);
                });
    }
}
