package org.flowserver.processors.outbound;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import org.flowserver.dsl.RestAuthSpec;
import org.flowserver.dsl.RestAuthSpec.ApiKey;
import org.flowserver.dsl.RestAuthSpec.Basic;
import org.flowserver.dsl.RestAuthSpec.Bearer;
import org.flowserver.dsl.RestAuthSpec.None;
import org.flowserver.dsl.RestAuthSpec.OAuth2ClientCredentials;

/**
 * Turns a {@link RestAuthSpec} into the {@link Credentials} an outbound call adds to each attempt.
 *
 * <p>Secrets are looked up and read ({@link SecretValue#reveal()}) at every use, so a rotated secret file is used
 * from its next call on; a secret missing then fails the call with {@code invalid-credentials}, naming the secret.
 * No secret value is ever part of a message, a {@code toString()} or a {@link Credentials#cacheKey() cache key}.
 */
public final class OutboundCredentials {

    private static final String AUTHORIZATION = "Authorization";

    private OutboundCredentials() {
    }

    /**
     * The credentials of {@code auth}.
     *
     * @param tokenClient  the client that asks an OAuth 2.0 token endpoint (and OpenID discovery); used only by
     *                     {@code oauth2ClientCredentials}
     * @param tokens       the server's token cache; used only by {@code oauth2ClientCredentials}
     * @throws NullPointerException when {@code tokenClient} or {@code tokens} is missing for OAuth 2.0
     */
    public static Credentials create(RestAuthSpec auth, Secrets secrets, HttpClient tokenClient, TokenCache tokens) {
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(secrets, "secrets");
        if (auth instanceof None) {
            return Credentials.NONE;
        }
        if (auth instanceof Basic basic) {
            return new StaticCredentials(AUTHORIZATION, key(Basic.TYPE, basic.username(), basic.passwordSecretName()),
                    "basic " + basic.username() + " with secret '" + basic.passwordSecretName() + "'",
                    () -> "Basic " + Base64.getEncoder().encodeToString((basic.username() + ":"
                            + reveal(secrets, basic.passwordSecretName(), "the password of basic user '"
                            + basic.username() + "'", "passwordSecretName")).getBytes(StandardCharsets.UTF_8)));
        }
        if (auth instanceof Bearer bearer) {
            return new StaticCredentials(AUTHORIZATION, key(Bearer.TYPE, bearer.tokenSecretName()),
                    "bearer with secret '" + bearer.tokenSecretName() + "'",
                    () -> "Bearer " + reveal(secrets, bearer.tokenSecretName(), "the bearer token",
                            "tokenSecretName"));
        }
        if (auth instanceof ApiKey apiKey) {
            return new StaticCredentials(apiKey.headerName(),
                    key(ApiKey.TYPE, apiKey.headerName(), apiKey.apiKeySecretName()),
                    "apiKey " + apiKey.headerName() + " with secret '" + apiKey.apiKeySecretName() + "'",
                    () -> reveal(secrets, apiKey.apiKeySecretName(), "the API key in header '"
                            + apiKey.headerName() + "'", "apiKeySecretName"));
        }
        OAuth2ClientCredentials oauth = (OAuth2ClientCredentials) auth;
        return new TokenCredentials(oauth, secrets, Objects.requireNonNull(tokenClient, "tokenClient"),
                Objects.requireNonNull(tokens, "tokens"));
    }

    /**
     * The value of secret {@code name}, now; fails with {@code invalid-credentials} naming the secret (never a
     * value) when it is missing or cannot be read.
     *
     * @param usedFor  what the secret is, for the message: "the bearer token"
     * @param field    the auth's field that names it: "tokenSecretName"
     */
    static String reveal(Secrets secrets, String name, String usedFor, String field) {
        Optional<SecretValue> secret = secrets.find(name);
        String value = null;
        RuntimeException unreadable = null;
        if (secret.isPresent()) {
            try {
                value = secret.get().reveal();
            } catch (RuntimeException e) {
                unreadable = e;
            }
        }
        if (value != null) {
            return value;
        }
        String why = unreadable != null ? "could not be read from the server's secret store: check its file or"
                + " environment variable" : "is missing from the server's secret store: expected it under 'secrets'"
                + " in outbound-config; add it there or fix the auth's " + field;
        throw new RestCallException("Secret '" + name + "' for " + usedFor + " " + why,
                RestErrorKind.INVALID_CREDENTIALS, OptionalInt.empty(), "", 0, false, false, unreadable);
    }

    private static String key(String type, String... parts) {
        // Each part encoded, so that a ':' inside one cannot make two credentials share a key.
        StringBuilder key = new StringBuilder(type);
        for (String part : parts) {
            key.append(':').append(URLEncoder.encode(part, StandardCharsets.UTF_8));
        }
        return key.toString();
    }

    private static String bearerToken(List<HttpField> headers) {
        for (HttpField field : headers) {
            if (field.name().equalsIgnoreCase(AUTHORIZATION) && field.value().regionMatches(true, 0, "Bearer ", 0, 7)) {
                return field.value().substring(7).trim();
            }
        }
        return null;
    }

    /** One header whose value comes from a secret (Basic, bearer, API key). */
    private static final class StaticCredentials implements Credentials {

        private final String headerName;
        private final String cacheKey;
        private final String description;
        private final Supplier<String> value;

        StaticCredentials(String headerName, String cacheKey, String description, Supplier<String> value) {
            this.headerName = headerName;
            this.cacheKey = cacheKey;
            this.description = description;
            this.value = value;
        }

        @Override
        public Future<List<HttpField>> headers() {
            try {
                return Future.succeededFuture(List.of(new HttpField(headerName, value.get())));
            } catch (RestCallException e) {
                return Future.failedFuture(e);
            }
        }

        /** True only when the secret was rotated since the rejected attempt: resending with the new one may pass. */
        @Override
        public Future<Boolean> refresh(List<HttpField> rejected) {
            String now;
            try {
                now = value.get();
            } catch (RestCallException e) {
                return Future.succeededFuture(false);
            }
            boolean rotated = rejected.stream().noneMatch(field -> field.name().equalsIgnoreCase(headerName)
                    && field.value().equals(now));
            return Future.succeededFuture(rotated);
        }

        @Override
        public Set<String> headerNames() {
            return Set.of(headerName);
        }

        @Override
        public String cacheKey() {
            return cacheKey;
        }

        @Override
        public String toString() {
            return "Credentials[" + description + "]";
        }
    }

    /** An OAuth 2.0 client-credentials token from the server's {@link TokenCache}. */
    private static final class TokenCredentials implements Credentials {

        private final OAuth2ClientCredentials auth;
        private final Secrets secrets;
        private final HttpClient client;
        private final TokenCache tokens;
        private final String cacheKey;

        TokenCredentials(OAuth2ClientCredentials auth, Secrets secrets, HttpClient client, TokenCache tokens) {
            this.auth = auth;
            this.secrets = secrets;
            this.client = client;
            this.tokens = tokens;
            this.cacheKey = key(OAuth2ClientCredentials.TYPE, auth.tokenUrl().orElse(""), auth.issuer().orElse(""),
                    auth.clientId(), auth.clientSecretName(), auth.scope().orElse(""), auth.audience().orElse(""));
        }

        @Override
        public Future<List<HttpField>> headers() {
            return tokens.token(auth, secrets, client)
                    .map(token -> List.of(new HttpField(AUTHORIZATION, "Bearer " + token)));
        }

        @Override
        public Future<Boolean> refresh(List<HttpField> rejected) {
            String token = bearerToken(rejected);
            // Without our token the attempt was not refused for it (a redirect to another origin drops it).
            return token == null ? Future.succeededFuture(false) : tokens.refresh(auth, secrets, client, token);
        }

        @Override
        public Set<String> headerNames() {
            return Set.of(AUTHORIZATION);
        }

        @Override
        public String cacheKey() {
            return cacheKey;
        }

        @Override
        public String toString() {
            return "Credentials[oauth2ClientCredentials client '" + auth.clientId() + "' with secret '"
                    + auth.clientSecretName() + "']";
        }
    }
}
