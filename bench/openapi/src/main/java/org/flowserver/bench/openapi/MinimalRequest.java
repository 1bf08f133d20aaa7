package org.flowserver.bench.openapi;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.lang.reflect.Proxy;

/**
 * The smallest {@link HttpServerRequest} that {@code RequestValidator.parameters} can read: a raw query string
 * and the headers, in the case-insensitive {@link MultiMap} Vert.x uses for a real request. Any other method
 * throws, so that a validator that starts reading something else fails the benchmark instead of measuring a
 * default. A dynamic proxy costs a few nanoseconds per call, against microseconds measured.
 */
final class MinimalRequest {

    private MinimalRequest() {
    }

    static HttpServerRequest of(String rawQuery, MultiMap headers) {
        return (HttpServerRequest) Proxy.newProxyInstance(MinimalRequest.class.getClassLoader(),
                new Class<?>[] {HttpServerRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "query" -> rawQuery;
                    case "headers" -> headers;
                    case "getHeader" -> headers.get(String.valueOf(args[0]));
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "MinimalRequest[" + rawQuery + "]";
                    default -> throw new UnsupportedOperationException("MinimalRequest has no " + method.getName()
                            + "(); the validator now reads more of the request: extend MinimalRequest");
                });
    }
}
