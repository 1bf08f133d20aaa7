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
     * Makes one call. Never blocks; may be called from any thread.
     *
     * <p>An <em>attempt</em> gets {@code credentials}' headers, sends the request (a body always with
     * {@code Content-Length}), follows redirects, and after a 401 to credentials that {@link Credentials#refresh}
     * renewed, resends once with the new ones (once per call); all of that is one attempt, bounded by the total
     * timeout. The connect timeout includes the wait for a pooled connection; the read timeout is the longest
     * silence while the answer is awaited or read; {@code Duration.ZERO} switches a timeout off.
     *
     * <p>Retries ({@code settings.retry()}): on a listed status (POST and PATCH only with
     * {@code retryNonIdempotent}), a timeout or a lost connection (any method when nothing was sent yet, else as
     * for a status); waits {@code delayBeforeRetry(n)}, or longer when {@code Retry-After} asks (not capped by
     * {@code maximum}); no attempt starts later than {@code deadline} after the first, a wait that would end
     * beyond it is not waited; a cancelled message stops them. {@link RestCallException#exhausted()} is true when
     * the failure was retryable, retries were on, and they stopped (deadline reached or message cancelled).
     *
     * @return the answer when its status is expected; otherwise a failed future holding a
     *         {@link RestCallException}. Its listeners run on an event loop.
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
