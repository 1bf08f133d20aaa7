package org.flowserver.server.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.flowserver.processors.http.HttpResponses;
import org.flowserver.processors.http.ProblemDetail;
import org.flowserver.processors.http.ProblemType;

/**
 * Refuses, before any route sees it, a request line this server does not serve, with a 400 problem:
 * <ul>
 *   <li>a protocol version other than HTTP/1.1 and HTTP/1.0 ({@code HTTP/2.0} or {@code HTTP/1.2} in an HTTP/1
 *       request line); the connection is closed after the answer, as after any request that cannot be read;</li>
 *   <li>a path with a dot-segment ({@code .} or {@code ..}, also percent-encoded as {@code %2e}). The router
 *       resolves them ({@code /a/b/%2e%2e/c} is routed as {@code /a/c}), while whatever reads the path as sent, an
 *       access rule or a proxy in front, would judge another path than the one served. Clients resolve
 *       dot-segments before they send a request: only a crafted one has them.</li>
 * </ul>
 */
final class RequestLines implements Handler<RoutingContext> {

    private RequestLines() {
    }

    /** Installs the checks ahead of every route of {@code router}, those added before included. */
    static void install(Router router) {
        router.route().order(Integer.MIN_VALUE).handler(new RequestLines());
    }

    @Override
    public void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.version() == null) {
            // Vert.x hands such a request to the router only when the server has a WebSocket handler; it answers a
            // bare 501 otherwise.
            context.response().putHeader("Connection", "close");
            HttpResponses.problem(context.response(), ProblemDetail.of(ProblemType.MALFORMED_REQUEST, "The request "
                    + "line names a protocol version other than HTTP/1.1 and HTTP/1.0, the versions this server speaks"));
            return;
        }
        String path = request.path();
        if (path != null && hasDotSegment(path)) {
            HttpResponses.problem(context.response(), ProblemDetail.of(ProblemType.MALFORMED_REQUEST, "The path '"
                    + path + "' has a '.' or '..' segment (perhaps percent-encoded); send the path with them "
                    + "resolved"));
            return;
        }
        context.next();
    }

    static boolean hasDotSegment(String path) {
        int start = 0;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            if (isDots(path, start, end)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    /** Whether {@code path[start, end)} is one or two dots, each written as {@code .} or {@code %2e}. */
    private static boolean isDots(String path, int start, int end) {
        int dots = 0;
        int i = start;
        while (i < end) {
            if (path.charAt(i) == '.') {
                i++;
            } else if (path.startsWith("%2e", i) || path.startsWith("%2E", i)) {
                i += 3;
            } else {
                return false;
            }
            dots++;
        }
        return dots == 1 || dots == 2;
    }
}
