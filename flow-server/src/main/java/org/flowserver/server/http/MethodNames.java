package org.flowserver.server.http;

import io.vertx.core.http.HttpMethod;

/** Method names safe to record: any method a client makes up is {@code OTHER}, so records stay bounded. */
public final class MethodNames {

    private MethodNames() {
    }

    /** The method's name if HTTP defines it (RFC 9110 and PATCH), else {@code OTHER}. */
    public static String bounded(HttpMethod method) {
        String name = method.name();
        return switch (name) {
            case "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT" -> name;
            default -> "OTHER";
        };
    }
}
