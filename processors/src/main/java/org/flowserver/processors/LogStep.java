package org.flowserver.processors;

import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.flowserver.processors.payload.Json;
import org.flowserver.processors.payload.Payloads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** {@code log}: writes the expression's result, or a summary without the payload, to the flow log. */
final class LogStep implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger("org.flowserver.flow.log");

    private final String ownerId;
    private final String flowId;
    private final String processorId;
    private final Level level;
    private final Optional<Expression> expression;

    LogStep(String ownerId, String flowId, String processorId, Level level, Optional<Expression> expression) {
        this.ownerId = ownerId;
        this.flowId = flowId;
        this.processorId = processorId;
        this.level = level;
        this.expression = expression;
    }

    @Override
    public void process(Exchange exchange) {
        if (!LOG.isEnabledForLevel(level)) {
            return;
        }
        String message = expression.map(e -> text(e.evaluate(exchange)))
                .orElseGet(() -> "Message passed; payload " + Payloads.describe(exchange.getMessage().getBody()));
        LOG.atLevel(level)
                .addKeyValue("owner", ownerId)
                .addKeyValue("flow", flowId)
                .addKeyValue("processor", processorId)
                .addKeyValue("messageId", exchange.getExchangeId())
                .log(message);
    }

    private static String text(Object value) {
        return value instanceof String text ? text : Json.writeString(value);
    }
}
