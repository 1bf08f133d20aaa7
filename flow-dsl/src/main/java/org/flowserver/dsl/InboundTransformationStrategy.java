package org.flowserver.dsl;

import java.util.Objects;
import java.util.Optional;

/**
 * Overrides how a source turns the incoming entity into the payload, whatever its content type.
 *
 * @param format  treat the entity as JSON, as text, or as binary
 * @param charset the character set used to decode a TEXT or JSON entity; when absent, the charset of the
 *                request's {@code Content-Type}, else UTF-8
 */
public record InboundTransformationStrategy(EntityFormat format, Optional<String> charset) {

    public InboundTransformationStrategy {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(charset, "charset");
    }
}
