package org.flowserver.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
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
            SetPayloadSpec.TYPE, MapSpec.TYPE, FilterSpec.TYPE, LogSpec.TYPE, HandoffSpec.TYPE, RestRequestSpec.TYPE);
    private static final List<String> REST_REQUEST_FIELDS = List.of("url", "scheme", "hostname", "port", "basePath",
            "path", "service", "method", "headers", "queryParameters", "cookies", "body", "multipart", "auth",
            "connectTimeout", "readTimeout", "totalTimeout", "followRedirects", "maxRedirects", "expectedStatusCodes",
            "retryPolicy", "onError", "output", "forwardResponseHeaders", "cache");
    private static final List<String> AUTH_TYPES = List.of(RestAuthSpec.None.TYPE, RestAuthSpec.Basic.TYPE,
            RestAuthSpec.Bearer.TYPE, RestAuthSpec.ApiKey.TYPE, RestAuthSpec.OAuth2ClientCredentials.TYPE);

    private final List<Problem> problems = new ArrayList<>();
    /**
     * Paths under which an entry could not be read (a header value that is a number, a part that is a string), so
     * the indexes the flow rules would report there do not match the document; their rule problems are left out.
     */
    private final List<String> unreadEntries = new ArrayList<>();

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
            if ((everyProcessorRead || !problem.path().startsWith("processors")) && !underUnreadEntry(problem)) {
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
            case RestRequestSpec.TYPE -> {
                known(node, path, "a restRequest processor", REST_REQUEST_FIELDS);
                return Optional.of(restRequest(node, path));
            }
            default -> {
                problems.add(new Problem(path + ".type", FlowValidator.quote(type)
                        + " is not a processor type; one of " + String.join(", ", PROCESSOR_TYPES)));
                return Optional.empty();
            }
        }
    }

    private RestRequestSpec restRequest(JsonNode node, String path) {
        CommonProperties common = common(node, path);
        TargetFields target = new TargetFields(optionalText(node, path, "url"), optionalText(node, path, "scheme"),
                optionalText(node, path, "hostname"), optionalInteger(node, path, "port"),
                optionalText(node, path, "basePath"), optionalText(node, path, "path"),
                optionalText(node, path, "service"));
        target.problems().forEach(problem -> problems.add(problem.under(path)));
        return new RestRequestSpec(common, target.target(),
                optionalChoice(node, path, "method", RestMethod.values()),
                valueLists(node, path, "headers"),
                valueLists(node, path, "queryParameters"),
                textMap(node, path, "cookies"),
                optionalText(node, path, "body"),
                object(node, path, "multipart", this::multipart),
                object(node, path, "auth", this::auth).flatMap(auth -> auth),
                duration(node, path, "connectTimeout"),
                duration(node, path, "readTimeout"),
                duration(node, path, "totalTimeout"),
                scalar(node, path, "followRedirects", JsonNode::isBoolean, "true or false", JsonNode::asBoolean),
                optionalInteger(node, path, "maxRedirects"),
                integers(node, path, "expectedStatusCodes", List.of()),
                object(node, path, "retryPolicy", this::retryPolicy),
                choice(node, path, "onError", OnError.values(), OnError.BREAK_FLOW),
                choice(node, path, "output", RestOutput.values(), RestOutput.BODY),
                texts(node, path, "forwardResponseHeaders"),
                object(node, path, "cache", this::cache));
    }

    private MultipartSpec multipart(JsonNode node, String path) {
        known(node, path, "a multipart body", List.of("contentType", "boundary", "parts"));
        Optional<String> contentType = optionalText(node, path, "contentType");
        Optional<String> boundary = optionalText(node, path, "boundary");
        List<MultipartPartSpec> parts = new ArrayList<>();
        JsonNode list = node.get("parts");
        String partsPath = path + ".parts";
        if (present(list) && !list.isArray()) {
            problems.add(new Problem(partsPath, "must be an array of parts, not " + kind(list)));
            unreadEntries.add(partsPath);
        } else if (present(list)) {
            for (int i = 0; i < list.size(); i++) {
                JsonNode part = list.get(i);
                String partPath = partsPath + "[" + i + "]";
                if (!part.isObject()) {
                    problems.add(new Problem(partPath, "must be a part object, not " + kind(part)));
                    unreadEntries.add(partsPath);
                    continue;
                }
                known(part, partPath, "a multipart part", List.of("name", "value", "content", "filename",
                        "contentType", "contentDisposition", "contentLength"));
                parts.add(new MultipartPartSpec(text(part, partPath, "name", ""),
                        optionalText(part, partPath, "value"), optionalText(part, partPath, "content"),
                        optionalText(part, partPath, "filename"), partHeader(part, partPath, "contentType"),
                        partHeader(part, partPath, "contentDisposition"), partHeader(part, partPath, "contentLength")));
            }
        }
        return new MultipartSpec(contentType, boundary, parts);
    }

    /** A part header: absent or {@code true} for the default, {@code false} to leave it out, or its text. */
    private PartHeader partHeader(JsonNode parent, String parentPath, String field) {
        JsonNode node = parent.get(field);
        if (!present(node)) {
            return PartHeader.DEFAULT;
        }
        if (node.isBoolean()) {
            return node.asBoolean() ? PartHeader.DEFAULT : PartHeader.OMITTED;
        }
        if (node.isTextual()) {
            return new PartHeader.Custom(node.asText());
        }
        problems.add(new Problem(join(parentPath, field), "must be a string, or false to leave the header out, not "
                + kind(node)));
        return PartHeader.DEFAULT;
    }

    private Optional<RestAuthSpec> auth(JsonNode node, String path) {
        Optional<String> type = optionalText(node, path, "type");
        if (type.isEmpty()) {
            if (!present(node.get("type"))) {
                problems.add(new Problem(path + ".type", "is required; one of " + String.join(", ", AUTH_TYPES)));
            }
            return Optional.empty();
        }
        switch (type.get()) {
            case RestAuthSpec.None.TYPE -> {
                known(node, path, "a none auth", List.of("type"));
                return Optional.of(new RestAuthSpec.None());
            }
            case RestAuthSpec.Basic.TYPE -> {
                known(node, path, "a basic auth", List.of("type", "username", "passwordSecretName"));
                return Optional.of(new RestAuthSpec.Basic(text(node, path, "username", ""),
                        text(node, path, "passwordSecretName", "")));
            }
            case RestAuthSpec.Bearer.TYPE -> {
                known(node, path, "a bearer auth", List.of("type", "tokenSecretName"));
                return Optional.of(new RestAuthSpec.Bearer(text(node, path, "tokenSecretName", "")));
            }
            case RestAuthSpec.ApiKey.TYPE -> {
                known(node, path, "an apiKey auth", List.of("type", "headerName", "apiKeySecretName"));
                return Optional.of(new RestAuthSpec.ApiKey(text(node, path, "headerName", ""),
                        text(node, path, "apiKeySecretName", "")));
            }
            case RestAuthSpec.OAuth2ClientCredentials.TYPE -> {
                known(node, path, "an oauth2ClientCredentials auth", List.of("type", "tokenUrl", "issuer", "clientId",
                        "clientSecretName", "scope", "audience", "clientAuthentication"));
                return Optional.of(new RestAuthSpec.OAuth2ClientCredentials(optionalText(node, path, "tokenUrl"),
                        optionalText(node, path, "issuer"), text(node, path, "clientId", ""),
                        text(node, path, "clientSecretName", ""), optionalText(node, path, "scope"),
                        optionalText(node, path, "audience"), choice(node, path, "clientAuthentication",
                                RestAuthSpec.ClientAuthentication.values(), RestAuthSpec.ClientAuthentication.BASIC)));
            }
            default -> {
                problems.add(new Problem(path + ".type", FlowValidator.quote(type.get()) + " is not one of "
                        + String.join(", ", AUTH_TYPES)));
                return Optional.empty();
            }
        }
    }

    private RetryPolicySpec retryPolicy(JsonNode node, String path) {
        known(node, path, "a retryPolicy", List.of("initial", "maximum", "multiplier", "deadline", "statusCodes",
                "retryNonIdempotent"));
        RetryPolicySpec defaults = RetryPolicySpec.DEFAULT;
        return new RetryPolicySpec(duration(node, path, "initial").orElse(defaults.initial()),
                duration(node, path, "maximum").orElse(defaults.maximum()),
                number(node, path, "multiplier", defaults.multiplier()),
                duration(node, path, "deadline").orElse(defaults.deadline()),
                integers(node, path, "statusCodes", defaults.statusCodes()),
                bool(node, path, "retryNonIdempotent", defaults.retryNonIdempotent()));
    }

    private ResponseCacheSpec cache(JsonNode node, String path) {
        known(node, path, "a cache", List.of("ttl", "maxEntries", "maxBytes"));
        if (!present(node.get("ttl"))) {
            problems.add(new Problem(path + ".ttl", ResponseCacheBuilder.MISSING_TTL_MESSAGE));
        }
        return new ResponseCacheSpec(duration(node, path, "ttl").orElse(ResponseCacheBuilder.MISSING_TTL),
                integer(node, path, "maxEntries", ResponseCacheSpec.DEFAULT_MAX_ENTRIES),
                scalar(node, path, "maxBytes", value -> value.isIntegralNumber() && value.canConvertToLong(),
                        "an integer", JsonNode::asLong).orElse(ResponseCacheSpec.DEFAULT_MAX_BYTES));
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
        return optionalChoice(parent, parentPath, field, values).orElse(absent);
    }

    private <E extends Enum<E>> Optional<E> optionalChoice(JsonNode parent, String parentPath, String field,
                                                           E[] values) {
        Optional<String> name = optionalText(parent, parentPath, field);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        for (E value : values) {
            if (value.name().equals(name.get())) {
                return Optional.of(value);
            }
        }
        problems.add(new Problem(join(parentPath, field), FlowValidator.quote(name.get()) + " is not one of "
                + String.join(", ", FlowJson.names(values))));
        return Optional.empty();
    }

    private OptionalInt optionalInteger(JsonNode parent, String parentPath, String field) {
        return scalar(parent, parentPath, field, node -> node.isIntegralNumber() && node.canConvertToInt(),
                "an integer", JsonNode::asInt).map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    /** An ISO-8601 duration such as {@code "PT5S"}. */
    private Optional<Duration> duration(JsonNode parent, String parentPath, String field) {
        Optional<String> text = scalar(parent, parentPath, field, JsonNode::isTextual,
                "an ISO-8601 duration such as \"PT5S\"", JsonNode::asText);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.parse(text.get()));
        } catch (DateTimeParseException e) {
            problems.add(new Problem(join(parentPath, field), FlowValidator.quote(text.get())
                    + " is not an ISO-8601 duration; write one such as PT5S, PT0.5S or PT10M"));
            return Optional.empty();
        }
    }

    /** An object whose values are a string or an array of strings, each read as a list. */
    private Map<String, List<String>> valueLists(JsonNode parent, String parentPath, String field) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        JsonNode node = parent.get(field);
        String path = join(parentPath, field);
        if (!present(node)) {
            return map;
        }
        if (!node.isObject()) {
            problems.add(new Problem(path, "must be an object of names to a string or an array of strings, not "
                    + kind(node)));
            return map;
        }
        node.fields().forEachRemaining(entry -> {
            String entryPath = path + "." + entry.getKey();
            JsonNode value = entry.getValue();
            if (value.isTextual()) {
                map.put(entry.getKey(), List.of(value.asText()));
            } else if (value.isArray()) {
                List<String> values = new ArrayList<>();
                for (int i = 0; i < value.size(); i++) {
                    if (value.get(i).isTextual()) {
                        values.add(value.get(i).asText());
                    } else {
                        problems.add(new Problem(entryPath + "[" + i + "]", "must be a string, not "
                                + kind(value.get(i))));
                        unreadEntries.add(entryPath);
                    }
                }
                map.put(entry.getKey(), values);
            } else if (present(value)) {
                problems.add(new Problem(entryPath, "must be a string or an array of strings, not " + kind(value)));
            }
        });
        return map;
    }

    /** An object whose values are strings. */
    private Map<String, String> textMap(JsonNode parent, String parentPath, String field) {
        Map<String, String> map = new LinkedHashMap<>();
        JsonNode node = parent.get(field);
        String path = join(parentPath, field);
        if (!present(node)) {
            return map;
        }
        if (!node.isObject()) {
            problems.add(new Problem(path, "must be an object of names to strings, not " + kind(node)));
            return map;
        }
        node.fields().forEachRemaining(entry -> {
            if (entry.getValue().isTextual()) {
                map.put(entry.getKey(), entry.getValue().asText());
            } else if (present(entry.getValue())) {
                problems.add(new Problem(path + "." + entry.getKey(), "must be a string, not "
                        + kind(entry.getValue())));
            }
        });
        return map;
    }

    private List<Integer> integers(JsonNode parent, String parentPath, String field, List<Integer> absent) {
        return array(parent, parentPath, field, node -> node.isIntegralNumber() && node.canConvertToInt(),
                "an integer", JsonNode::asInt).orElse(absent);
    }

    private List<String> texts(JsonNode parent, String parentPath, String field) {
        return array(parent, parentPath, field, JsonNode::isTextual, "a string", JsonNode::asText).orElse(List.of());
    }

    private <T> Optional<List<T>> array(JsonNode parent, String parentPath, String field,
                                        Predicate<JsonNode> accepts, String expected, Function<JsonNode, T> value) {
        JsonNode node = parent.get(field);
        String path = join(parentPath, field);
        if (!present(node)) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            problems.add(new Problem(path, "must be an array of " + expected.replaceFirst("^an? ", "") + "s, not "
                    + kind(node)));
            return Optional.empty();
        }
        List<T> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (accepts.test(node.get(i))) {
                values.add(value.apply(node.get(i)));
            } else {
                problems.add(new Problem(path + "[" + i + "]", "must be " + expected + ", not " + kind(node.get(i))));
                unreadEntries.add(path);
            }
        }
        return Optional.of(values);
    }

    private boolean underUnreadEntry(Problem problem) {
        return unreadEntries.stream().anyMatch(entry -> problem.path().equals(entry)
                || problem.path().startsWith(entry + ".") || problem.path().startsWith(entry + "["));
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
