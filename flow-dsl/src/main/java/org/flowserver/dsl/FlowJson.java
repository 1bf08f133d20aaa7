package org.flowserver.dsl;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON form of a flow (DESIGN.md §4.1): the management API body and the storage format. Field names
 * equal the DSL method names. Reading is strict (unknown fields and wrong types are problems) and
 * validates the flow; {@code read(write(flow))} equals {@code flow}. The writer omits empty text and absent
 * options, and writes every flag and choice.
 */
public final class FlowJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private FlowJson() {
    }

    /**
     * Reads and validates a flow.
     *
     * @throws InvalidFlowException listing every problem, if the text is not JSON, does not have the shape
     *                              of a flow, or the flow breaks a rule
     */
    public static FlowSpec read(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            // Jackson names the hidden source inside nested locations; the position is what helps.
            String reason = e.getOriginalMessage()
                    .replace("[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); ", "[");
            throw new InvalidFlowException("", List.of(new Problem("", "The flow is not valid JSON: " + reason + where)));
        }
        if (node == null || node.isMissingNode()) {
            throw new InvalidFlowException("", List.of(new Problem("", "The flow is empty; send a flow as a JSON object")));
        }
        return read(node);
    }

    /**
     * Reads and validates a flow from a JSON tree.
     *
     * @throws InvalidFlowException listing every problem
     */
    public static FlowSpec read(JsonNode node) {
        return new FlowJsonReader().read(node);
    }

    /** The flow as indented JSON text. */
    public static String write(FlowSpec flow) {
        try {
            return MAPPER.writeValueAsString(toJson(flow));
        } catch (JsonProcessingException e) {
            throw new FlowException("Flow '" + flow.id() + "' could not be written as JSON", e);
        }
    }

    /** The flow as a JSON tree. */
    public static ObjectNode toJson(FlowSpec flow) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("id", flow.id());
        root.put("ownerId", flow.ownerId());
        putText(root, "description", flow.description());
        root.put("exchangePattern", flow.exchangePattern().name());
        ArrayNode processors = root.putArray("processors");
        for (ProcessorSpec processor : flow.processors()) {
            processors.add(toJson(processor));
        }
        flow.deadLetterStrategy().ifPresent(strategy -> {
            ObjectNode node = root.putObject("deadLetterStrategy");
            node.put("flowId", strategy.flowId());
            node.put("forwardMessagePreprocessingErrors", strategy.forwardMessagePreprocessingErrors());
        });
        flow.redeliveryPolicy().ifPresent(policy -> {
            ObjectNode node = root.putObject("redeliveryPolicy");
            node.put("maxAttempts", policy.maxAttempts());
            node.put("initialDelayMillis", policy.initialDelayMillis());
            node.put("multiplier", policy.multiplier());
            node.put("maxDelayMillis", policy.maxDelayMillis());
        });
        return root;
    }

    private static ObjectNode toJson(ProcessorSpec processor) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", processor.type());
        node.put("id", processor.id());
        processor.name().ifPresent(name -> node.put("name", name));
        processor.accept(new ProcessorVisitor<Void>() {
            @Override
            public Void restApi(RestApiSpec spec) {
                spec.apiSpecId().ifPresent(apiSpecId -> node.put("apiSpecId", apiSpecId));
                node.put("validateResponse", spec.validateResponse());
                node.put("responseConversionCharacterSet", spec.responseConversionCharacterSet());
                node.put("forwardMessagePreprocessingErrors", spec.forwardMessagePreprocessingErrors());
                spec.inboundTransformationStrategy().ifPresent(strategy -> {
                    ObjectNode inbound = node.putObject("inboundTransformationStrategy");
                    inbound.put("format", strategy.format().name());
                    strategy.charset().ifPresent(charset -> inbound.put("charset", charset));
                });
                node.put("access", spec.access().name());
                return null;
            }

            @Override
            public Void setExchangeProperty(SetExchangePropertySpec spec) {
                node.put("propertyName", spec.propertyName());
                node.put("source", spec.source());
                return null;
            }

            @Override
            public Void setPayload(SetPayloadSpec spec) {
                node.put("source", spec.source());
                return null;
            }

            @Override
            public Void map(MapSpec spec) {
                node.put("mapSpec", spec.mapSpec());
                return null;
            }

            @Override
            public Void filter(FilterSpec spec) {
                node.put("expression", spec.expression());
                return null;
            }

            @Override
            public Void log(LogSpec spec) {
                node.put("level", spec.level().name());
                spec.expression().ifPresent(expression -> node.put("expression", expression));
                return null;
            }

            @Override
            public Void handoff(HandoffSpec spec) {
                node.put("flowId", spec.flowId());
                return null;
            }

            @Override
            public Void handoffSource(HandoffSourceSpec spec) {
                return null;
            }

            @Override
            public Void restRequest(RestRequestSpec spec) {
                throw new UnsupportedOperationException("restRequest JSON: being built (issue 7)");
            }
        });
        CommonProperties common = processor.common();
        putText(node, "exchangeProperties", common.exchangeProperties());
        node.put("retainPayloadOnFailure", common.retainPayloadOnFailure());
        common.messageLoggingStrategy().ifPresent(strategy -> {
            ObjectNode logging = node.putObject("messageLoggingStrategy");
            logging.put("level", strategy.level().name());
            logging.put("logPayload", strategy.logPayload());
            logging.put("maxPayloadLength", strategy.maxPayloadLength());
            logging.put("logExchangeProperties", strategy.logExchangeProperties());
        });
        common.payloadArchivingStrategy().ifPresent(strategy -> {
            ObjectNode archiving = node.putObject("payloadArchivingStrategy");
            archiving.put("archiveBefore", strategy.archiveBefore());
            archiving.put("archiveAfter", strategy.archiveAfter());
            archiving.put("maxBytes", strategy.maxBytes());
        });
        return node;
    }

    private static void putText(ObjectNode node, String field, String text) {
        if (!text.isEmpty()) {
            node.put(field, text);
        }
    }

    static List<String> names(Enum<?>[] values) {
        List<String> names = new ArrayList<>();
        for (Enum<?> value : values) {
            names.add(value.name());
        }
        return names;
    }

    static Optional<String> nonEmpty(String text) {
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
}
