package org.flowserver.processors.openapi;

import java.util.Objects;

/**
 * A security scheme the server can check: HTTP Basic, or an API key in a header, query parameter or cookie.
 * Other schemes (Bearer, OAuth2, OpenID Connect, mutual TLS) are removed when an endpoint is created.
 *
 * @param name      the scheme's name in the spec's components
 * @param kind      {@code basic} or {@code apiKey}
 * @param location  for an API key: {@code header}, {@code query} or {@code cookie}; empty for Basic
 * @param keyName   for an API key: the header, parameter or cookie name; empty for Basic
 */
public record SecurityScheme(String name, String kind, String location, String keyName) {

    public SecurityScheme {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(keyName, "keyName");
    }
}
