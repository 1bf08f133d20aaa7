package org.flowserver.processors.outbound;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP clients of outbound calls: one per configured service (its TLS settings, its connection pool) and one
 * for direct URLs (the JDK's trust store, the defaults' pool limits). Every pool's wait queue is bounded, so a
 * slow backend makes calls fail at once ({@code connection}) instead of piling up.
 *
 * <p>Created once at start: a TLS file or client key that cannot be read fails the start, not the first call.
 *
 * <p>Vert.x counts connections still being opened against the wait queue ({@code SimpleConnectionPool}: waiters
 * plus pending connects), so right after a burst opened new connections fewer requests may wait than
 * {@code maxWaitQueueSize} says; the bound of calls in flight, {@code maxPoolSize + maxWaitQueueSize}, holds.
 */
public final class OutboundHttp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundHttp.class);

    private final OutboundDefaults defaults;
    private final OutboundClock clock;
    private final Map<String, OutboundEndpoint> services;
    private final List<String> serviceNames;
    private final OutboundEndpoint direct;

    private OutboundHttp(OutboundDefaults defaults, OutboundClock clock, Map<String, OutboundEndpoint> services,
                         List<String> serviceNames, OutboundEndpoint direct) {
        this.defaults = defaults;
        this.clock = clock;
        this.services = services;
        this.serviceNames = serviceNames;
        this.direct = direct;
    }

    /**
     * Creates the clients.
     *
     * @throws IllegalArgumentException when two services share a name (ignoring case), a pool limit is out of
     *                                  range, or a service's TLS files or client key cannot be read or parsed
     */
    public static OutboundHttp create(Vertx vertx, OutboundDefaults defaults, List<ServiceDefinition> services,
                                      Secrets secrets, OutboundClock clock) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(clock, "clock");
        Map<String, OutboundEndpoint> byName = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        List<HttpClient> created = new ArrayList<>();
        try {
            for (ServiceDefinition service : services) {
                String key = service.name().toLowerCase(Locale.ROOT);
                if (byName.containsKey(key)) {
                    throw new IllegalArgumentException("Service '" + service.name() + "' is configured twice "
                            + "(names are compared ignoring case); expected unique service names");
                }
                PoolLimits pool = limits("Service '" + service.name() + "'", service.maxPoolSize(),
                        service.maxWaitQueueSize());
                HttpClientOptions options = ClientTls.apply(new HttpClientOptions(), service.name(), service.tls(),
                        secrets);
                HttpClient client = vertx.createHttpClient(options, poolOptions(pool));
                created.add(client);
                if (service.tls().insecure()) {
                    LOG.atWarn().addKeyValue("service", service.name())
                            .log("Service '{}' trusts every TLS certificate and host name (tls.insecure): its calls "
                                    + "can be intercepted; use it only for tests", service.name());
                }
                byName.put(key, new OutboundEndpoint(vertx, client, Optional.of(service), pool, clock));
                names.add(service.name());
            }
            PoolLimits pool = limits("Outbound defaults", defaults.maxPoolSize(), defaults.maxWaitQueueSize());
            HttpClient client = vertx.createHttpClient(new HttpClientOptions(), poolOptions(pool));
            created.add(client);
            OutboundEndpoint direct = new OutboundEndpoint(vertx, client, Optional.empty(), pool, clock);
            return new OutboundHttp(defaults, clock, java.util.Collections.unmodifiableMap(byName),
                    List.copyOf(names), direct);
        } catch (RuntimeException e) {
            created.forEach(HttpClient::close);
            throw e;
        }
    }

    /** The endpoint of service {@code name} (ignoring case); empty when no such service is configured. */
    public Optional<OutboundEndpoint> service(String name) {
        return Optional.ofNullable(services.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The endpoint for direct URLs (no service): the JDK's trust store, the defaults' pool limits. */
    public OutboundEndpoint direct() {
        return direct;
    }

    /** The services' names as configured, in configuration order. */
    public List<String> serviceNames() {
        return serviceNames;
    }

    public OutboundDefaults defaults() {
        return defaults;
    }

    public OutboundClock clock() {
        return clock;
    }

    /** Closes every client (without waiting: calls in flight fail). */
    @Override
    public void close() {
        services.values().forEach(endpoint -> endpoint.httpClient().close());
        direct.httpClient().close();
    }

    private static PoolLimits limits(String place, int maxPoolSize, int maxWaitQueueSize) {
        try {
            return new PoolLimits(maxPoolSize, maxWaitQueueSize);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(place + ": " + e.getMessage(), e);
        }
    }

    private static PoolOptions poolOptions(PoolLimits pool) {
        return new PoolOptions().setHttp1MaxSize(pool.maxPoolSize()).setMaxWaitQueueSize(pool.maxWaitQueueSize());
    }
}
