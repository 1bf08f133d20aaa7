package org.flowserver.processors.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowserver.processors.http.FieldError;

/**
 * Validates a request against its operation: every parameter (path, query, header, cookie) and the JSON body,
 * collecting every violation with its location and JSON pointer.
 */
public final class RequestValidator {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private RequestValidator() {
    }

    /** The violations of the parameters; none when every parameter is valid. */
    public static List<FieldError> parameters(ApiOperation operation, HttpServerRequest request,
                                       Map<String, String> rawPathParameters) {
        List<FieldError> violations = new ArrayList<>();
        List<String[]> query = null;
        Map<String, String> cookies = null;
        for (ParameterSpec parameter : operation.parameters()) {
            JsonNode value;
            switch (parameter.location()) {
                case "path" -> {
                    String raw = rawPathParameters.get(parameter.name());
                    value = raw == null ? null : ParameterReader.path(parameter, raw);
                }
                case "query" -> {
                    if (query == null) {
                        query = ParameterReader.pairs(request.query());
                    }
                    value = ParameterReader.query(parameter, query);
                }
                case "header" -> value = ParameterReader.header(parameter, request.headers().getAll(parameter.name()));
                default -> {
                    if (cookies == null) {
                        cookies = cookies(request.headers().getAll("Cookie"));
                    }
                    value = ParameterReader.cookie(parameter, cookies.get(parameter.name()));
                }
            }
            if (value == null) {
                if (parameter.required()) {
                    violations.add(new FieldError(parameter.location(), "/" + escape(parameter.name()),
                            "the " + parameter.location() + " parameter '" + parameter.name() + "' is required"));
                }
                continue;
            }
            validate(parameter.schema(), value, parameter.location(), "/" + escape(parameter.name()), violations);
        }
        return violations;
    }

    /**
     * Parses a JSON body.
     *
     * @throws JsonProcessingException when it is not one valid JSON value
     */
    public static JsonNode parse(byte[] body, Charset charset) throws JsonProcessingException {
        try {
            return charset.equals(StandardCharsets.UTF_8) ? JSON.readTree(body) : JSON.readTree(new String(body, charset));
        } catch (JsonProcessingException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new com.fasterxml.jackson.core.JsonParseException(null, e.getMessage());
        }
    }

    /** Adds the violations of a value against a schema, each under {@code location} and {@code prefix}. */
    public static void validate(JsonSchema schema, JsonNode value, String location, String prefix, List<FieldError> violations) {
        Set<ValidationMessage> messages = schema.validate(value);
        for (ValidationMessage message : messages) {
            violations.add(new FieldError(location, prefix + pointer(message), message.getError()));
        }
    }

    /** Where the violation is: the instance location, plus the property for a missing or extra one. */
    private static String pointer(ValidationMessage message) {
        String pointer = message.getInstanceLocation().toString();
        String type = message.getType();
        if (message.getProperty() != null && ("required".equals(type) || "additionalProperties".equals(type)
                || "dependentRequired".equals(type) || "unevaluatedProperties".equals(type))) {
            pointer = pointer + "/" + escape(message.getProperty());
        }
        return pointer;
    }

    private static Map<String, String> cookies(List<String> headers) {
        Map<String, String> cookies = new HashMap<>();
        for (String header : headers) {
            for (String cookie : header.split(";")) {
                int equals = cookie.indexOf('=');
                if (equals > 0) {
                    cookies.putIfAbsent(cookie.substring(0, equals).trim(), cookie.substring(equals + 1).trim());
                }
            }
        }
        return cookies;
    }

    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
