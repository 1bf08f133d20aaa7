package org.flowserver.processors.openapi;

import com.fasterxml.jackson.core.JsonParseException;
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
import java.util.concurrent.ConcurrentHashMap;
import org.flowserver.processors.http.FieldError;
import org.flowserver.processors.payload.JsonLimits;

/**
 * Validates a request against its operation: every parameter (path, query, header, cookie) and the JSON body,
 * collecting every violation with its location and JSON pointer.
 */
public final class RequestValidator {

    private static final ObjectMapper RESPONSE_JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    /** One mapper per limits in use: there are as many as servers in the JVM. */
    private static final Map<JsonLimits, ObjectMapper> MAPPERS = new ConcurrentHashMap<>();

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
                    if (ParameterReader.repeated(parameter, query)) {
                        violations.add(new FieldError("query", "/" + escape(parameter.name()), "the query parameter '"
                                + parameter.name() + "' must be given once"));
                        continue;
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
     * Parses a JSON request body within the default {@link JsonLimits}.
     *
     * @throws JsonProcessingException when it is not one valid JSON value within the limits
     */
    public static JsonNode parse(byte[] body, Charset charset) throws JsonProcessingException {
        return parse(body, charset, JsonLimits.DEFAULT);
    }

    /**
     * Parses a JSON request body within {@code limits}: a key twice in one object is refused too, since the
     * validator and the flow could otherwise see different values.
     *
     * @throws JsonProcessingException when it is not one valid JSON value within the limits; its message says why
     */
    public static JsonNode parse(byte[] body, Charset charset, JsonLimits limits) throws JsonProcessingException {
        try {
            return read(MAPPERS.computeIfAbsent(limits, RequestValidator::mapper), body, charset);
        } catch (JsonProcessingException e) {
            throw new JsonParseException(null, limits.reason(e));
        }
    }

    /** Parses a JSON response body: the flow made it, so only its syntax is checked. */
    static JsonNode parseResponse(byte[] body, Charset charset) throws JsonProcessingException {
        return read(RESPONSE_JSON, body, charset);
    }

    private static JsonNode read(ObjectMapper mapper, byte[] body, Charset charset) throws JsonProcessingException {
        try {
            return charset.equals(StandardCharsets.UTF_8) ? mapper.readTree(body) : mapper.readTree(new String(body, charset));
        } catch (JsonProcessingException e) {
            throw e;
        } catch (java.io.IOException | NumberFormatException | ArithmeticException e) {
            // A number Jackson cannot represent (1e-2147483648) is malformed input, like bad syntax.
            throw new JsonParseException(null, "a number is out of range: " + e.getMessage());
        }
    }

    private static ObjectMapper mapper(JsonLimits limits) {
        return new ObjectMapper(limits.factory())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /**
     * Adds the violations of a value against a schema, each under {@code location} and {@code prefix}. A value
     * with a number whose exponent is beyond what validation can afford ({@link #MAX_SCALE}) is one violation
     * and is not validated further: {@code multipleOf} on {@code 1e100000} would cost minutes of CPU.
     */
    public static void validate(JsonSchema schema, JsonNode value, String location, String prefix,
                                List<FieldError> violations) {
        int before = violations.size();
        checkNumbers(value, location, prefix, violations);
        if (violations.size() > before) {
            return;
        }
        Set<ValidationMessage> messages = schema.validate(value);
        for (ValidationMessage message : messages) {
            violations.add(new FieldError(location, prefix + pointer(message), message.getError()));
        }
    }

    /** The largest exponent, either way, of a number that is validated: {@code 1e1000} and {@code 1e-1000}. */
    static final int MAX_SCALE = 1000;

    private static void checkNumbers(JsonNode node, String location, String pointer, List<FieldError> violations) {
        if (node.isContainerNode()) {
            if (node.isObject()) {
                node.fields().forEachRemaining(field -> checkNumbers(field.getValue(), location,
                        pointer + "/" + escape(field.getKey()), violations));
            } else {
                for (int i = 0; i < node.size(); i++) {
                    checkNumbers(node.get(i), location, pointer + "/" + i, violations);
                }
            }
        } else if ((node.isBigDecimal() && Math.abs((long) node.decimalValue().scale()) > MAX_SCALE)
                || (node.isFloatingPointNumber() && !node.isBigDecimal() && !Double.isFinite(node.doubleValue()))) {
            violations.add(new FieldError(location, pointer, "the number's exponent is beyond ±" + MAX_SCALE
                    + "; numbers this large or this small are not accepted"));
        } else if (node.isBigDecimal() && Double.isInfinite(node.decimalValue().doubleValue())) {
            // The flow sees numbers as doubles: this one would become infinity, which JSON cannot carry.
            violations.add(new FieldError(location, pointer, "the number is out of range; numbers must lie within ±"
                    + Double.MAX_VALUE));
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
