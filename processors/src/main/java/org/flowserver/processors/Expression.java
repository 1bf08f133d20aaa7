package org.flowserver.processors;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.flowserver.processors.payload.Payloads;

/**
 * A compiled JSONata expression, evaluated against the message document of DESIGN.md §4.1:
 * {@code {"payload", "properties", "messageId", "flowId", "ownerId"}}. Each evaluation runs in its own frame,
 * bounded in time and depth, so expressions are safe to share between threads.
 */
public final class Expression {

    private final String text;
    private final Jsonata compiled;
    private final String ownerId;
    private final String flowId;
    private final ExpressionLimits limits;

    public Expression(String text, String ownerId, String flowId, ExpressionLimits limits) {
        this.text = text;
        this.compiled = Jsonata.jsonata(text);
        // Inputs are built by this server from JSON and properties; walking them again is wasted work.
        this.compiled.setValidateInput(false);
        // Keep JSON null (NULL_VALUE) apart from "no value" (null) in results, as payload trees do.
        this.compiled.setOutputConvertNulls(false);
        this.ownerId = ownerId;
        this.flowId = flowId;
        this.limits = limits;
    }

    /** The result: a payload tree value, or {@code null} when the expression yields nothing. */
    public Object evaluate(Exchange exchange) {
        Jsonata.Frame frame = compiled.createFrame();
        frame.setRuntimeBounds(limits.timeoutMillis(), limits.maxDepth());
        // dashjoin keeps one expression object per thread and reads $now()/$millis() from it, where the time
        // is not refreshed per evaluation; bind both to this evaluation's start, as JSONata specifies.
        long start = System.currentTimeMillis();
        frame.bind("millis", Jsonata.function("millis", (Jsonata.Fn0<Long>) () -> start, "<:n>"));
        frame.bind("now", Jsonata.function("now", (Jsonata.Fn2<String, String, String>) (picture, timezone) ->
                Functions.dateTimeFromMillis(start, picture, timezone), "<s?s?:s>"));
        return compiled.evaluate(document(exchange), frame);
    }

    private Map<String, Object> document(Exchange exchange) {
        Map<String, Object> document = new LinkedHashMap<>(8);
        Object payload = Payloads.documentValue(exchange);
        if (payload != null) {
            // Left out, "payload" is undefined in JSONata; JSON null is NULL_VALUE and stays apart.
            document.put("payload", payload);
        }
        document.put("properties", exchange.getProperties());
        document.put("messageId", exchange.getExchangeId());
        document.put("flowId", flowId);
        document.put("ownerId", ownerId);
        return document;
    }

    @Override
    public String toString() {
        return text;
    }
}
