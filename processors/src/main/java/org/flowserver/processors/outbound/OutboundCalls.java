package org.flowserver.processors.outbound;

import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.flowserver.dsl.RestAuthSpec;

/**
 * Everything the server's {@code restRequest} processors share: the HTTP clients of the configured services and
 * of direct URLs, the secret store, the OAuth 2.0 token cache, and each service's response cache.
 */
public final class OutboundCalls implements AutoCloseable {

    private final OutboundHttp http;
    private final Secrets secrets;
    private final TokenCache tokens;
    private final Map<String, ResponseCache> serviceCaches = new HashMap<>();

    private OutboundCalls(OutboundHttp http, Secrets secrets, TokenCache tokens,
                          List<ServiceDefinition> services) {
        this.http = http;
        this.secrets = secrets;
        this.tokens = tokens;
        for (ServiceDefinition service : services) {
            service.cache().ifPresent(cache -> serviceCaches.put(key(service.name()),
                    new ResponseCache(cache, http.clock())));
        }
    }

    /**
     * Starts the clients of the services.
     *
     * @throws IllegalArgumentException when a service's TLS files or key cannot be read
     */
    public static OutboundCalls start(Vertx vertx, OutboundDefaults defaults, List<ServiceDefinition> services,
                                      Secrets secrets, OutboundClock clock) {
        OutboundHttp http = OutboundHttp.create(vertx, defaults, services, secrets, clock);
        return new OutboundCalls(http, secrets, new TokenCache(clock), services);
    }

    public OutboundHttp http() {
        return http;
    }

    public Secrets secrets() {
        return secrets;
    }

    public OutboundClock clock() {
        return http.clock();
    }

    /** The credentials {@code auth} makes for calls through {@code endpoint} (its client fetches tokens). */
    public Credentials credentials(RestAuthSpec auth, OutboundEndpoint endpoint) {
        return OutboundCredentials.create(auth, secrets, endpoint.httpClient(), tokens);
    }

    /** The response cache of service {@code name}, when it has one. */
    public Optional<ResponseCache> serviceCache(String name) {
        return Optional.ofNullable(serviceCaches.get(key(name)));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        http.close();
    }
}
