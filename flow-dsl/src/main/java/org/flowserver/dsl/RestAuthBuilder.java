package org.flowserver.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Chooses the credentials of a {@code restRequest}: call exactly one of its methods, for example
 * {@code a -> a.bearer("github-token")}. Secrets are named, never written: each {@code ...SecretName} is the name of
 * a secret in the server's store, which the server resolves at deploy. Choosing no kind, or two, is reported by
 * {@link FlowBuilder#build()}.
 * Methods taking an object throw {@link NullPointerException} for {@code null}.
 */
public final class RestAuthBuilder {

    private final List<RestAuthSpec> chosen = new ArrayList<>();

    RestAuthBuilder() {
    }

    /** No credentials; on a call to a service, switches the service's own credentials off for this call. */
    public void none() {
        chosen.add(new RestAuthSpec.None());
    }

    /**
     * HTTP Basic.
     *
     * @param username            the user name; not empty, without {@code ':'}
     * @param passwordSecretName  the secret holding the password
     */
    public void basic(String username, String passwordSecretName) {
        chosen.add(new RestAuthSpec.Basic(Objects.requireNonNull(username, "username"),
                Objects.requireNonNull(passwordSecretName, "passwordSecretName")));
    }

    /** A static bearer token, the value of secret {@code tokenSecretName}. */
    public void bearer(String tokenSecretName) {
        chosen.add(new RestAuthSpec.Bearer(Objects.requireNonNull(tokenSecretName, "tokenSecretName")));
    }

    /**
     * An API key in a request header (never in the query: URLs get logged).
     *
     * @param headerName        the header, an HTTP token other than {@code Authorization}, such as {@code X-Api-Key}
     * @param apiKeySecretName  the secret holding the key
     */
    public void apiKey(String headerName, String apiKeySecretName) {
        chosen.add(new RestAuthSpec.ApiKey(Objects.requireNonNull(headerName, "headerName"),
                Objects.requireNonNull(apiKeySecretName, "apiKeySecretName")));
    }

    /** OAuth 2.0 client credentials, configured by {@code configurator}. */
    public void oauth2ClientCredentials(Consumer<OAuth2ClientCredentialsBuilder> configurator) {
        OAuth2ClientCredentialsBuilder builder = new OAuth2ClientCredentialsBuilder();
        configurator.accept(builder);
        chosen.add(builder.build());
    }

    List<Problem> problems() {
        if (chosen.isEmpty()) {
            return List.of(new Problem("", "chooses no credentials; call one of none(), basic(...), bearer(...), "
                    + "apiKey(...) or oauth2ClientCredentials(...)"));
        }
        if (chosen.size() > 1) {
            List<String> types = chosen.stream().map(RestAuthSpec::type).toList();
            return List.of(new Problem("", "chooses " + String.join(" and ", types)
                    + "; a call has one kind of credentials, so call one of none(), basic(...), bearer(...), "
                    + "apiKey(...) or oauth2ClientCredentials(...)"));
        }
        return List.of();
    }

    /** The first kind chosen; absent when none was. */
    Optional<RestAuthSpec> build() {
        return chosen.stream().findFirst();
    }
}
