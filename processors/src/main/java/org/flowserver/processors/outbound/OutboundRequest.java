package org.flowserver.processors.outbound;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A request ready to send: every template filled, the body encoded. Credentials are not in it; they are added
 * per attempt (a token may change between attempts) and dropped on a redirect to another origin.
 *
 * @param method   the HTTP method, upper case
 * @param uri      the absolute http or https URI, query included
 * @param headers  the headers, in order (no {@code Content-Length}, {@code Host} or credentials)
 * @param body     the body, sent with a {@code Content-Length}; empty sends none
 */
public record OutboundRequest(String method, URI uri, List<HttpField> headers, Optional<byte[]> body) {

    public OutboundRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }
}
