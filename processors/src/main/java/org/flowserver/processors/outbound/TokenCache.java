package org.flowserver.processors.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.flowserver.dsl.RestAuthSpec.ClientAuthentication;
import org.flowserver.dsl.RestAuthSpec.OAuth2ClientCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OAuth 2.0 client-credentials tokens of the whole server, shared by every flow and service (RFC 6749 §4.4).
 *
 * <p>A token is kept per (token endpoint, client id, client secret name, scope, audience) until shortly before it
 * expires: it is used while {@code now < expiry - skew}, where expiry is {@code expires_in} after the request was
 * sent (300 s when the answer has none) and skew is the smaller of 30 s and half the token's lifetime. Calls that
 * need a new token share one request to the token endpoint (one {@link Future} per key), and so do concurrent
 * {@link #refresh refreshes} after a 401. A token endpoint's body is never kept in an error: it may echo
 * credentials. An issuer's token endpoint is found by {@link OpenIdDiscovery}.
 */
public final class TokenCache {

    /** A token's lifetime when the answer has no {@code expires_in}. */
    static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(300);

    /** The most a token is taken early. */
    static final Duration MAX_SKEW = Duration.ofSeconds(30);

    private static final long LONGEST_LIFETIME_SECONDS = Duration.ofDays(3650).toSeconds();
    private static final Logger LOG = LoggerFactory.getLogger(TokenCache.class);

    /** What a token is kept by; secret names only, never secrets. */
    private record TokenKey(String tokenEndpoint, String clientId, String clientSecretName, Optional<String> scope,
                            Optional<String> audience) {
    }

    /** A token and the instant it stops being used. */
    private record IssuedToken(String value, Instant expiry, Duration lifetime) {

        boolean usableAt(Instant now) {
            Duration half = lifetime.dividedBy(2);
            Duration skew = half.compareTo(MAX_SKEW) < 0 ? half : MAX_SKEW;
            return now.isBefore(expiry.minus(skew));
        }

        @Override
        public String toString() {
            return "IssuedToken[expiry=" + expiry + "]";
        }
    }

    private final OutboundClock clock;
    private final Duration timeout;
    private final OpenIdDiscovery discovery;
    private final Map<TokenKey, Future<IssuedToken>> tokens = new ConcurrentHashMap<>();

    /** Token requests and discovery reads may take 10 s each, connection included. */
    public TokenCache(OutboundClock clock) {
        this(clock, IdentityProviderCall.DEFAULT_TIMEOUT);
    }

    /** With another time limit for each token request and discovery read (tests). */
    TokenCache(OutboundClock clock, Duration timeout) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.discovery = new OpenIdDiscovery(clock, timeout);
    }

    /** A token for {@code auth}: the kept one while it is usable, else the one a shared request obtains. */
    Future<String> token(OAuth2ClientCredentials auth, Secrets secrets, HttpClient client) {
        return tokenEndpoint(auth, client).compose(endpoint -> {
            TokenKey key = keyOf(auth, endpoint);
            while (true) {
                Future<IssuedToken> current = tokens.get(key);
                if (current != null && (!current.isComplete()
                        || current.succeeded() && current.result().usableAt(clock.now()))) {
                    return current.map(IssuedToken::value);
                }
                Future<IssuedToken> fetched = fetchInstead(key, current, auth, secrets, client, endpoint);
                if (fetched != null) {
                    return fetched.map(IssuedToken::value);
                }
            }
        });
    }

    /**
     * The API refused {@code rejected} (401): when it is still the kept token, it is dropped and one new token is
     * requested (concurrent refreshes of the same token share that request). True when a token other than
     * {@code rejected} is now available, so that one resend makes sense.
     */
    Future<Boolean> refresh(OAuth2ClientCredentials auth, Secrets secrets, HttpClient client, String rejected) {
        return tokenEndpoint(auth, client).compose(endpoint -> {
            TokenKey key = keyOf(auth, endpoint);
            while (true) {
                Future<IssuedToken> current = tokens.get(key);
                if (current != null && !current.isComplete()) {
                    return current.map(token -> !token.value().equals(rejected));
                }
                if (current != null && current.succeeded() && !current.result().value().equals(rejected)) {
                    return Future.succeededFuture(true);
                }
                Future<IssuedToken> fetched = fetchInstead(key, current, auth, secrets, client, endpoint);
                if (fetched != null) {
                    return fetched.map(token -> !token.value().equals(rejected));
                }
            }
        });
    }

    /** Starts the one request for {@code key} if {@code current} is still in place; null when another won. */
    private Future<IssuedToken> fetchInstead(TokenKey key, Future<IssuedToken> current, OAuth2ClientCredentials auth,
                                             Secrets secrets, HttpClient client, URI endpoint) {
        Promise<IssuedToken> promise = Promise.promise();
        boolean won = current == null ? tokens.putIfAbsent(key, promise.future()) == null
                : tokens.replace(key, current, promise.future());
        if (!won) {
            return null;
        }
        Future<IssuedToken> fetch;
        try {
            fetch = fetch(auth, secrets, client, endpoint);
        } catch (RuntimeException e) {
            fetch = Future.failedFuture(e);
        }
        fetch.onComplete(result -> {
            if (result.failed()) {
                // Not kept: the next call tries again.
                tokens.remove(key, promise.future());
            }
            promise.handle(result);
        });
        return promise.future();
    }

    private Future<URI> tokenEndpoint(OAuth2ClientCredentials auth, HttpClient client) {
        if (auth.tokenUrl().isPresent()) {
            URI uri = OpenIdDiscovery.httpUri(auth.tokenUrl().get());
            return uri != null ? Future.succeededFuture(uri) : Future.failedFuture(IdentityProviderCall.invalid(
                    "OAuth 2.0 client '" + auth.clientId() + "' has tokenUrl '" + auth.tokenUrl().get()
                            + "': expected an absolute http or https URL",
                    OptionalInt.empty()));
        }
        if (auth.issuer().isPresent()) {
            return discovery.tokenEndpoint(auth.issuer().get(), client);
        }
        return Future.failedFuture(IdentityProviderCall.invalid("OAuth 2.0 client '" + auth.clientId()
                + "' has neither tokenUrl nor issuer: expected exactly one of them", OptionalInt.empty()));
    }

    private static TokenKey keyOf(OAuth2ClientCredentials auth, URI endpoint) {
        return new TokenKey(endpoint.toString(), auth.clientId(), auth.clientSecretName(), auth.scope(),
                auth.audience());
    }

    private Future<IssuedToken> fetch(OAuth2ClientCredentials auth, Secrets secrets, HttpClient client,
                                      URI endpoint) {
        String place = "OAuth 2.0 token request for client '" + auth.clientId() + "' to POST "
                + IdentityProviderCall.shown(endpoint);
        String secret = OutboundCredentials.reveal(secrets, auth.clientSecretName(),
                "the client secret of OAuth 2.0 client '" + auth.clientId() + "'", "clientSecretName");
        StringBuilder form = new StringBuilder("grant_type=client_credentials");
        auth.scope().ifPresent(scope -> form.append("&scope=").append(formEncoded(scope)));
        auth.audience().ifPresent(audience -> form.append("&audience=").append(formEncoded(audience)));
        List<HttpField> headers = new ArrayList<>();
        headers.add(new HttpField("Content-Type", "application/x-www-form-urlencoded"));
        headers.add(new HttpField("Accept", "application/json"));
        if (auth.clientAuthentication() == ClientAuthentication.POST) {
            form.append("&client_id=").append(formEncoded(auth.clientId()))
                    .append("&client_secret=").append(formEncoded(secret));
        } else {
            // RFC 6749 §2.3.1: id and secret are form-encoded before they become Basic's user and password.
            String pair = formEncoded(auth.clientId()) + ":" + formEncoded(secret);
            headers.add(new HttpField("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
        }
        Instant sentAt = clock.now();
        return IdentityProviderCall.exchange(client, HttpMethod.POST, endpoint, headers,
                        Buffer.buffer(form.toString()), timeout, place, "token response too large")
                .map(answer -> issued(answer, auth, place, sentAt))
                .andThen(result -> {
                    if (result.succeeded()) {
                        LOG.atDebug().addKeyValue("tokenEndpoint", IdentityProviderCall.shown(endpoint))
                                .addKeyValue("clientId", auth.clientId())
                                .addKeyValue("lifetimeSeconds", result.result().lifetime().toSeconds())
                                .log("OAuth 2.0 token obtained");
                    } else {
                        LOG.atWarn().addKeyValue("tokenEndpoint", IdentityProviderCall.shown(endpoint))
                                .addKeyValue("clientId", auth.clientId())
                                .addKeyValue("kind", result.cause() instanceof RestCallException failure
                                        ? failure.kind().code() : "unknown")
                                .log("OAuth 2.0 token request failed");
                    }
                });
    }

    private static IssuedToken issued(IdentityProviderCall.Answer answer, OAuth2ClientCredentials auth, String place,
                                      Instant sentAt) {
        int status = answer.statusCode();
        if (status < 200 || status > 299) {
            throw IdentityProviderCall.statusFailure(status, place, "the token endpoint refused the request; check"
                    + " clientId '" + auth.clientId() + "', the client secret in secret '" + auth.clientSecretName()
                    + "', scope and audience");
        }
        JsonNode root = IdentityProviderCall.jsonObject(answer, place,
                "access_token, token_type and expires_in (RFC 6749 §5.1)");
        JsonNode accessToken = root.get("access_token");
        if (accessToken == null || !accessToken.isTextual() || accessToken.asText().isEmpty()) {
            throw IdentityProviderCall.invalid(place + " answered " + status + " with no access_token: expected a"
                    + " JSON object with a non-empty string access_token (RFC 6749 §5.1)", OptionalInt.of(status));
        }
        if (!accessToken.asText().chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw IdentityProviderCall.invalid(place + " answered " + status + " with an access_token that is not"
                    + " a valid header value: expected visible ASCII characters only (RFC 6750 §2.1)",
                    OptionalInt.of(status));
        }
        JsonNode tokenType = root.get("token_type");
        if (tokenType != null && !tokenType.isNull()
                && !(tokenType.isTextual() && tokenType.asText().equalsIgnoreCase("Bearer"))) {
            throw IdentityProviderCall.invalid(place + " answered token_type '" + shortened(tokenType)
                    + "': expected 'Bearer' (RFC 6750)", OptionalInt.of(status));
        }
        Duration lifetime = lifetime(root.get("expires_in"), place, status);
        return new IssuedToken(accessToken.asText(), sentAt.plus(lifetime), lifetime);
    }

    private static Duration lifetime(JsonNode expiresIn, String place, int status) {
        if (expiresIn == null || expiresIn.isNull()) {
            return DEFAULT_LIFETIME;
        }
        long seconds = -1;
        if (expiresIn.isIntegralNumber() || expiresIn.isNumber() && expiresIn.asDouble() % 1 == 0) {
            seconds = expiresIn.canConvertToLong() ? expiresIn.asLong() : LONGEST_LIFETIME_SECONDS;
        } else if (expiresIn.isTextual() && expiresIn.asText().matches("[0-9]{1,18}")) {
            seconds = Long.parseLong(expiresIn.asText());
        }
        if (seconds < 0) {
            throw IdentityProviderCall.invalid(place + " answered expires_in '" + shortened(expiresIn)
                    + "': expected a whole number of seconds, 0 or more", OptionalInt.of(status));
        }
        return Duration.ofSeconds(Math.min(seconds, LONGEST_LIFETIME_SECONDS));
    }

    private static String shortened(JsonNode node) {
        String text = node.isTextual() ? node.asText() : node.toString();
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    private static String formEncoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
