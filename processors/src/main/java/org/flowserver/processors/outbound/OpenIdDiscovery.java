package org.flowserver.processors.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds an OpenID Connect issuer's token endpoint in its discovery document
 * ({@code {issuer}/.well-known/openid-configuration}), read when first needed (a server start must not depend on
 * the identity provider) and kept for an hour. Concurrent look-ups of one issuer share one request.
 */
final class OpenIdDiscovery {

    /** How long a discovered token endpoint is used before the document is read again. */
    static final Duration KEPT_FOR = Duration.ofHours(1);

    static final String WELL_KNOWN = "/.well-known/openid-configuration";

    private record Discovered(URI tokenEndpoint, Instant readAt) {
    }

    private final OutboundClock clock;
    private final Duration timeout;
    private final Map<String, Future<Discovered>> byIssuer = new ConcurrentHashMap<>();

    /** @param timeout  how long reading a document may take */
    OpenIdDiscovery(OutboundClock clock, Duration timeout) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** The token endpoint of {@code issuer}, read with {@code client} unless known for less than an hour. */
    Future<URI> tokenEndpoint(String issuer, HttpClient client) {
        while (true) {
            Future<Discovered> current = byIssuer.get(issuer);
            if (current != null && (!current.isComplete() || current.succeeded() && fresh(current.result()))) {
                return current.map(Discovered::tokenEndpoint);
            }
            Promise<Discovered> promise = Promise.promise();
            boolean won = current == null ? byIssuer.putIfAbsent(issuer, promise.future()) == null
                    : byIssuer.replace(issuer, current, promise.future());
            if (won) {
                read(issuer, client).onComplete(result -> {
                    if (result.failed()) {
                        byIssuer.remove(issuer, promise.future());
                    }
                    promise.handle(result);
                });
                return promise.future().map(Discovered::tokenEndpoint);
            }
        }
    }

    private boolean fresh(Discovered discovered) {
        return clock.now().isBefore(discovered.readAt().plus(KEPT_FOR));
    }

    private Future<Discovered> read(String issuer, HttpClient client) {
        Instant readAt = clock.now();
        URI document;
        try {
            document = new URI(withoutTrailingSlash(issuer) + WELL_KNOWN);
        } catch (URISyntaxException e) {
            return Future.failedFuture(IdentityProviderCall.invalid("OpenID discovery for issuer '" + issuer
                    + "' cannot start: the issuer is not a URL; expected an absolute http or https URL such as"
                    + " 'https://login.example.com/realms/acme'", OptionalInt.empty()));
        }
        String place = "OpenID discovery for issuer '" + issuer + "' at GET " + IdentityProviderCall.shown(document);
        return IdentityProviderCall.exchange(client, HttpMethod.GET, document,
                        List.of(new HttpField("Accept", "application/json")), Buffer.buffer(), timeout, place,
                        "discovery document too large")
                .map(answer -> parse(answer, issuer, place, readAt));
    }

    private static Discovered parse(IdentityProviderCall.Answer answer, String issuer, String place, Instant readAt) {
        int status = answer.statusCode();
        if (status < 200 || status > 299) {
            throw IdentityProviderCall.statusFailure(status, place,
                    "expected 200 with the discovery document; check the auth's issuer");
        }
        JsonNode root = IdentityProviderCall.jsonObject(answer, place,
                "the discovery document, a JSON object with issuer and token_endpoint");
        JsonNode named = root.get("issuer");
        if (named == null || !named.isTextual()) {
            throw IdentityProviderCall.invalid(place + " answered a document without an issuer: expected issuer '"
                    + issuer + "' (OpenID Connect Discovery 1.0 §4.3)", OptionalInt.of(status));
        }
        if (!withoutTrailingSlash(named.asText()).equals(withoutTrailingSlash(issuer))) {
            throw IdentityProviderCall.invalid(place + " answered a document of issuer '" + named.asText()
                    + "': expected exactly '" + issuer + "' (OpenID Connect Discovery 1.0 §4.3); fix the auth's"
                    + " issuer, or the identity provider's", OptionalInt.of(status));
        }
        JsonNode endpoint = root.get("token_endpoint");
        URI tokenEndpoint = endpoint != null && endpoint.isTextual() ? httpUri(endpoint.asText()) : null;
        if (tokenEndpoint == null) {
            throw IdentityProviderCall.invalid(place + " answered a document without a usable token_endpoint:"
                    + " expected an absolute http or https URL", OptionalInt.of(status));
        }
        return new Discovered(tokenEndpoint, readAt);
    }

    /** {@code text} as an absolute http or https URI with a host; null when it is none. */
    static URI httpUri(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    static String withoutTrailingSlash(String text) {
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
