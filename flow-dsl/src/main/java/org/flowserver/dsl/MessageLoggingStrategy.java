package org.flowserver.dsl;

import java.util.Objects;

/**
 * How a processor logs each message it handles on the server. Logging is off unless a processor has a
 * strategy. Credentials (headers such as {@code Authorization}, and properties whose names look like
 * secrets) are always redacted.
 *
 * @param level                  the level of the log line; default {@link LogLevel#INFO}
 * @param logPayload             whether the payload is logged; default {@code false}
 * @param maxPayloadLength       how many characters of the payload are logged before it is truncated;
 *                               default {@value #DEFAULT_MAX_PAYLOAD_LENGTH}, at least 0
 * @param logExchangeProperties  whether the exchange properties are logged; default {@code false}
 */
public record MessageLoggingStrategy(LogLevel level, boolean logPayload, int maxPayloadLength,
                                     boolean logExchangeProperties) {

    public static final int DEFAULT_MAX_PAYLOAD_LENGTH = 1024;

    public MessageLoggingStrategy {
        Objects.requireNonNull(level, "level");
    }

    /** The strategy with every default: INFO, no payload, no exchange properties. */
    public static MessageLoggingStrategy defaults() {
        return new MessageLoggingStrategy(LogLevel.INFO, false, DEFAULT_MAX_PAYLOAD_LENGTH, false);
    }
}
