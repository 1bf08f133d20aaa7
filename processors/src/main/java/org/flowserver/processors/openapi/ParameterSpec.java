package org.flowserver.processors.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;

/**
 * One parameter of an operation, ready to read and validate.
 *
 * @param name       the parameter's name
 * @param location   {@code path}, {@code query}, {@code header} or {@code cookie}
 * @param required   whether it must be present (path parameters always are)
 * @param style      the serialization style, defaulted by location
 * @param explode    whether arrays and objects are exploded, defaulted by style
 * @param type       the schema's resolved node, read for the types values are converted to
 * @param schema     the compiled schema the converted value must satisfy
 * @param json       whether the parameter has {@code content: application/json} instead of a schema
 */
record ParameterSpec(String name, String location, boolean required, String style, boolean explode, JsonNode type,
                     JsonSchema schema, boolean json) {
}
