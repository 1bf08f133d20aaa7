package org.flowserver.processors.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flowserver.processors.http.FieldError;
import org.flowserver.processors.http.MediaType;

/**
 * Checks a flow's response against its operation, when the source has {@code validateResponse}. The
 * definition is the one for the exact status code, else its range ({@code 2XX}), else {@code default}:
 * <ul>
 *   <li>a status the spec does not define, with no {@code default}, is assumed correct (the seed's rule);</li>
 *   <li>a non-2xx status the spec defines is documentation only (the seed's rule), so it is not checked;</li>
 *   <li>otherwise: every required header is present and every defined header matches its schema; a body is
 *       present exactly when the definition has content; the {@code Content-Type} is one the definition
 *       names; and a JSON body matches the definition's schema.</li>
 * </ul>
 */
public final class ResponseValidator {

    private static final String DEFAULT = "DEFAULT";

    private ResponseValidator() {
    }

    /**
     * The violations of a response; empty when it is correct or assumed correct.
     *
     * @param headers  the response headers the flow set, {@code Content-Type} included
     * @param body     the body as it will be sent; {@code null} for none
     */
    public static List<FieldError> validate(ApiOperation operation, int status, MultiMap headers, byte[] body) {
        String code = String.valueOf(status);
        ApiOperation.Response definition = operation.responses().get(code);
        boolean documented = definition != null;
        if (definition == null) {
            definition = operation.responses().get(code.charAt(0) + "XX");
            documented = definition != null;
        }
        if (documented && status / 100 != 2) {
            return List.of();
        }
        if (definition == null) {
            definition = operation.responses().get(DEFAULT);
            if (definition == null) {
                return List.of();
            }
        }
        List<FieldError> violations = new ArrayList<>();
        headers(definition, headers, violations);
        body(definition, status, headers.get("Content-Type"), body, violations);
        return violations;
    }

    private static void headers(ApiOperation.Response definition, MultiMap headers, List<FieldError> violations) {
        definition.headers().forEach((name, header) -> {
            List<String> values = headers.getAll(header.name());
            String pointer = "/" + RequestValidator.escape(header.name());
            if (values.isEmpty()) {
                if (header.required()) {
                    violations.add(new FieldError("header", pointer, "the response header '" + header.name()
                            + "' is required"));
                }
                return;
            }
            header.value().ifPresent(parameter -> RequestValidator.validate(parameter.schema(),
                    ParameterReader.header(parameter, values), "header", pointer, violations));
        });
    }

    private static void body(ApiOperation.Response definition, int status, String contentType, byte[] body,
                             List<FieldError> violations) {
        boolean hasBody = body != null && body.length > 0;
        if (definition.mediaTypes().isEmpty()) {
            if (hasBody) {
                violations.add(new FieldError("body", "", "the spec defines no content for status " + status
                        + ", but the response has a body"));
            }
            return;
        }
        if (!hasBody) {
            violations.add(new FieldError("body", "", "the spec defines content for status " + status + " ("
                    + String.join(", ", definition.mediaTypes()) + "), but the response has no body"));
            return;
        }
        MediaType mediaType = MediaType.parse(contentType == null ? "" : contentType);
        if (!definition.mediaTypes().stream().anyMatch(defined -> matches(defined, mediaType))) {
            violations.add(new FieldError("header", "/Content-Type", "the response Content-Type '" + contentType
                    + "' is not one the spec defines for status " + status + " ("
                    + String.join(", ", definition.mediaTypes()) + ")"));
            return;
        }
        if (definition.jsonSchema().isEmpty() || !(mediaType.type().equals("application")
                && mediaType.subtype().equals("json"))) {
            return;
        }
        JsonNode value;
        try {
            value = RequestValidator.parseResponse(body, mediaType.charsetOr(StandardCharsets.UTF_8));
        } catch (JsonProcessingException | UnsupportedCharsetException e) {
            violations.add(new FieldError("body", "", "the response body is not valid JSON, as its Content-Type '"
                    + contentType + "' says it is"));
            return;
        }
        RequestValidator.validate(definition.jsonSchema().get(), value, "body", "", violations);
    }

    /** Whether a media range of the spec ({@code application/json}, {@code text/*}, {@code *}{@code /*}) covers a type. */
    private static boolean matches(String defined, MediaType actual) {
        MediaType range = MediaType.parse(defined.toLowerCase(Locale.ROOT));
        return (range.type().equals("*") || range.type().equals(actual.type()))
                && (range.subtype().equals("*") || range.subtype().equals(actual.subtype()));
    }
}
