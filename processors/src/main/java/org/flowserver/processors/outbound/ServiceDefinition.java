package org.flowserver.processors.outbound;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.flowserver.dsl.ResponseCacheSpec;
import org.flowserver.dsl.RestAuthSpec;
import org.flowserver.dsl.RestMethod;
import org.flowserver.dsl.RetryPolicySpec;

/**
 * A service configured on the server ({@code outbound-config}): a named base URL with its credentials, defaults
 * and connection pool, which flows call by name. Settings left out here come from the server's defaults.
 *
 * @param name              unique ignoring case, {@code [a-zA-Z][a-zA-Z0-9_-]{0,29}}, not {@code http} or {@code https}
 * @param owners            the owners whose flows may call it; {@code *} for every owner
 * @param baseUrl           an absolute http or https URL; a call's path goes under it
 * @param method            the method of calls that name none
 * @param headers           headers of every call; a call's header of the same name (ignoring case) replaces one
 * @param queryParameters   query parameters of every call; a call's of the same name replaces one
 * @param auth              the service's credentials
 * @param maxPoolSize       connections to it at once
 * @param maxWaitQueueSize  requests waiting for a connection; beyond it a call fails at once ({@code connection})
 * @param tls               trust and client certificate
 */
public record ServiceDefinition(String name, Set<String> owners, URI baseUrl, Optional<RestMethod> method,
                                Map<String, List<String>> headers, Map<String, List<String>> queryParameters,
                                Optional<RestAuthSpec> auth, Optional<Duration> connectTimeout,
                                Optional<Duration> readTimeout, Optional<Duration> totalTimeout,
                                Optional<Boolean> followRedirects, OptionalInt maxRedirects,
                                Optional<RetryPolicySpec> retryPolicy, int maxPoolSize, int maxWaitQueueSize,
                                Optional<ResponseCacheSpec> cache, TlsSettings tls) {

    /** The owner entry that lets every owner call a service. */
    public static final String EVERY_OWNER = "*";

    public ServiceDefinition {
        Objects.requireNonNull(name, "name");
        owners = Set.copyOf(owners);
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(method, "method");
        headers = copy(headers);
        queryParameters = copy(queryParameters);
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(totalTimeout, "totalTimeout");
        Objects.requireNonNull(followRedirects, "followRedirects");
        Objects.requireNonNull(maxRedirects, "maxRedirects");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(tls, "tls");
    }

    /** Whether flows of {@code ownerId} may call this service. */
    public boolean allows(String ownerId) {
        return owners.contains(EVERY_OWNER) || owners.contains(ownerId);
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> map) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        map.forEach((key, values) -> copy.put(key, List.copyOf(values)));
        return java.util.Collections.unmodifiableMap(copy);
    }
}
