package org.flowserver.processors.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.oas.OpenApi30;
import com.networknt.schema.oas.OpenApi31;
import com.networknt.schema.resource.DisallowSchemaLoader;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON Schemas of one spec, gathered into one document so that every {@code #/components/schemas/...}
 * reference (cycles included) resolves inside it, and compiled with networknt in the spec's dialect: OpenAPI
 * 3.0 (nullable, discriminator, draft-4 rules) or OpenAPI 3.1 (JSON Schema 2020-12, plus discriminator).
 * Formats are asserted. The document exists twice when responses are validated: requests do not demand
 * {@code readOnly} properties, responses do not demand {@code writeOnly} ones, even when they are
 * {@code required}.
 */
final class SchemaDocument {

    enum Direction { REQUEST, RESPONSE }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String SCHEMAS = "#/components/schemas/";
    private static final JsonMetaSchema OPENAPI_30 = dialect(OpenApi30.getInstance());
    private static final JsonMetaSchema OPENAPI_31 = dialect(OpenApi31.getInstance());
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .discriminatorKeywordEnabled(false) // replaced by Discriminator
            .formatAssertionsEnabled(true)      // 2020-12 treats formats as annotations unless told
            .nullableKeywordEnabled(true)
            .typeLoose(false)                   // ParameterReader gives parameters their types
            .failFast(false)
            .locale(Locale.ENGLISH)
            .build();
    /** Values in these members are data, not schemas: never rewritten. */
    private static final Set<String> DATA_MEMBERS = Set.of("enum", "const", "default", "example", "examples");

    private final boolean openApi31;
    private final ObjectMapper mapper;
    private final ObjectNode root = NODES.objectNode();
    private final ObjectNode operations;

    SchemaDocument(LoadedSpec spec) {
        this.openApi31 = spec.isOpenApi31();
        this.mapper = openApi31 ? Json31.mapper() : Json.mapper();
        ObjectNode schemas = root.putObject("components").putObject("schemas");
        if (spec.model().getComponents() != null && spec.model().getComponents().getSchemas() != null) {
            spec.model().getComponents().getSchemas().forEach((name, schema) -> schemas.set(name, toNode(schema)));
        }
        operations = root.putObject("x-operations");
    }

    /** Places a schema at {@code x-operations/<operation>/<part...>}; returns the pointer tokens to compile it later. */
    String[] put(Schema<?> schema, String operation, String... part) {
        ObjectNode node = operations.has(operation) ? (ObjectNode) operations.get(operation) : operations.putObject(operation);
        for (int i = 0; i < part.length - 1; i++) {
            node = node.has(part[i]) ? (ObjectNode) node.get(part[i]) : node.putObject(part[i]);
        }
        node.set(part[part.length - 1], toNode(schema));
        String[] tokens = new String[part.length + 2];
        tokens[0] = "x-operations";
        tokens[1] = operation;
        System.arraycopy(part, 0, tokens, 2, part.length);
        return tokens;
    }

    /** The schema node at the tokens, for reading types while parameters are parsed. */
    JsonNode node(String... tokens) {
        JsonNode node = root;
        for (String token : tokens) {
            node = node.path(token);
        }
        return resolve(node);
    }

    /** Follows a {@code #/components/schemas/...} reference within this document, if the node is one. */
    JsonNode resolve(JsonNode node) {
        return resolveIn(root, node);
    }

    /** Compiles the document, rewritten for requests or responses, after every {@link #put}. */
    Compiled compile(Direction direction) {
        ObjectNode document = root.deepCopy();
        rewriteDiscriminators(document);
        relaxRequired(document, document, direction == Direction.REQUEST ? "readOnly" : "writeOnly");
        JsonMetaSchema metaSchema = openApi31 ? OPENAPI_31 : OPENAPI_30;
        JsonSchemaFactory factory = JsonSchemaFactory.builder()
                .defaultMetaSchemaIri(metaSchema.getIri())
                .metaSchema(metaSchema)
                // Every reference is internal (the loader refused the others); never fetch anything.
                .schemaLoaders(loaders -> loaders.add(DisallowSchemaLoader.getInstance()))
                .build();
        return new Compiled(factory.getSchema(SchemaLocation.of("urn:flowserver:api-spec"), document, CONFIG));
    }

    /** The document compiled for one direction. */
    static final class Compiled {
        private final JsonSchema document;

        private Compiled(JsonSchema document) {
            this.document = document;
        }

        /** The compiled schema at the tokens {@link #put} returned. */
        JsonSchema schema(String[] tokens) {
            JsonNodePath path = new JsonNodePath(PathType.JSON_POINTER);
            for (String token : tokens) {
                path = path.append(token);
            }
            JsonSchema schema = document.getRefSchema(path);
            schema.initializeValidators();
            return schema;
        }
    }

    /** The OpenAPI dialect with the integer formats, and the server's discriminator instead of networknt's. */
    private static JsonMetaSchema dialect(JsonMetaSchema base) {
        return JsonMetaSchema.builder(base)
                .formats(NumericFormats.ALL)
                .keywords(keywords -> keywords.remove("discriminator"))
                .keyword(new Discriminator())
                // The document's own members (components, x-operations) and OpenAPI's annotations
                // (discriminator, example, xml...) are not validation keywords: annotations, not warnings.
                .unknownKeywordFactory((keyword, context) -> new AnnotationKeyword(keyword))
                .build();
    }

    /**
     * Replaces every OpenAPI discriminator by {@link Discriminator} with a complete value-to-schema mapping:
     * the explicit {@code mapping} (bare names made references) and then each candidate under its schema name.
     * <ul>
     *   <li>{@code oneOf} or {@code anyOf} of references with a discriminator: the composition is replaced by
     *       the keyword, so exactly the named subtype is validated;</li>
     *   <li>a base schema with a discriminator and no composition (subtypes say {@code allOf: [base, ...]}),
     *       used as a type: every reference to it, except the subtypes' {@code allOf} members, is pointed at a
     *       new schema {@code x-polymorphic/<name>} that holds the keyword over the base's subtypes.</li>
     * </ul>
     */
    private static void rewriteDiscriminators(ObjectNode document) {
        JsonNode schemas = document.path("components").path("schemas");
        Map<String, String> polymorphic = new HashMap<>();
        ObjectNode dispatchers = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> bases = schemas.fields(); bases.hasNext(); ) {
            Map.Entry<String, JsonNode> base = bases.next();
            JsonNode schema = base.getValue();
            if (!schema.has("discriminator") || schema.has("oneOf") || schema.has("anyOf")) {
                continue;
            }
            String reference = SCHEMAS + base.getKey();
            Set<String> subtypes = new LinkedHashSet<>();
            for (Iterator<Map.Entry<String, JsonNode>> others = schemas.fields(); others.hasNext(); ) {
                Map.Entry<String, JsonNode> other = others.next();
                for (JsonNode member : other.getValue().path("allOf")) {
                    if (reference.equals(member.path("$ref").asText())) {
                        subtypes.add(SCHEMAS + other.getKey());
                    }
                }
            }
            ObjectNode keyword = discriminatorKeyword(schema.get("discriminator"), subtypes);
            if (keyword != null && !keyword.path("mapping").isEmpty()) {
                dispatchers.putObject(base.getKey()).set(Discriminator.KEYWORD, keyword);
                polymorphic.put(reference, "#/x-polymorphic/" + escapeToken(base.getKey()));
            }
        }
        replaceComposedDiscriminators(document);
        if (!polymorphic.isEmpty()) {
            redirect(document, polymorphic, false);
            document.set("x-polymorphic", dispatchers);
        }
    }

    private static void replaceComposedDiscriminators(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            String composition = object.has("oneOf") ? "oneOf" : object.has("anyOf") ? "anyOf" : null;
            if (object.get("discriminator") instanceof ObjectNode discriminator && composition != null
                    && object.get(composition).isArray()) {
                Set<String> members = new LinkedHashSet<>();
                boolean allReferences = true;
                for (JsonNode member : object.get(composition)) {
                    if (member.path("$ref").isTextual()) {
                        members.add(member.get("$ref").textValue());
                    } else {
                        allReferences = false;
                    }
                }
                ObjectNode keyword = allReferences ? discriminatorKeyword(discriminator, members) : null;
                if (keyword != null) {
                    object.remove(composition);
                    object.set(Discriminator.KEYWORD, keyword);
                }
            }
            object.fields().forEachRemaining(field -> {
                if (!DATA_MEMBERS.contains(field.getKey())) {
                    replaceComposedDiscriminators(field.getValue());
                }
            });
        } else if (node.isArray()) {
            node.forEach(SchemaDocument::replaceComposedDiscriminators);
        }
    }

    private static ObjectNode discriminatorKeyword(JsonNode discriminator, Collection<String> candidates) {
        JsonNode propertyName = discriminator.get("propertyName");
        if (propertyName == null || !propertyName.isTextual()) {
            return null;
        }
        ObjectNode keyword = NODES.objectNode();
        keyword.put("propertyName", propertyName.textValue());
        ObjectNode mapping = keyword.putObject("mapping");
        discriminator.path("mapping").fields().forEachRemaining(entry -> {
            String target = entry.getValue().asText();
            mapping.put(entry.getKey(), target.startsWith("#") ? target : SCHEMAS + target);
        });
        // A schema the explicit mapping names is reached by its mapped values only; the others by their names.
        Set<String> mapped = new HashSet<>();
        mapping.forEach(target -> mapped.add(target.asText()));
        for (String candidate : candidates) {
            String name = candidate.substring(candidate.lastIndexOf('/') + 1);
            if (!mapped.contains(candidate) && !mapping.has(name)) {
                mapping.put(name, candidate);
            }
        }
        return keyword;
    }

    /** Points references at the polymorphic schemas, except {@code allOf} members (a subtype's "extends"). */
    private static void redirect(JsonNode node, Map<String, String> polymorphic, boolean allOfMember) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode reference = object.get("$ref");
            if (!allOfMember && reference != null && polymorphic.containsKey(reference.asText())) {
                object.put("$ref", polymorphic.get(reference.asText()));
            }
            object.fields().forEachRemaining(field -> {
                if (field.getKey().equals("allOf") && field.getValue().isArray()) {
                    field.getValue().forEach(member -> redirect(member, polymorphic, true));
                } else if (!DATA_MEMBERS.contains(field.getKey())) {
                    redirect(field.getValue(), polymorphic, false);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> redirect(element, polymorphic, false));
        }
    }

    private static String escapeToken(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private JsonNode toNode(Schema<?> schema) {
        return normalise(mapper.valueToTree(schema));
    }

    /**
     * Makes the tree read as the spec was written: swagger's model keeps numbers as BigDecimal, so that
     * {@code maximum: 10} would become {@code 1E+1} in messages; integral values become integers again. A
     * {@code $schema} member is dropped: the spec's version decides the dialect, and no meta-schema is ever
     * fetched.
     */
    private static JsonNode normalise(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("$schema");
            object.fields().forEachRemaining(field -> field.setValue(normalise(field.getValue())));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, normalise(array.get(i)));
            }
        } else if (node.isBigDecimal()) {
            java.math.BigDecimal value = node.decimalValue();
            if (value.signum() == 0 || value.stripTrailingZeros().scale() <= 0) {
                return NODES.numberNode(value.toBigIntegerExact());
            }
        }
        return node;
    }

    /**
     * Removes from every {@code required} list the properties marked {@code marker} ({@code readOnly} or
     * {@code writeOnly}), looking at the schema's own properties and those of its {@code allOf} siblings.
     */
    private void relaxRequired(JsonNode node, ObjectNode document, String marker) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            if (object.get("allOf") instanceof ArrayNode allOf) {
                Set<String> marked = new HashSet<>();
                allOf.forEach(member -> marked.addAll(markedProperties(member, document, marker)));
                allOf.forEach(member -> removeRequired(member, marked));
            }
            if (object.has("required")) {
                removeRequired(object, markedProperties(object, document, marker));
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!DATA_MEMBERS.contains(field.getKey())) {
                    relaxRequired(field.getValue(), document, marker);
                }
            }
        } else if (node.isArray()) {
            node.forEach(item -> relaxRequired(item, document, marker));
        }
    }

    private static Set<String> markedProperties(JsonNode schema, ObjectNode document, String marker) {
        Set<String> marked = new HashSet<>();
        JsonNode properties = resolveIn(document, schema).path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> fields = properties.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> property = fields.next();
            if (resolveIn(document, property.getValue()).path(marker).asBoolean(false)) {
                marked.add(property.getKey());
            }
        }
        return marked;
    }

    private static void removeRequired(JsonNode schema, Set<String> names) {
        if (!names.isEmpty() && schema.get("required") instanceof ArrayNode required) {
            for (int i = required.size() - 1; i >= 0; i--) {
                if (names.contains(required.get(i).asText())) {
                    required.remove(i);
                }
            }
        }
    }

    private static JsonNode resolveIn(ObjectNode document, JsonNode node) {
        for (int hops = 0; hops < 32 && node.has("$ref") && node.get("$ref").asText().startsWith("#/"); hops++) {
            node = document.at(node.get("$ref").asText().substring(1));
        }
        return node;
    }
}
