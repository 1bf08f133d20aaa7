package org.flowserver.bench.validators.networknt;

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
 * Our discriminator: {@code "x-flowserver-discriminator": {"propertyName": "petType", "mapping": {"dog": "#/...Dog"}}},
 * written by {@link SchemaDocument} in place of {@code oneOf}/{@code anyOf} + {@code discriminator} (and for a base
 * schema used as a polymorphic type). It validates the object against exactly the schema its discriminator value
 * names, so overlapping subtypes do not make oneOf fail, the errors are those of the chosen subtype only, and an
 * unknown or missing value is one clear violation. networknt's own discriminator support is switched off: it only
 * filters oneOf messages without changing the outcome, and its anyOf selection works only when the subtypes
 * inherit the discriminator through allOf.
 */
final class DiscriminatorKeyword implements Keyword {

    static final String NAME = "x-flowserver-discriminator";

    @Override
    public String getValue() {
        return NAME;
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
        private final Map<String, JsonSchema> targets = new LinkedHashMap<>();

        Validator(SchemaLocation schemaLocation, JsonNodePath evaluationPath, JsonNode schemaNode,
                  JsonSchema parentSchema, ValidationContext validationContext) {
            this.schemaLocation = schemaLocation;
            this.evaluationPath = evaluationPath;
            this.propertyName = schemaNode.path("propertyName").asText();
            for (Iterator<Map.Entry<String, JsonNode>> it = schemaNode.path("mapping").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                JsonNode ref = JsonNodeFactory.instance.objectNode().put("$ref", entry.getValue().asText());
                targets.put(entry.getKey(), validationContext.newSchema(schemaLocation.append("mapping").append(entry.getKey()),
                        evaluationPath.append(entry.getKey()), ref, parentSchema));
            }
        }

        @Override
        public Set<ValidationMessage> validate(ExecutionContext executionContext, JsonNode node, JsonNode rootNode,
                                               JsonNodePath instanceLocation) {
            if (!node.isObject()) {
                return Collections.emptySet(); // "type" says what is wrong
            }
            JsonNode value = node.get(propertyName);
            if (value == null || !value.isTextual()) {
                return Collections.singleton(message(instanceLocation, "required", propertyName,
                        "{0}: the discriminator property ''{1}'' is required (a string, one of {2})",
                        propertyName, targets.keySet()));
            }
            JsonSchema target = targets.get(value.textValue());
            if (target == null) {
                return Collections.singleton(message(instanceLocation.append(propertyName), "discriminator", null,
                        "{0}: ''{1}'' is not a known value of the discriminator ''{2}'': expected one of {3}",
                        value.textValue(), propertyName, targets.keySet()));
            }
            return target.validate(executionContext, node, rootNode, instanceLocation);
        }

        private ValidationMessage message(JsonNodePath location, String type, String property, String text,
                                          Object... arguments) {
            return ValidationMessage.builder().type(type).code(NAME).instanceLocation(location).property(property)
                    .evaluationPath(evaluationPath).schemaLocation(schemaLocation).message(text).arguments(arguments)
                    .build();
        }

        @Override
        public void preloadJsonSchema() {
            targets.values().forEach(JsonSchema::initializeValidators);
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
            return NAME;
        }
    }
}
