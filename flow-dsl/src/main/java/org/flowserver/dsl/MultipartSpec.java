package org.flowserver.dsl;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A multipart request body (RFC 2046), with full control over its envelope and each part's headers.
 *
 * @param contentType  the envelope's media type without the boundary; default {@code multipart/mixed}
 * @param boundary     the boundary, 1 to 70 RFC 2046 characters; default 32 random hexadecimal digits
 * @param parts        the parts, in order; at least one
 */
public record MultipartSpec(Optional<String> contentType, Optional<String> boundary, List<MultipartPartSpec> parts) {

    public static final String DEFAULT_CONTENT_TYPE = "multipart/mixed";

    public MultipartSpec {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(boundary, "boundary");
        parts = List.copyOf(parts);
    }
}
