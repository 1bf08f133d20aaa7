package org.flowserver.processors.rest;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import java.util.Map;
import java.util.Set;
import org.flowserver.processors.http.ProblemDetail;
import org.flowserver.processors.http.ProblemType;

/**
 * The methods a generic endpoint serves: those of RFC 9110 that address a resource, and PATCH. Any other, CONNECT
 * (a proxy's tunnel), WebDAV's PROPFIND or a made-up FOO, is refused with 405 and {@code Allow} before the flow sees
 * it: a flow written for the usual methods would otherwise answer it as if it were a GET.
 */
final class GenericMethods {

    static final String ALLOW = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, TRACE";
    private static final Set<HttpMethod> SERVED = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
            HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS, HttpMethod.TRACE);

    private GenericMethods() {
    }

    /**
     * Checks the method of a request to the generic endpoint of {@code flowId}.
     *
     * @throws RequestRejectedException a 405 problem with {@code Allow}, for a method the endpoint does not serve
     */
    static void check(HttpMethod method, String flowId) {
        if (!SERVED.contains(method)) {
            throw new RequestRejectedException(ProblemDetail.of(ProblemType.METHOD_NOT_ALLOWED, "The method "
                    + method.name() + " is not allowed on flow '" + flowId + "'; it allows " + ALLOW),
                    Map.of(HttpHeaders.ALLOW.toString(), ALLOW));
        }
    }
}
