package org.flowserver.dsl;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The properties every processor has.
 *
 * @param id                        required; {@code [a-zA-Z][a-zA-Z0-9_-]{2,29}}, unique within the flow
 * @param name                      an optional descriptive name
 * @param exchangeProperties        custom exchange properties in {@link java.util.Properties} text form
 *                                  ({@code key=value} lines), set before the processor handles the payload,
 *                                  replacing properties of the same name; default empty
 * @param retainPayloadOnFailure    whether the incoming payload stays available to error handling when
 *                                  processing fails; default {@code false}
 * @param messageLoggingStrategy    how the processor logs messages; absent means no logging
 * @param payloadArchivingStrategy  whether payloads are archived in traces; absent means no archiving
 */
public record CommonProperties(String id, Optional<String> name, String exchangeProperties,
                               boolean retainPayloadOnFailure,
                               Optional<MessageLoggingStrategy> messageLoggingStrategy,
                               Optional<PayloadArchivingStrategy> payloadArchivingStrategy) {

    public CommonProperties {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(exchangeProperties, "exchangeProperties");
        Objects.requireNonNull(messageLoggingStrategy, "messageLoggingStrategy");
        Objects.requireNonNull(payloadArchivingStrategy, "payloadArchivingStrategy");
    }

    /** Only an id; every other property at its default. */
    public static CommonProperties of(String id) {
        return new CommonProperties(id, Optional.empty(), "", false, Optional.empty(), Optional.empty());
    }

    /**
     * The custom exchange properties parsed, in the order they are written.
     *
     * @throws IllegalArgumentException if the text is not valid {@link java.util.Properties} text
     */
    public Map<String, String> exchangePropertyMap() {
        return parseProperties(exchangeProperties);
    }

    static Map<String, String> parseProperties(String text) {
        Map<String, String> ordered = new LinkedHashMap<>();
        Properties properties = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                ordered.remove(key);
                ordered.put((String) key, (String) value);
                return super.put(key, value);
            }
        };
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return ordered;
    }
}
