package org.flowserver.bench.validators.networknt;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One parameter of an operation, with OpenAPI's defaults applied.
 *
 * @param name     the declared name (headers are matched case-insensitively)
 * @param in       path, query, header or cookie
 * @param required path parameters are always required
 * @param style    simple, form, deepObject, spaceDelimited, pipeDelimited, label, matrix
 * @param explode  form defaults to true, everything else to false
 * @param schema   the parameter's schema as JSON (may be a $ref into components)
 */
record ParamSpec(String name, String in, boolean required, String style, boolean explode, JsonNode schema) {

    static String defaultStyle(String in) {
        return switch (in) {
            case "query", "cookie" -> "form";
            default -> "simple";
        };
    }
}
