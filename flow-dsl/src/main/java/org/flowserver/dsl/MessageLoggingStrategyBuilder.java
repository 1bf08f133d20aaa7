package org.flowserver.dsl;

import java.util.Objects;

/** Configures a {@link MessageLoggingStrategy}; every setting starts at its default. */
public final class MessageLoggingStrategyBuilder {

    private LogLevel level = LogLevel.INFO;
    private boolean logPayload;
    private int maxPayloadLength = MessageLoggingStrategy.DEFAULT_MAX_PAYLOAD_LENGTH;
    private boolean logExchangeProperties;

    MessageLoggingStrategyBuilder() {
    }

    /** The level of the log line; default INFO. */
    public MessageLoggingStrategyBuilder level(LogLevel level) {
        this.level = Objects.requireNonNull(level, "level");
        return this;
    }

    /** Whether the payload is logged, truncated to {@link #maxPayloadLength}; default {@code false}. */
    public MessageLoggingStrategyBuilder logPayload(boolean logPayload) {
        this.logPayload = logPayload;
        return this;
    }

    /** How many characters of the payload are logged; default 1024. */
    public MessageLoggingStrategyBuilder maxPayloadLength(int maxPayloadLength) {
        this.maxPayloadLength = maxPayloadLength;
        return this;
    }

    /** Whether the exchange properties are logged, with credentials redacted; default {@code false}. */
    public MessageLoggingStrategyBuilder logExchangeProperties(boolean logExchangeProperties) {
        this.logExchangeProperties = logExchangeProperties;
        return this;
    }

    MessageLoggingStrategy build() {
        return new MessageLoggingStrategy(level, logPayload, maxPayloadLength, logExchangeProperties);
    }
}
