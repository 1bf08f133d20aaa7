package org.flowserver.bench.validators.networknt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The spec as one JSON document that networknt validates against: the spec's own tree (so every
 * {@code #/components/...} reference resolves as written, cycles included) plus the schemas this prototype
 * synthesises under {@code /x-flowserver/<operation>/<location>}. Built once per spec, for requests:
 * properties marked readOnly are dropped from every {@code required} list (OpenAPI 3.0 §4.7.25.3).
 */
final class SchemaDocument {

    static final String BASE_IRI = "https://flowserver.invalid/spec.json";

    private final ObjectNode root;
    private final boolean openApi31;
    private final boolean ownDiscriminator;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private JsonSchema document;

    /**
     * @param ownDiscriminator true: {@link DiscriminatorKeyword} replaces networknt's discriminator support (the
     *                         prototype); false: networknt's built-in support as it is (for the matrix only)
     */
    SchemaDocument(ObjectNode specTree, boolean openApi31, boolean ownDiscriminator) {
        this.root = specTree;
        this.openApi31 = openApi31;
        this.ownDiscriminator = ownDiscriminator;
        // OpenAPI 3.0: networknt's 3.0 dialect (draft-4 based, "nullable", "discriminator", readOnly/writeOnly
        // annotations, "id" as id keyword). OpenAPI 3.1: networknt's 3.1 base dialect (JSON Schema 2020-12).
        // Both get OpenAPI's int32/int64 formats (networknt ignores formats it does not know) and our discriminator
        // keyword instead of networknt's (which is removed, so the factory does not switch it back on).
        JsonMetaSchema.Builder dialectBuilder = JsonMetaSchema.builder(openApi31 ? OpenApi31.getInstance() : OpenApi30.getInstance())
                .formats(OpenApiFormats.ALL);
        if (ownDiscriminator) {
            dialectBuilder.keywords(keywords -> keywords.remove("discriminator")).keyword(new DiscriminatorKeyword());
        }
        JsonMetaSchema dialect = dialectBuilder.build();
        this.factory = JsonSchemaFactory.builder()
                .metaSchema(dialect)
                .defaultMetaSchemaIri(dialect.getIri())
                // a spec is untrusted: never fetch anything (classpath or remote) while resolving references
                .schemaLoaders(loaders -> loaders.add(DisallowSchemaLoader.getInstance()))
                .build();
        this.config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)      // 2020-12 treats format as annotation unless told otherwise
                .discriminatorKeywordEnabled(!ownDiscriminator) // see DiscriminatorKeyword
                .nullableKeywordEnabled(true)       // 3.0 "nullable"
                .typeLoose(false)                   // parameters are typed by ParameterReader instead
                .failFast(false)
                .locale(Locale.ENGLISH)
                .build();
    }

    ObjectNode root() {
        return root;
    }

    boolean openApi31() {
        return openApi31;
    }

    /** Stores a synthesised schema and returns the JSON pointer where it lives. */
    String put(String operationKey, String slot, JsonNode schema) {
        ObjectNode holder = root.with("x-flowserver").with(operationKey);
        holder.set(slot, schema);
        return "/x-flowserver/" + operationKey + "/" + slot;
    }

    /** Call once after every put: rewrites required lists and creates the networknt document schema. */
    void seal() {
        if (ownDiscriminator) {
            rewriteDiscriminators();
        }
        dropReadOnlyFromRequired(root);
        this.document = factory.getSchema(SchemaLocation.of(BASE_IRI), root, config);
    }

    /** The compiled schema at a pointer of this document; validators are created eagerly. */
    JsonSchema schemaAt(String pointer) {
        JsonNodePath path = new JsonNodePath(PathType.JSON_POINTER);
        for (String token : pointer.substring(1).split("/")) {
            path = path.append(token.replace("~1", "/").replace("~0", "~"));
        }
        JsonSchema schema = document.getSubSchema(path);
        schema.initializeValidators();
        return schema;
    }

    /** Follows local $refs (bounded, cycles are fine). */
    JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int i = 0; i < 16 && current != null; i++) {
            JsonNode ref = current.get("$ref");
            if (ref == null || !ref.isTextual() || !ref.textValue().startsWith("#")) {
                return current;
            }
            JsonNode target = root.at(ref.textValue().substring(1));
            if (target.isMissingNode()) {
                return current;
            }
            current = target;
        }
        return current;
    }

    /** The JSON type a parameter value should be coerced to: "type", else inferred; null when unknown. */
    String typeOf(JsonNode schema) {
        if (schema == null) {
            return null;
        }
        JsonNode type = schema.get("type");
        if (type != null && type.isTextual()) {
            return type.textValue();
        }
        if (type != null && type.isArray()) {
            for (JsonNode candidate : type) {
                if (!"null".equals(candidate.asText())) {
                    return candidate.asText();
                }
            }
        }
        JsonNode allOf = schema.get("allOf");
        if (allOf != null) {
            for (JsonNode member : allOf) {
                String memberType = typeOf(resolve(member));
                if (memberType != null) {
                    return memberType;
                }
            }
        }
        if (schema.has("properties")) {
            return "object";
        }
        if (schema.has("items")) {
            return "array";
        }
        return null;
    }

    /** The schema of a property, looking through allOf; null when the schema does not declare it. */
    JsonNode propertySchema(JsonNode schema, String property) {
        JsonNode resolved = resolve(schema);
        if (resolved == null) {
            return null;
        }
        JsonNode properties = resolved.get("properties");
        if (properties != null && properties.has(property)) {
            return properties.get(property);
        }
        JsonNode allOf = resolved.get("allOf");
        if (allOf != null) {
            for (JsonNode member : allOf) {
                JsonNode found = propertySchema(member, property);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * Replaces every discriminator by {@link DiscriminatorKeyword} ("x-flowserver-discriminator") with a complete
     * value-to-$ref mapping: the explicit mapping (bare names made into component refs) plus the implicit one
     * (schema name to schema).
     * <ul>
     * <li>{@code oneOf}/{@code anyOf} of $refs + discriminator: the oneOf/anyOf is replaced by the keyword, so
     * exactly the named subtype is validated.</li>
     * <li>allOf inheritance: a component B with a discriminator and no oneOf/anyOf, used directly as a type, means
     * "B or a subtype chosen by the discriminator". Subtypes: the mapping's targets plus every component whose
     * allOf has a $ref to B (one level; deeper hierarchies need the transitive closure). Every $ref to B that is
     * not an allOf member (a subtype's "extends B") is pointed at a synthesised schema holding the keyword.</li>
     * </ul>
     */
    private void rewriteDiscriminators() {
        JsonNode schemas = root.at("/components/schemas");
        Map<String, String> polymorphic = new java.util.HashMap<>();
        if (schemas.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = schemas.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                JsonNode base = entry.getValue();
                if (!base.has("discriminator") || base.has("oneOf") || base.has("anyOf")) {
                    continue;
                }
                String baseRef = "#/components/schemas/" + entry.getKey();
                java.util.LinkedHashSet<String> subtypes = new java.util.LinkedHashSet<>();
                for (Iterator<Map.Entry<String, JsonNode>> others = schemas.fields(); others.hasNext(); ) {
                    Map.Entry<String, JsonNode> other = others.next();
                    for (JsonNode member : other.getValue().path("allOf")) {
                        if (baseRef.equals(member.path("$ref").asText())) {
                            subtypes.add("#/components/schemas/" + other.getKey());
                        }
                    }
                }
                ObjectNode keyword = discriminatorKeyword(base.get("discriminator"), subtypes);
                if (keyword == null || keyword.path("mapping").isEmpty()) {
                    continue;
                }
                ObjectNode dispatch = root.objectNode();
                dispatch.set(DiscriminatorKeyword.NAME, keyword);
                root.with("x-flowserver").with("polymorphic").set(entry.getKey(), dispatch);
                polymorphic.put(baseRef, "#/x-flowserver/polymorphic/" + entry.getKey());
            }
        }
        replaceComposedDiscriminators(root);
        if (!polymorphic.isEmpty()) {
            redirect(root, polymorphic, false, root.path("x-flowserver").path("polymorphic"));
        }
    }

    /** oneOf/anyOf + discriminator, anywhere in the document, when every member is a $ref. */
    private void replaceComposedDiscriminators(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode discriminator = object.get("discriminator");
            String composition = object.has("oneOf") ? "oneOf" : object.has("anyOf") ? "anyOf" : null;
            if (discriminator != null && discriminator.isObject() && composition != null
                    && object.get(composition).isArray()) {
                java.util.LinkedHashSet<String> members = new java.util.LinkedHashSet<>();
                boolean allRefs = true;
                for (JsonNode member : object.get(composition)) {
                    JsonNode ref = member.get("$ref");
                    if (ref == null || !ref.isTextual()) {
                        allRefs = false;
                    } else {
                        members.add(ref.textValue());
                    }
                }
                ObjectNode keyword = allRefs ? discriminatorKeyword(discriminator, members) : null;
                if (keyword != null) {
                    object.remove(composition);
                    object.set(DiscriminatorKeyword.NAME, keyword);
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                replaceComposedDiscriminators(it.next().getValue());
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                replaceComposedDiscriminators(element);
            }
        }
    }

    /** {"propertyName": p, "mapping": {value: ref}}: explicit mapping first, then each candidate by its name. */
    private ObjectNode discriminatorKeyword(JsonNode discriminator, java.util.Collection<String> candidates) {
        JsonNode propertyName = discriminator.get("propertyName");
        if (propertyName == null || !propertyName.isTextual()) {
            return null;
        }
        ObjectNode keyword = root.objectNode();
        keyword.put("propertyName", propertyName.textValue());
        ObjectNode mapping = keyword.putObject("mapping");
        for (Iterator<Map.Entry<String, JsonNode>> it = discriminator.path("mapping").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String target = entry.getValue().asText();
            mapping.put(entry.getKey(), target.startsWith("#") ? target : "#/components/schemas/" + target);
        }
        for (String candidate : candidates) {
            String name = candidate.substring(candidate.lastIndexOf('/') + 1);
            if (!mapping.has(name)) {
                mapping.put(name, candidate);
            }
        }
        return keyword;
    }

    /** Points $refs at the polymorphic schemas, except allOf members ("extends") and the synthesised schemas. */
    private static void redirect(JsonNode node, Map<String, String> polymorphic, boolean allOfMember, JsonNode skip) {
        if (node == skip) {
            return;
        }
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode ref = object.get("$ref");
            if (!allOfMember && ref != null && ref.isTextual() && polymorphic.containsKey(ref.textValue())) {
                object.put("$ref", polymorphic.get(ref.textValue()));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if ("allOf".equals(field.getKey()) && field.getValue().isArray()) {
                    for (JsonNode member : field.getValue()) {
                        redirect(member, polymorphic, true, skip);
                    }
                } else {
                    redirect(field.getValue(), polymorphic, false, skip);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                redirect(element, polymorphic, false, skip);
            }
        }
    }

    private void dropReadOnlyFromRequired(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode required = object.get("required");
            if (required != null && required.isArray() && required.size() > 0) {
                Set<String> readOnly = readOnlyProperties(object);
                JsonNode allOf = object.get("allOf");
                if (allOf != null && allOf.isArray()) {
                    for (JsonNode member : allOf) {
                        readOnly.addAll(readOnlyProperties(resolve(member)));
                    }
                }
                removeFrom((ArrayNode) required, readOnly);
            }
            JsonNode allOf = object.get("allOf");
            if (allOf != null && allOf.isArray()) {
                // "required" in one allOf member may name a readOnly property declared by another member
                Set<String> readOnly = new HashSet<>();
                for (JsonNode member : allOf) {
                    readOnly.addAll(readOnlyProperties(resolve(member)));
                }
                for (JsonNode member : allOf) {
                    JsonNode memberRequired = member.get("required");
                    if (memberRequired != null && memberRequired.isArray()) {
                        removeFrom((ArrayNode) memberRequired, readOnly);
                    }
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!"enum".equals(field.getKey()) && !"example".equals(field.getKey())
                        && !"examples".equals(field.getKey()) && !"default".equals(field.getKey())
                        && !"const".equals(field.getKey())) {
                    dropReadOnlyFromRequired(field.getValue());
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                dropReadOnlyFromRequired(element);
            }
        }
    }

    private Set<String> readOnlyProperties(JsonNode schema) {
        Set<String> names = new HashSet<>();
        if (schema == null) {
            return names;
        }
        JsonNode properties = schema.get("properties");
        if (properties != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> property = it.next();
                JsonNode resolved = resolve(property.getValue());
                if ((resolved != null && resolved.path("readOnly").asBoolean(false))
                        || property.getValue().path("readOnly").asBoolean(false)) {
                    names.add(property.getKey());
                }
            }
        }
        return names;
    }

    private static void removeFrom(ArrayNode required, Set<String> names) {
        if (names.isEmpty()) {
            return;
        }
        for (int i = required.size() - 1; i >= 0; i--) {
            if (names.contains(required.get(i).asText())) {
                required.remove(i);
            }
        }
    }
}
