package org.flowserver.server.traces;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flowserver.processors.trace.ArchivedPayload;
import org.flowserver.processors.trace.AttemptTrace;
import org.flowserver.processors.trace.MessageTrace;
import org.flowserver.processors.trace.StepOutcome;
import org.flowserver.processors.trace.StepTrace;
import org.flowserver.processors.trace.TraceError;

/**
 * The JSON form of traces: the same field names in the store's {@code attempts} and {@code error} columns and in
 * the management API, so that what an operator reads is what was stored.
 */
final class TraceJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final TypeReference<Map<String, Object>> PROPERTIES = new TypeReference<>() {
    };

    private TraceJson() {
    }

    /** A trace as the list of the API shows it: everything but the attempts. */
    static ObjectNode summary(MessageTrace trace) {
        ObjectNode node = NODES.objectNode();
        node.put("messageId", trace.messageId());
        node.put("correlationId", trace.correlationId());
        trace.originalMessageId().ifPresent(id -> node.put("originalMessageId", id));
        node.put("ownerId", trace.ownerId());
        node.put("flowId", trace.flowId());
        node.put("flowName", trace.flowName());
        node.put("origin", trace.origin());
        node.put("state", trace.state().name());
        node.put("start", trace.start().toString());
        trace.end().ifPresent(end -> node.put("end", end.toString()));
        trace.processingTime().ifPresent(time -> node.put("processingTimeMs", millis(time.toNanos() / 1_000)));
        node.put("messageSize", trace.messageSize());
        trace.principal().ifPresent(principal -> node.put("principal", principal));
        ArrayNode categories = node.putArray("errorCategories");
        trace.errorCategories().forEach(categories::add);
        trace.error().ifPresent(error -> node.set("error", error(error)));
        return node;
    }

    /** A trace with its attempts, steps and archived payloads. */
    static ObjectNode full(MessageTrace trace) {
        ObjectNode node = summary(trace);
        node.set("attempts", attempts(trace.attempts()));
        return node;
    }

    /** Milliseconds with microsecond precision, from microseconds. */
    static BigDecimal millis(long micros) {
        return BigDecimal.valueOf(micros, 3);
    }

    static String attemptsText(List<AttemptTrace> attempts) {
        return attempts(attempts).toString();
    }

    static String errorText(TraceError error) {
        return error(error).toString();
    }

    /**
     * @throws IllegalArgumentException if the text is not attempts as {@link #attemptsText} writes them
     */
    static List<AttemptTrace> readAttempts(String text) {
        JsonNode array = read(text);
        List<AttemptTrace> attempts = new ArrayList<>();
        for (JsonNode attempt : array) {
            List<StepTrace> steps = new ArrayList<>();
            for (JsonNode step : attempt.path("steps")) {
                steps.add(new StepTrace(text(step, "processorId"), text(step, "processorType"), instant(step, "start"),
                        step.path("durationMicros").asLong(), StepOutcome.valueOf(text(step, "outcome")),
                        payload(step.get("payloadBefore")), payload(step.get("payloadAfter")),
                        Optional.ofNullable(step.get("properties")).map(properties -> JSON.convertValue(properties,
                                PROPERTIES))));
            }
            attempts.add(new AttemptTrace(attempt.path("number").asInt(), instant(attempt, "start"), steps));
        }
        return attempts;
    }

    /**
     * @throws IllegalArgumentException if the text is not an error as {@link #errorText} writes it
     */
    static TraceError readError(String text) {
        JsonNode node = read(text);
        return new TraceError(text(node, "category"), text(node, "type"), text(node, "message"),
                Optional.ofNullable(node.get("processorId")).map(JsonNode::asText));
    }

    private static ArrayNode attempts(List<AttemptTrace> attempts) {
        ArrayNode array = NODES.arrayNode();
        for (AttemptTrace attempt : attempts) {
            ObjectNode node = array.addObject();
            node.put("number", attempt.number());
            node.put("start", attempt.start().toString());
            ArrayNode steps = node.putArray("steps");
            attempt.steps().forEach(step -> steps.add(step(step)));
        }
        return array;
    }

    private static ObjectNode step(StepTrace step) {
        ObjectNode node = NODES.objectNode();
        node.put("processorId", step.processorId());
        node.put("processorType", step.processorType());
        node.put("start", step.start().toString());
        node.put("durationMicros", step.durationMicros());
        node.put("outcome", step.outcome().name());
        step.payloadBefore().ifPresent(payload -> node.set("payloadBefore", payload(payload)));
        step.payloadAfter().ifPresent(payload -> node.set("payloadAfter", payload(payload)));
        step.properties().ifPresent(properties -> node.set("properties", value(properties)));
        return node;
    }

    private static ObjectNode payload(ArchivedPayload payload) {
        ObjectNode node = NODES.objectNode();
        node.put("kind", payload.kind());
        node.put("content", payload.content());
        node.put("sizeBytes", payload.sizeBytes());
        node.put("truncated", payload.truncated());
        return node;
    }

    private static Optional<ArchivedPayload> payload(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        return Optional.of(new ArchivedPayload(text(node, "kind"), text(node, "content"),
                node.path("sizeBytes").asLong(), node.path("truncated").asBoolean()));
    }

    private static ObjectNode error(TraceError error) {
        ObjectNode node = NODES.objectNode();
        node.put("category", error.category());
        node.put("type", error.type());
        node.put("message", error.message());
        error.processorId().ifPresent(id -> node.put("processorId", id));
        return node;
    }

    /**
     * An exchange property value as JSON. Properties hold JSON-like values (text, numbers, lists of header values,
     * maps); anything else is shown as its text rather than serialized as a bean, which could expose its internals.
     */
    static JsonNode value(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof CharSequence text) {
            return NODES.textNode(text.toString());
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return NODES.numberNode(big);
        }
        if (value instanceof BigDecimal decimal) {
            return NODES.numberNode(decimal);
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            return Double.isFinite(number) ? NODES.numberNode(number) : NODES.textNode(String.valueOf(number));
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = NODES.objectNode();
            map.forEach((name, item) -> node.set(String.valueOf(name), value(item)));
            return node;
        }
        if (value instanceof Collection<?> collection) {
            ArrayNode node = NODES.arrayNode();
            collection.forEach(item -> node.add(value(item)));
            return node;
        }
        if (value instanceof byte[] bytes) {
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (value instanceof Object[] array) {
            ArrayNode node = NODES.arrayNode();
            for (Object item : array) {
                node.add(value(item));
            }
            return node;
        }
        return NODES.textNode(String.valueOf(value));
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        return Instant.parse(text(node, field));
    }
}
