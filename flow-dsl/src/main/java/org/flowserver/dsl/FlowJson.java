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
import java.util.Map;
import java.util.Optional;

/**
 * The JSON form of a flow (DESIGN.md §4.1): the management API body and the storage format. Field names
 * equal the DSL method names. Reading is strict (unknown fields and wrong types are problems) and
 * validates the flow; {@code read(write(flow))} equals {@code flow}. The writer omits empty text, empty lists and
 * maps, and absent options, and writes every flag and choice.
 *
 * <p>A {@code restRequest} (design record 0002, §3) writes durations as ISO-8601 text ({@code "PT5S"}),
 * {@code headers} and {@code queryParameters} as objects of arrays of strings (reading also takes a single string for
 * one value), {@code auth} as an object with a {@code type}, and each multipart part header as its text, or
 * {@code false} when it is left out (reading also takes {@code true} for the default).
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
                writeRestRequest(node, spec);
                return null;
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

    private static void writeRestRequest(ObjectNode node, RestRequestSpec spec) {
        RestTarget target = spec.target();
        if (target instanceof RestTarget.Url url) {
            putText(node, "url", url.url());
        } else if (target instanceof RestTarget.Parts parts) {
            node.put("scheme", parts.scheme());
            node.put("hostname", parts.hostname());
            parts.port().ifPresent(port -> node.put("port", port));
            putText(node, "basePath", parts.basePath());
            putText(node, "path", parts.path());
        } else if (target instanceof RestTarget.Service service) {
            node.put("service", service.name());
            putText(node, "path", service.path());
        }
        spec.method().ifPresent(method -> node.put("method", method.name()));
        putValueLists(node, "headers", spec.headers());
        putValueLists(node, "queryParameters", spec.queryParameters());
        if (!spec.cookies().isEmpty()) {
            ObjectNode cookies = node.putObject("cookies");
            spec.cookies().forEach(cookies::put);
        }
        spec.body().ifPresent(body -> node.put("body", body));
        spec.multipart().ifPresent(multipart -> {
            ObjectNode multipartNode = node.putObject("multipart");
            multipart.contentType().ifPresent(contentType -> multipartNode.put("contentType", contentType));
            multipart.boundary().ifPresent(boundary -> multipartNode.put("boundary", boundary));
            ArrayNode parts = multipartNode.putArray("parts");
            for (MultipartPartSpec part : multipart.parts()) {
                ObjectNode partNode = parts.addObject();
                partNode.put("name", part.name());
                part.value().ifPresent(value -> partNode.put("value", value));
                part.content().ifPresent(content -> partNode.put("content", content));
                part.filename().ifPresent(filename -> partNode.put("filename", filename));
                putPartHeader(partNode, "contentType", part.contentType());
                putPartHeader(partNode, "contentDisposition", part.contentDisposition());
                putPartHeader(partNode, "contentLength", part.contentLength());
            }
        });
        spec.auth().ifPresent(auth -> writeAuth(node.putObject("auth"), auth));
        spec.connectTimeout().ifPresent(timeout -> node.put("connectTimeout", timeout.toString()));
        spec.readTimeout().ifPresent(timeout -> node.put("readTimeout", timeout.toString()));
        spec.totalTimeout().ifPresent(timeout -> node.put("totalTimeout", timeout.toString()));
        spec.followRedirects().ifPresent(follow -> node.put("followRedirects", follow));
        spec.maxRedirects().ifPresent(max -> node.put("maxRedirects", max));
        if (!spec.expectedStatusCodes().isEmpty()) {
            ArrayNode codes = node.putArray("expectedStatusCodes");
            spec.expectedStatusCodes().forEach(codes::add);
        }
        spec.retryPolicy().ifPresent(policy -> {
            ObjectNode retry = node.putObject("retryPolicy");
            retry.put("initial", policy.initial().toString());
            retry.put("maximum", policy.maximum().toString());
            retry.put("multiplier", policy.multiplier());
            retry.put("deadline", policy.deadline().toString());
            ArrayNode codes = retry.putArray("statusCodes");
            policy.statusCodes().forEach(codes::add);
            retry.put("retryNonIdempotent", policy.retryNonIdempotent());
        });
        node.put("onError", spec.onError().name());
        node.put("output", spec.output().name());
        if (!spec.forwardResponseHeaders().isEmpty()) {
            ArrayNode names = node.putArray("forwardResponseHeaders");
            spec.forwardResponseHeaders().forEach(names::add);
        }
        spec.cache().ifPresent(cache -> {
            ObjectNode cacheNode = node.putObject("cache");
            cacheNode.put("ttl", cache.ttl().toString());
            cacheNode.put("maxEntries", cache.maxEntries());
            cacheNode.put("maxBytes", cache.maxBytes());
        });
    }

    private static void writeAuth(ObjectNode node, RestAuthSpec auth) {
        node.put("type", auth.type());
        if (auth instanceof RestAuthSpec.Basic basic) {
            node.put("username", basic.username());
            node.put("passwordSecretName", basic.passwordSecretName());
        } else if (auth instanceof RestAuthSpec.Bearer bearer) {
            node.put("tokenSecretName", bearer.tokenSecretName());
        } else if (auth instanceof RestAuthSpec.ApiKey apiKey) {
            node.put("headerName", apiKey.headerName());
            node.put("apiKeySecretName", apiKey.apiKeySecretName());
        } else if (auth instanceof RestAuthSpec.OAuth2ClientCredentials oauth2) {
            oauth2.tokenUrl().ifPresent(url -> node.put("tokenUrl", url));
            oauth2.issuer().ifPresent(issuer -> node.put("issuer", issuer));
            node.put("clientId", oauth2.clientId());
            node.put("clientSecretName", oauth2.clientSecretName());
            oauth2.scope().ifPresent(scope -> node.put("scope", scope));
            oauth2.audience().ifPresent(audience -> node.put("audience", audience));
            node.put("clientAuthentication", oauth2.clientAuthentication().name());
        }
    }

    /** Each name with its values as an array, also for a single value. */
    private static void putValueLists(ObjectNode node, String field, Map<String, List<String>> map) {
        if (map.isEmpty()) {
            return;
        }
        ObjectNode object = node.putObject(field);
        map.forEach((name, values) -> {
            ArrayNode array = object.putArray(name);
            values.forEach(array::add);
        });
    }

    /** The default is left out, an omitted header is {@code false}, a custom one its text. */
    private static void putPartHeader(ObjectNode node, String field, PartHeader header) {
        if (header instanceof PartHeader.Omitted) {
            node.put(field, false);
        } else if (header instanceof PartHeader.Custom custom) {
            node.put(field, custom.value());
        }
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
