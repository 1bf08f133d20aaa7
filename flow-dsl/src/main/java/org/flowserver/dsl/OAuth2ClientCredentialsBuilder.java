package org.flowserver.dsl;

import java.util.Objects;
import java.util.Optional;

/**
 * Configures {@link RestAuthSpec.OAuth2ClientCredentials}: exactly one of {@code tokenUrl} and {@code issuer},
 * plus {@code clientId} and {@code clientSecretName}, are required; {@link FlowBuilder#build()} checks them.
 * Methods taking an object throw {@link NullPointerException} for {@code null}.
 */
public final class OAuth2ClientCredentialsBuilder {

    private Optional<String> tokenUrl = Optional.empty();
    private Optional<String> issuer = Optional.empty();
    private String clientId = "";
    private String clientSecretName = "";
    private Optional<String> scope = Optional.empty();
    private Optional<String> audience = Optional.empty();
    private RestAuthSpec.ClientAuthentication clientAuthentication = RestAuthSpec.ClientAuthentication.BASIC;

    OAuth2ClientCredentialsBuilder() {
    }

    /** The token endpoint, an absolute https (or http) URL; instead of {@code issuer}. */
    public OAuth2ClientCredentialsBuilder tokenUrl(String tokenUrl) {
        this.tokenUrl = Optional.of(Objects.requireNonNull(tokenUrl, "tokenUrl"));
        return this;
    }

    /** An OpenID Connect issuer whose discovery document names the token endpoint; instead of {@code tokenUrl}. */
    public OAuth2ClientCredentialsBuilder issuer(String issuer) {
        this.issuer = Optional.of(Objects.requireNonNull(issuer, "issuer"));
        return this;
    }

    /** The client id. Required. */
    public OAuth2ClientCredentialsBuilder clientId(String clientId) {
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        return this;
    }

    /** The name of the secret holding the client secret, in the server's secret store. Required. */
    public OAuth2ClientCredentialsBuilder clientSecretName(String clientSecretName) {
        this.clientSecretName = Objects.requireNonNull(clientSecretName, "clientSecretName");
        return this;
    }

    /** The scope asked for; by default none. */
    public OAuth2ClientCredentialsBuilder scope(String scope) {
        this.scope = Optional.of(Objects.requireNonNull(scope, "scope"));
        return this;
    }

    /** The audience asked for; by default none. */
    public OAuth2ClientCredentialsBuilder audience(String audience) {
        this.audience = Optional.of(Objects.requireNonNull(audience, "audience"));
        return this;
    }

    /** How the client sends its secret to the token endpoint; default {@code BASIC}. */
    public OAuth2ClientCredentialsBuilder clientAuthentication(RestAuthSpec.ClientAuthentication clientAuthentication) {
        this.clientAuthentication = Objects.requireNonNull(clientAuthentication, "clientAuthentication");
        return this;
    }

    RestAuthSpec.OAuth2ClientCredentials build() {
        return new RestAuthSpec.OAuth2ClientCredentials(tokenUrl, issuer, clientId, clientSecretName, scope, audience,
                clientAuthentication);
    }
}
