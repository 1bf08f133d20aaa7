package org.flowserver.processors.outbound;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to an outbound request, body read in full.
 *
 * @param statusCode  the status of the last answer (after redirects)
 * @param headers     its headers, in order, repeats kept
 * @param body        its body; empty when it had none
 * @param url         the URL that gave it (the last hop of redirects)
 * @param attempts    how many attempts were made; 0 when it came from the cache
 * @param fromCache   whether it came from the response cache
 */
public record OutboundResponse(int statusCode, List<HttpField> headers, byte[] body, URI url, int attempts,
                               boolean fromCache) {

    public OutboundResponse {
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(url, "url");
    }

    /** The first value of header {@code name} (ignoring case). */
    public Optional<String> header(String name) {
        for (HttpField field : headers) {
            if (field.name().equalsIgnoreCase(name)) {
                return Optional.of(field.value());
            }
        }
        return Optional.empty();
    }

    /** Every value of header {@code name} (ignoring case), in order. */
    public List<String> headers(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return headers.stream().filter(field -> field.name().toLowerCase(Locale.ROOT).equals(lower))
                .map(HttpField::value).toList();
    }

    /** This answer as served from the cache. */
    public OutboundResponse cached() {
        return new OutboundResponse(statusCode, headers, body, url, 0, true);
    }
}
