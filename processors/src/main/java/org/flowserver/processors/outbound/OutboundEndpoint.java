package org.flowserver.processors.outbound;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import java.util.Objects;
import java.util.Optional;

/**
 * Where outbound calls go: a configured service's client, or the client for direct URLs. {@link #send} makes one
 * call (its attempts, redirects, timeouts and credentials) without blocking any thread.
 */
public final class OutboundEndpoint {

    private final Vertx vertx;
    private final HttpClient client;
    private final Optional<ServiceDefinition> definition;
    private final PoolLimits pool;
    private final OutboundClock clock;

    OutboundEndpoint(Vertx vertx, HttpClient client, Optional<ServiceDefinition> definition, PoolLimits pool,
                     OutboundClock clock) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.client = Objects.requireNonNull(client, "client");
        this.definition = Objects.requireNonNull(definition, "definition");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The service this endpoint calls; empty for the endpoint of direct URLs. */
    public Optional<ServiceDefinition> definition() {
        return definition;
    }

    /** The client (its TLS settings and pool): token requests of a service's credentials use it too. */
    public HttpClient httpClient() {
        return client;
    }

    /**
     * Makes one call: every attempt gets {@code credentials}' headers, follows redirects, and is bounded by the
     * connect, read and total timeouts of {@code settings}; failed attempts are retried as {@code settings.retry()}
     * allows. Never blocks; may be called from any thread.
     *
     * @return the answer when its status is expected; otherwise a failed future holding a
     *         {@link RestCallException}. It completes on an event loop.
     */
    public Future<OutboundResponse> send(OutboundRequest request, CallSettings settings, Credentials credentials,
                                         CallContext context) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(context, "context");
        if (!isHttpUrl(request)) {
            return Future.failedFuture(new IllegalArgumentException("OutboundRequest uri '"
                    + CallUrls.safe(request.uri()) + "' is not an absolute http or https URL with a host"));
        }
        ContextInternal eventLoop = eventLoopContext();
        var result = eventLoop.<OutboundResponse>promise();
        OutboundCall call = new OutboundCall(new OutboundCall.Target(client, pool, clock), eventLoop, request, settings,
                credentials, context, result);
        if (eventLoop.isRunningOnContext()) {
            call.start();
        } else {
            eventLoop.runOnContext(ignored -> call.start());
        }
        return result.future();
    }

    /**
     * The context the call runs on: the caller's when it is an event loop's, else a new event-loop context (a
     * worker's thread must not run the call, and its callbacks must not land on a worker).
     */
    private ContextInternal eventLoopContext() {
        ContextInternal current = (ContextInternal) vertx.getOrCreateContext();
        if (current.isEventLoopContext()) {
            return current;
        }
        return ((VertxInternal) vertx).createEventLoopContext();
    }

    private static boolean isHttpUrl(OutboundRequest request) {
        String scheme = request.uri().getScheme();
        return request.uri().isAbsolute() && request.uri().getHost() != null
                && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
    }
}
