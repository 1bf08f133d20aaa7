package org.flowserver.dsl;

import static org.flowserver.dsl.JsonFields.join;
import static org.flowserver.dsl.JsonFields.kind;
import static org.flowserver.dsl.JsonFields.present;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the JSON form of a flow, collecting every shape problem (unknown field, wrong type, unknown
 * processor type) before the flow rules are checked, so that one answer lists everything to fix. A
 * {@code restRequest}'s settings that a service shares are read by {@link OutboundSettingsJson}.
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

    private final List<Problem> problems = new ArrayList<>();
    /**
     * Reads fields into {@link #problems}, remembering entries it could not read (a header value that is a number,
     * a part that is a string): the rule problems under them are left out, as their indexes would not match.
     */
    private final JsonFields json = new JsonFields(problems::add);
    private final OutboundSettingsJson settings = new OutboundSettingsJson(json);

    FlowSpec read(JsonNode root) {
        if (!root.isObject()) {
            throw new InvalidFlowException("", List.of(new Problem("", "A flow is a JSON object, not " + kind(root))));
        }
        json.known(root, "", "a flow", List.of("id", "ownerId", "description", "exchangePattern", "processors",
                "deadLetterStrategy", "redeliveryPolicy"));
        String id = json.text(root, "", "id", "");
        String ownerId = json.text(root, "", "ownerId", "");
        String description = json.text(root, "", "description", "");
        ExchangePattern pattern = json.choice(root, "", "exchangePattern", ExchangePattern.values(),
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

        Optional<DeadLetterStrategySpec> deadLetterStrategy = json.object(root, "", "deadLetterStrategy",
                (node, path) -> {
                    json.known(node, path, "a deadLetterStrategy",
                            List.of("flowId", "forwardMessagePreprocessingErrors"));
                    return new DeadLetterStrategySpec(json.text(node, path, "flowId", ""),
                            json.bool(node, path, "forwardMessagePreprocessingErrors", false));
                });

        Optional<RedeliveryPolicySpec> redeliveryPolicy = json.object(root, "", "redeliveryPolicy", (node, path) -> {
            json.known(node, path, "a redeliveryPolicy", List.of("maxAttempts", "initialDelayMillis", "multiplier",
                    "maxDelayMillis"));
            RedeliveryPolicySpec defaults = RedeliveryPolicySpec.DEFAULT;
            return new RedeliveryPolicySpec(json.integer(node, path, "maxAttempts", defaults.maxAttempts()),
                    json.integer(node, path, "initialDelayMillis", (int) defaults.initialDelayMillis()),
                    json.number(node, path, "multiplier", defaults.multiplier()),
                    json.integer(node, path, "maxDelayMillis", (int) defaults.maxDelayMillis()));
        });

        FlowSpec flow = new FlowSpec(id, ownerId, description, pattern, processors, deadLetterStrategy,
                redeliveryPolicy);
        List<Problem> all = new ArrayList<>(problems);
        for (Problem problem : flow.problems()) {
            // Rules over the processor list are only meaningful when every entry could be read.
            if ((everyProcessorRead || !problem.path().startsWith("processors")) && !json.isUnderUnreadEntry(problem)) {
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
                knownProcessor(node, path, "a restApi processor", List.of("apiSpecId", "validateResponse",
                        "responseConversionCharacterSet", "forwardMessagePreprocessingErrors",
                        "inboundTransformationStrategy", "access"));
                return Optional.of(new RestApiSpec(common(node, path), json.optionalText(node, path, "apiSpecId"),
                        json.bool(node, path, "validateResponse", false),
                        json.text(node, path, "responseConversionCharacterSet",
                                RestApiSpec.DEFAULT_RESPONSE_CONVERSION_CHARACTER_SET),
                        json.bool(node, path, "forwardMessagePreprocessingErrors", true),
                        json.object(node, path, "inboundTransformationStrategy", (inbound, inboundPath) -> {
                            json.known(inbound, inboundPath, "an inboundTransformationStrategy",
                                    List.of("format", "charset"));
                            if (!present(inbound.get("format"))) {
                                problems.add(new Problem(inboundPath + ".format", "is required; one of "
                                        + String.join(", ", FlowJson.names(EntityFormat.values()))));
                            }
                            return new InboundTransformationStrategy(
                                    json.choice(inbound, inboundPath, "format", EntityFormat.values(),
                                            EntityFormat.JSON),
                                    json.optionalText(inbound, inboundPath, "charset"));
                        }),
                        json.choice(node, path, "access", Access.values(), Access.GRANTED)));
            }
            case SetExchangePropertySpec.TYPE -> {
                knownProcessor(node, path, "a setExchangeProperty processor", List.of("propertyName", "source"));
                return Optional.of(new SetExchangePropertySpec(common(node, path),
                        json.text(node, path, "propertyName", ""), json.text(node, path, "source", "")));
            }
            case SetPayloadSpec.TYPE -> {
                knownProcessor(node, path, "a setPayload processor", List.of("source"));
                return Optional.of(new SetPayloadSpec(common(node, path), json.text(node, path, "source", "")));
            }
            case MapSpec.TYPE -> {
                knownProcessor(node, path, "a map processor", List.of("mapSpec"));
                return Optional.of(new MapSpec(common(node, path), json.text(node, path, "mapSpec", "")));
            }
            case FilterSpec.TYPE -> {
                knownProcessor(node, path, "a filter processor", List.of("expression"));
                return Optional.of(new FilterSpec(common(node, path), json.text(node, path, "expression", "")));
            }
            case LogSpec.TYPE -> {
                knownProcessor(node, path, "a log processor", List.of("level", "expression"));
                return Optional.of(new LogSpec(common(node, path), json.choice(node, path, "level", LogLevel.values(),
                        LogLevel.INFO), json.optionalText(node, path, "expression")));
            }
            case HandoffSpec.TYPE -> {
                if (first) {
                    knownProcessor(node, path, "a handoff source (a handoff as the first processor receives handoffs; "
                            + "one that hands messages on comes after the source)", List.of());
                    return Optional.of(new HandoffSourceSpec(common(node, path)));
                }
                knownProcessor(node, path, "a handoff processor", List.of("flowId"));
                return Optional.of(new HandoffSpec(common(node, path), json.text(node, path, "flowId", "")));
            }
            case RestRequestSpec.TYPE -> {
                knownProcessor(node, path, "a restRequest processor", REST_REQUEST_FIELDS);
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
        TargetFields target = new TargetFields(json.optionalText(node, path, "url"),
                json.optionalText(node, path, "scheme"),
                json.optionalText(node, path, "hostname"), json.optionalInteger(node, path, "port"),
                json.optionalText(node, path, "basePath"), json.optionalText(node, path, "path"),
                json.optionalText(node, path, "service"));
        target.problems().forEach(problem -> problems.add(problem.under(path)));
        return new RestRequestSpec(common, target.target(),
                json.optionalChoice(node, path, "method", RestMethod.values()),
                settings.headers(node, path),
                settings.queryParameters(node, path),
                json.textMap(node, path, "cookies"),
                json.optionalText(node, path, "body"),
                json.object(node, path, "multipart", this::multipart),
                settings.auth(node, path),
                settings.timeout(node, path, "connectTimeout"),
                settings.timeout(node, path, "readTimeout"),
                settings.timeout(node, path, "totalTimeout"),
                json.optionalBool(node, path, "followRedirects"),
                settings.maxRedirects(node, path),
                json.integers(node, path, "expectedStatusCodes", List.of()),
                settings.retryPolicy(node, path),
                json.choice(node, path, "onError", OnError.values(), OnError.BREAK_FLOW),
                json.choice(node, path, "output", RestOutput.values(), RestOutput.BODY),
                json.texts(node, path, "forwardResponseHeaders"),
                settings.cache(node, path));
    }

    private MultipartSpec multipart(JsonNode node, String path) {
        json.known(node, path, "a multipart body", List.of("contentType", "boundary", "parts"));
        Optional<String> contentType = json.optionalText(node, path, "contentType");
        Optional<String> boundary = json.optionalText(node, path, "boundary");
        List<MultipartPartSpec> parts = new ArrayList<>();
        JsonNode list = node.get("parts");
        String partsPath = path + ".parts";
        if (present(list) && !list.isArray()) {
            problems.add(new Problem(partsPath, "must be an array of parts, not " + kind(list)));
            json.unread(partsPath);
        } else if (present(list)) {
            for (int i = 0; i < list.size(); i++) {
                JsonNode part = list.get(i);
                String partPath = partsPath + "[" + i + "]";
                if (!part.isObject()) {
                    problems.add(new Problem(partPath, "must be a part object, not " + kind(part)));
                    json.unread(partsPath);
                    continue;
                }
                json.known(part, partPath, "a multipart part", List.of("name", "value", "content", "filename",
                        "contentType", "contentDisposition", "contentLength"));
                parts.add(new MultipartPartSpec(json.text(part, partPath, "name", ""),
                        json.optionalText(part, partPath, "value"), json.optionalText(part, partPath, "content"),
                        json.optionalText(part, partPath, "filename"), partHeader(part, partPath, "contentType"),
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

    private CommonProperties common(JsonNode node, String path) {
        return new CommonProperties(json.text(node, path, "id", ""), json.optionalText(node, path, "name"),
                json.text(node, path, "exchangeProperties", ""), json.bool(node, path, "retainPayloadOnFailure", false),
                json.object(node, path, "messageLoggingStrategy", (logging, loggingPath) -> {
                    json.known(logging, loggingPath, "a messageLoggingStrategy",
                            List.of("level", "logPayload", "maxPayloadLength", "logExchangeProperties"));
                    return new MessageLoggingStrategy(
                            json.choice(logging, loggingPath, "level", LogLevel.values(), LogLevel.INFO),
                            json.bool(logging, loggingPath, "logPayload", false),
                            json.integer(logging, loggingPath, "maxPayloadLength",
                                    MessageLoggingStrategy.DEFAULT_MAX_PAYLOAD_LENGTH),
                            json.bool(logging, loggingPath, "logExchangeProperties", false));
                }),
                json.object(node, path, "payloadArchivingStrategy", (archiving, archivingPath) -> {
                    json.known(archiving, archivingPath, "a payloadArchivingStrategy",
                            List.of("archiveBefore", "archiveAfter", "maxBytes"));
                    return new PayloadArchivingStrategy(json.bool(archiving, archivingPath, "archiveBefore", true),
                            json.bool(archiving, archivingPath, "archiveAfter", true),
                            json.integer(archiving, archivingPath, "maxBytes",
                                    PayloadArchivingStrategy.DEFAULT_MAX_BYTES));
                }));
    }

    /** Checks the fields of a processor, which has the common ones besides its own. */
    private void knownProcessor(JsonNode node, String path, String what, List<String> fields) {
        Set<String> allowed = new LinkedHashSet<>(COMMON_FIELDS);
        allowed.addAll(fields);
        json.known(node, path, what, allowed);
    }
}
