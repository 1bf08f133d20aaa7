package org.flowserver.dsl;

import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link RestRequestSpec} (or a service on the server) authenticates its calls. Secrets are never written
 * here: each is the <em>name</em> of a secret in the server's secret store.
 */
public sealed interface RestAuthSpec permits RestAuthSpec.None, RestAuthSpec.Basic, RestAuthSpec.Bearer,
        RestAuthSpec.ApiKey, RestAuthSpec.OAuth2ClientCredentials {

    /** The type name in JSON ({@code "type": "basic"}). */
    String type();

    /** No credentials; on a call to a service, switches the service's own credentials off for that call. */
    record None() implements RestAuthSpec {
        public static final String TYPE = "none";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** HTTP Basic: {@code username} and the password in secret {@code passwordSecretName}. */
    record Basic(String username, String passwordSecretName) implements RestAuthSpec {
        public static final String TYPE = "basic";

        public Basic {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(passwordSecretName, "passwordSecretName");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** A static bearer token, the value of secret {@code tokenSecretName}. */
    record Bearer(String tokenSecretName) implements RestAuthSpec {
        public static final String TYPE = "bearer";

        public Bearer {
            Objects.requireNonNull(tokenSecretName, "tokenSecretName");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** An API key sent in header {@code headerName}, the value of secret {@code apiKeySecretName}. */
    record ApiKey(String headerName, String apiKeySecretName) implements RestAuthSpec {
        public static final String TYPE = "apiKey";

        public ApiKey {
            Objects.requireNonNull(headerName, "headerName");
            Objects.requireNonNull(apiKeySecretName, "apiKeySecretName");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * OAuth 2.0 client credentials (RFC 6749 §4.4): a token from the token endpoint, cached until shortly before
     * it expires, fetched again once when the API answers 401.
     *
     * @param tokenUrl              the token endpoint; exactly one of this and {@code issuer}
     * @param issuer                an OpenID Connect issuer whose discovery document names the token endpoint
     * @param clientId              the client id
     * @param clientSecretName      the secret holding the client secret
     * @param scope                 the scope asked for, if any
     * @param audience              the audience asked for, if any
     * @param clientAuthentication  how the client authenticates at the token endpoint; default BASIC
     */
    record OAuth2ClientCredentials(Optional<String> tokenUrl, Optional<String> issuer, String clientId,
                                   String clientSecretName, Optional<String> scope, Optional<String> audience,
                                   ClientAuthentication clientAuthentication) implements RestAuthSpec {
        public static final String TYPE = "oauth2ClientCredentials";

        public OAuth2ClientCredentials {
            Objects.requireNonNull(tokenUrl, "tokenUrl");
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecretName, "clientSecretName");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(audience, "audience");
            Objects.requireNonNull(clientAuthentication, "clientAuthentication");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** How an OAuth 2.0 client sends its secret to the token endpoint. */
    enum ClientAuthentication {
        /** HTTP Basic with the client id and secret (RFC 6749 §2.3.1's recommended way). */
        BASIC,
        /** {@code client_id} and {@code client_secret} in the form body. */
        POST
    }
}
