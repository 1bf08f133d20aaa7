package org.flowserver.processors.access;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The name and password of an {@code Authorization: Basic} header (RFC 7617, UTF-8). {@code toString()} never
 * shows the password.
 */
public record BasicCredentials(String name, String password) {

    /**
     * Reads the value of an {@code Authorization} header.
     *
     * @return empty unless it is {@code Basic} with Base64 of {@code name:password} and a non-empty name
     */
    public static Optional<BasicCredentials> parse(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        return colon <= 0 ? Optional.empty()
                : Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return "BasicCredentials[name=" + name + ", password=***]";
    }
}
