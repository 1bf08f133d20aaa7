package org.flowserver.processors.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonValidator;
import com.networknt.schema.Keyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.ValidationContext;
import com.networknt.schema.ValidationMessage;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The server's discriminator keyword, {@code x-flowserver-discriminator}: {@code {"propertyName": "petType",
 * "mapping": {"dog": "#/components/schemas/Dog"}}}. {@link SchemaDocument} writes it in place of an OpenAPI
 * {@code discriminator} with its {@code oneOf} or {@code anyOf}, and for a base schema used as a polymorphic
 * type. It validates an object against exactly the schema its discriminator value names: subtypes that
 * overlap do not make {@code oneOf} fail, the violations are those of the named subtype only, and a missing
 * or unknown value is one clear violation that names the property. (networknt's own discriminator support
 * only filters {@code oneOf} messages without changing the outcome, so it is switched off.)
 */
final class Discriminator implements Keyword {

    static final String KEYWORD = "x-flowserver-discriminator";

    @Override
    public String getValue() {
        return KEYWORD;
    }

    @Override
    public JsonValidator newValidator(SchemaLocation schemaLocation, JsonNodePath evaluationPath, JsonNode schemaNode,
                                      JsonSchema parentSchema, ValidationContext validationContext) {
        return new Validator(schemaLocation, evaluationPath, schemaNode, parentSchema, validationContext);
    }

    private static final class Validator implements JsonValidator {
        private final SchemaLocation schemaLocation;
        private final JsonNodePath evaluationPath;
        private final String propertyName;
        private final Map<String, JsonSchema> subtypes = new LinkedHashMap<>();

        Validator(SchemaLocation schemaLocation, JsonNodePath evaluationPath, JsonNode schemaNode,
                  JsonSchema parentSchema, ValidationContext validationContext) {
            this.schemaLocation = schemaLocation;
            this.evaluationPath = evaluationPath;
            this.propertyName = schemaNode.path("propertyName").asText();
            for (Iterator<Map.Entry<String, JsonNode>> mapping = schemaNode.path("mapping").fields(); mapping.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = mapping.next();
                JsonNode reference = JsonNodeFactory.instance.objectNode().put("$ref", entry.getValue().asText());
                subtypes.put(entry.getKey(), validationContext.newSchema(
                        schemaLocation.append("mapping").append(entry.getKey()), evaluationPath.append(entry.getKey()),
                        reference, parentSchema));
            }
        }

        @Override
        public Set<ValidationMessage> validate(ExecutionContext executionContext, JsonNode node, JsonNode rootNode,
                                               JsonNodePath instanceLocation) {
            if (!node.isObject()) {
                return Collections.emptySet(); // the schema's "type" reports what is wrong
            }
            JsonNode value = node.get(propertyName);
            if (value == null || !value.isTextual()) {
                return Collections.singleton(message(instanceLocation, "required", propertyName,
                        "{0}: the discriminator property ''{1}'' is required, a string, one of {2}",
                        propertyName, subtypes.keySet()));
            }
            JsonSchema subtype = subtypes.get(value.textValue());
            if (subtype == null) {
                return Collections.singleton(message(instanceLocation.append(propertyName), "discriminator", null,
                        "{0}: ''{1}'' is not a value of the discriminator ''{2}''; expected one of {3}",
                        value.textValue(), propertyName, subtypes.keySet()));
            }
            return subtype.validate(executionContext, node, rootNode, instanceLocation);
        }

        private ValidationMessage message(JsonNodePath location, String type, String property, String format,
                                          Object... arguments) {
            return ValidationMessage.builder().type(type).code(KEYWORD).instanceLocation(location).property(property)
                    .evaluationPath(evaluationPath).schemaLocation(schemaLocation).format(
                            new java.text.MessageFormat(format, java.util.Locale.ENGLISH))
                    .arguments(arguments).build();
        }

        @Override
        public void preloadJsonSchema() {
            subtypes.values().forEach(JsonSchema::initializeValidators);
        }

        @Override
        public SchemaLocation getSchemaLocation() {
            return schemaLocation;
        }

        @Override
        public JsonNodePath getEvaluationPath() {
            return evaluationPath;
        }

        @Override
        public String getKeyword() {
            return KEYWORD;
        }
    }
}
