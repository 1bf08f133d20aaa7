package org.flowserver.processors.handoff;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.camel.CamelContext;

/**
 * A message handed from one flow to another: what the new message starts with.
 *
 * @param context            the Camel context the sender runs in, to create the new message's exchange
 * @param payload            the payload, empty for none
 * @param properties         the exchange properties, copied
 * @param originalMessageId  the sender's message id, the new message's {@code originalMessageId}
 * @param correlationId      the sender's correlation id, kept by the new message
 */
public record Handoff(CamelContext context, Optional<Object> payload, Map<String, Object> properties,
                      String originalMessageId, String correlationId) {

    public Handoff {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(payload, "payload");
        // Not Map.copyOf: exchange properties may hold null values.
        properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
        Objects.requireNonNull(originalMessageId, "originalMessageId");
        Objects.requireNonNull(correlationId, "correlationId");
    }
}
