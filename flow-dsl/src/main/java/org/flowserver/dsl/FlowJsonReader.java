package org.flowserver.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads the JSON form of a flow, collecting every shape problem (unknown field, wrong type, unknown
 * processor type) before the flow rules are checked, so that one answer lists everything to fix.
 */
final class FlowJsonReader {

    private static final List<String> COMMON_FIELDS = List.of("type", "id", "name", "exchangeProperties",
            "retainPayloadOnFailure", "messageLoggingStrategy", "payloadArchivingStrategy");
    private static final List<String> PROCESSOR_TYPES = List.of(RestApiSpec.TYPE, SetExchangePropertySpec.TYPE,
            SetPayloadSpec.TYPE, MapSpec.TYPE, FilterSpec.TYPE, LogSpec.TYPE, HandoffSpec.TYPE);

    private final List<Problem> problems = new ArrayList<>();

    FlowSpec read(JsonNode root) {
        if (!root.isObject()) {
            throw new InvalidFlowException("", List.of(new Problem("", "A flow is a JSON object, not " + kind(root))));
        }
        known(root, "", "a flow", List.of("id", "ownerId", "description", "exchangePattern", "processors",
                "deadLetterStrategy", "redeliveryPolicy"));
        String id = text(root, "", "id", "");
        String ownerId = text(root, "", "ownerId", "");
        String description = text(root, "", "description", "");
        ExchangePattern pattern = choice(root, "", "exchangePattern", ExchangePattern.values(),
                ExchangePattern.RequestResponse);

        List<ProcessorSpec> processors = new ArrayList<>();
        boolean everyProcessorRead = true;
        JsonNode list = root.get("processors");
        if (present(list) && !list.isArray()) {
            problems.add(new Problem("processors", "must be an array of processors, not " + kind(list)));
        } else if (present(list)) {
            for (int i = 0; i < list.size(); i++) {
                Optional<ProcessorSpec> processor = processor(list.get(i), "processors[" + i + "]", i == 0);
                processor.ifPresent(processors::add);
                everyProcessorRead &= processor.isPresent();
            }
        }

        Optional<DeadLetterStrategySpec> deadLetterStrategy = object(root, "", "deadLetterStrategy",
                (node, path) -> {
                    known(node, path, "a deadLetterStrategy", List.of("flowId", "forwardMessagePreprocessingErrors"));
                    return new DeadLetterStrategySpec(text(node, path, "flowId", ""),
                            bool(node, path, "forwardMessagePreprocessingErrors", false));
                });

        Optional<RedeliveryPolicySpec> redeliveryPolicy = object(root, "", "redeliveryPolicy", (node, path) -> {
            known(node, path, "a redeliveryPolicy", List.of("maxAttempts", "initialDelayMillis", "multiplier",
                    "maxDelayMillis"));
            RedeliveryPolicySpec defaults = RedeliveryPolicySpec.DEFAULT;
            return new RedeliveryPolicySpec(integer(node, path, "maxAttempts", defaults.maxAttempts()),
                    integer(node, path, "initialDelayMillis", (int) defaults.initialDelayMillis()),
                    number(node, path, "multiplier", defaults.multiplier()),
                    integer(node, path, "maxDelayMillis", (int) defaults.maxDelayMillis()));
        });

        FlowSpec flow = new FlowSpec(id, ownerId, description, pattern, processors, deadLetterStrategy,
                redeliveryPolicy);
        List<Problem> all = new ArrayList<>(problems);
        for (Problem problem : flow.problems()) {
            // Rules over the processor list are only meaningful when every entry could be read.
            if (everyProcessorRead || !problem.path().startsWith("processors")) {
                all.add(problem);
            }
        }
        if (!all.isEmpty()) {
            throw new InvalidFlowException(id, all);
        }
        return flow;
    }

    /** @param first  whether the processor is the first, the source; a {@code handoff} there is the source */
    private Optional<ProcessorSpec> processor(JsonNode node, String path, boolean first) {
        if (!node.isObject()) {
            problems.add(new Problem(path, "must be a processor object, not " + kind(node)));
            return Optional.empty();
        }
        JsonNode typeNode = node.get("type");
        if (!present(typeNode)) {
            problems.add(new Problem(path + ".type", "is required; one of " + String.join(", ", PROCESSOR_TYPES)));
            return Optional.empty();
        }
        String type = typeNode.isTextual() ? typeNode.asText() : typeNode.toString();
        switch (type) {
            case RestApiSpec.TYPE -> {
                known(node, path, "a restApi processor", List.of("apiSpecId", "validateResponse",
                        "responseConversionCharacterSet", "forwardMessagePreprocessingErrors",
                        "inboundTransformationStrategy", "access"));
                return Optional.of(new RestApiSpec(common(node, path), optionalText(node, path, "apiSpecId"),
                        bool(node, path, "validateResponse", false),
                        text(node, path, "responseConversionCharacterSet",
                                RestApiSpec.DEFAULT_RESPONSE_CONVERSION_CHARACTER_SET),
                        bool(node, path, "forwardMessagePreprocessingErrors", true),
                        object(node, path, "inboundTransformationStrategy", (inbound, inboundPath) -> {
                            known(inbound, inboundPath, "an inboundTransformationStrategy", List.of("format", "charset"));
                            if (!present(inbound.get("format"))) {
                                problems.add(new Problem(inboundPath + ".format", "is required; one of "
                                        + String.join(", ", FlowJson.names(EntityFormat.values()))));
                            }
                            return new InboundTransformationStrategy(
                                    choice(inbound, inboundPath, "format", EntityFormat.values(), EntityFormat.JSON),
                                    optionalText(inbound, inboundPath, "charset"));
                        }),
                        choice(node, path, "access", Access.values(), Access.GRANTED)));
            }
            case SetExchangePropertySpec.TYPE -> {
                known(node, path, "a setExchangeProperty processor", List.of("propertyName", "source"));
                return Optional.of(new SetExchangePropertySpec(common(node, path),
                        text(node, path, "propertyName", ""), text(node, path, "source", "")));
            }
            case SetPayloadSpec.TYPE -> {
                known(node, path, "a setPayload processor", List.of("source"));
                return Optional.of(new SetPayloadSpec(common(node, path), text(node, path, "source", "")));
            }
            case MapSpec.TYPE -> {
                known(node, path, "a map processor", List.of("mapSpec"));
                return Optional.of(new MapSpec(common(node, path), text(node, path, "mapSpec", "")));
            }
            case FilterSpec.TYPE -> {
                known(node, path, "a filter processor", List.of("expression"));
                return Optional.of(new FilterSpec(common(node, path), text(node, path, "expression", "")));
            }
            case LogSpec.TYPE -> {
                known(node, path, "a log processor", List.of("level", "expression"));
                return Optional.of(new LogSpec(common(node, path), choice(node, path, "level", LogLevel.values(),
                        LogLevel.INFO), optionalText(node, path, "expression")));
            }
            case HandoffSpec.TYPE -> {
                if (first) {
                    known(node, path, "a handoff source (a handoff as the first processor receives handoffs; "
                            + "one that hands messages on comes after the source)", List.of());
                    return Optional.of(new HandoffSourceSpec(common(node, path)));
                }
                known(node, path, "a handoff processor", List.of("flowId"));
                return Optional.of(new HandoffSpec(common(node, path), text(node, path, "flowId", "")));
            }
            default -> {
                problems.add(new Problem(path + ".type", FlowValidator.quote(type)
                        + " is not a processor type; one of " + String.join(", ", PROCESSOR_TYPES)));
                return Optional.empty();
            }
        }
    }

    private CommonProperties common(JsonNode node, String path) {
        return new CommonProperties(text(node, path, "id", ""), optionalText(node, path, "name"),
                text(node, path, "exchangeProperties", ""), bool(node, path, "retainPayloadOnFailure", false),
                object(node, path, "messageLoggingStrategy", (logging, loggingPath) -> {
                    known(logging, loggingPath, "a messageLoggingStrategy",
                            List.of("level", "logPayload", "maxPayloadLength", "logExchangeProperties"));
                    return new MessageLoggingStrategy(
                            choice(logging, loggingPath, "level", LogLevel.values(), LogLevel.INFO),
                            bool(logging, loggingPath, "logPayload", false),
                            integer(logging, loggingPath, "maxPayloadLength", MessageLoggingStrategy.DEFAULT_MAX_PAYLOAD_LENGTH),
                            bool(logging, loggingPath, "logExchangeProperties", false));
                }),
                object(node, path, "payloadArchivingStrategy", (archiving, archivingPath) -> {
                    known(archiving, archivingPath, "a payloadArchivingStrategy",
                            List.of("archiveBefore", "archiveAfter", "maxBytes"));
                    return new PayloadArchivingStrategy(bool(archiving, archivingPath, "archiveBefore", true),
                            bool(archiving, archivingPath, "archiveAfter", true),
                            integer(archiving, archivingPath, "maxBytes", PayloadArchivingStrategy.DEFAULT_MAX_BYTES));
                }));
    }

    private interface NodeReader<T> {
        T read(JsonNode node, String path);
    }

    private <T> Optional<T> object(JsonNode parent, String parentPath, String field, NodeReader<T> reader) {
        JsonNode node = parent.get(field);
        String path = join(parentPath, field);
        if (!present(node)) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            problems.add(new Problem(path, "must be an object, not " + kind(node)));
            return Optional.empty();
        }
        return Optional.of(reader.read(node, path));
    }

    private void known(JsonNode node, String path, String what, List<String> fields) {
        Set<String> allowed = new LinkedHashSet<>();
        if (path.startsWith("processors[") && !path.contains(".")) {
            allowed.addAll(COMMON_FIELDS);
        }
        allowed.addAll(fields);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problems.add(new Problem(join(path, name), "is not a property of " + what + "; known properties: "
                        + String.join(", ", allowed)));
            }
        }
    }

    private String text(JsonNode parent, String parentPath, String field, String absent) {
        return scalar(parent, parentPath, field, JsonNode::isTextual, "a string", JsonNode::asText).orElse(absent);
    }

    private Optional<String> optionalText(JsonNode parent, String parentPath, String field) {
        return scalar(parent, parentPath, field, JsonNode::isTextual, "a string", JsonNode::asText);
    }

    private boolean bool(JsonNode parent, String parentPath, String field, boolean absent) {
        return scalar(parent, parentPath, field, JsonNode::isBoolean, "true or false", JsonNode::asBoolean)
                .orElse(absent);
    }

    private int integer(JsonNode parent, String parentPath, String field, int absent) {
        return scalar(parent, parentPath, field, node -> node.isIntegralNumber() && node.canConvertToInt(),
                "an integer", JsonNode::asInt).orElse(absent);
    }

    private double number(JsonNode parent, String parentPath, String field, double absent) {
        return scalar(parent, parentPath, field, JsonNode::isNumber, "a number", JsonNode::asDouble).orElse(absent);
    }

    private <E extends Enum<E>> E choice(JsonNode parent, String parentPath, String field, E[] values, E absent) {
        Optional<String> name = optionalText(parent, parentPath, field);
        if (name.isEmpty()) {
            return absent;
        }
        for (E value : values) {
            if (value.name().equals(name.get())) {
                return value;
            }
        }
        problems.add(new Problem(join(parentPath, field), FlowValidator.quote(name.get()) + " is not one of "
                + String.join(", ", FlowJson.names(values))));
        return absent;
    }

    private <T> Optional<T> scalar(JsonNode parent, String parentPath, String field,
                                   Predicate<JsonNode> accepts, String expected,
                                   Function<JsonNode, T> value) {
        JsonNode node = parent.get(field);
        if (!present(node)) {
            return Optional.empty();
        }
        if (!accepts.test(node)) {
            problems.add(new Problem(join(parentPath, field), "must be " + expected + ", not " + kind(node)));
            return Optional.empty();
        }
        return Optional.of(value.apply(node));
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull();
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase();
        };
    }
}
