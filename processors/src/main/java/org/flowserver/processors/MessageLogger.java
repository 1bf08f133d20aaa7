package org.flowserver.processors;

import org.apache.camel.Exchange;
import org.flowserver.dsl.MessageLoggingStrategy;
import org.flowserver.dsl.ProcessorSpec;
import org.flowserver.processors.payload.Json;
import org.flowserver.processors.payload.Payloads;
import org.flowserver.processors.payload.RawJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Logs each message a processor has handled, as its {@link MessageLoggingStrategy} says: a line with the
 * owner, flow, processor and message id, optionally the payload (truncated) and the exchange properties,
 * with credentials redacted.
 */
public final class MessageLogger {

    private static final Logger LOG = LoggerFactory.getLogger("org.flowserver.flow.messages");

    private final MessageLoggingStrategy strategy;
    private final String ownerId;
    private final String flowId;
    private final String processorId;
    private final String processorType;

    public MessageLogger(MessageLoggingStrategy strategy, String ownerId, String flowId, ProcessorSpec processor) {
        this.strategy = strategy;
        this.ownerId = ownerId;
        this.flowId = flowId;
        this.processorId = processor.id();
        this.processorType = processor.type();
    }

    public void log(Exchange exchange) {
        Level level = Level.valueOf(strategy.level().name());
        if (!LOG.isEnabledForLevel(level)) {
            return;
        }
        Object payload = exchange.getMessage().getBody();
        LoggingEventBuilder line = LOG.atLevel(level)
                .addKeyValue("owner", ownerId)
                .addKeyValue("flow", flowId)
                .addKeyValue("processor", processorId)
                .addKeyValue("processorType", processorType)
                .addKeyValue("messageId", exchange.getExchangeId())
                .addKeyValue("payloadKind", Payloads.describe(payload));
        if (strategy.logPayload()) {
            line = line.addKeyValue("payload", truncate(payloadText(payload)));
        }
        if (strategy.logExchangeProperties()) {
            line = line.addKeyValue("properties", Redaction.properties(exchange.getProperties()));
        }
        line.log("Message handled");
    }

    private static String payloadText(Object payload) {
        Object readable = payload instanceof RawJson raw ? raw.tree() : payload;
        if (readable instanceof String || readable instanceof byte[] || readable == null) {
            return Payloads.toText(readable);
        }
        return Json.writeString(Redaction.tree(readable));
    }

    private String truncate(String text) {
        int max = strategy.maxPayloadLength();
        return text.length() <= max ? text : text.substring(0, max) + "... (" + text.length() + " characters)";
    }
}
