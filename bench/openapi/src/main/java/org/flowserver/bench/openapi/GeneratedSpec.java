package org.flowserver.bench.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A large OpenAPI 3.0 spec for the deploy-cost measurement: {@code paths} paths {@code /resource{i}/{id}}, each
 * with a GET and a POST, so 2 × {@code paths} operations (1,000 for the default 500 paths).
 * <ul>
 *   <li>GET: an integer path parameter, three query parameters (an integer with bounds, an enum, an exploded
 *       array of enums) and an optional uuid header; a 200 response with the resource's schema;</li>
 *   <li>POST: the path parameter, a boolean query parameter and a required JSON body whose schema is the
 *       path's own {@code Resource{i}}, which refers to five shared component schemas ({@code Party},
 *       {@code Address}, {@code Money}, {@code Tag}, {@code Line}, one of them recursive through
 *       {@code Line.children}); a 201 response with the same schema.</li>
 * </ul>
 * So the spec has {@code paths} + 5 component schemas, like a real API that gives each resource its own schema
 * built from shared parts.
 */
final class GeneratedSpec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GeneratedSpec() {
    }

    /** The spec as JSON text. */
    static String json(int paths) {
        ObjectNode spec = JSON.createObjectNode();
        spec.put("openapi", "3.0.3");
        spec.putObject("info").put("title", "Generated (" + 2 * paths + " operations)").put("version", "1.0");
        ObjectNode pathItems = spec.putObject("paths");
        ObjectNode schemas = spec.putObject("components").putObject("schemas");
        for (int i = 0; i < paths; i++) {
            String name = String.format("%04d", i);
            ObjectNode item = pathItems.putObject("/resource" + name + "/{id}");
            get(item.putObject("get"), name);
            post(item.putObject("post"), name);
            resource(schemas.putObject("Resource" + name));
        }
        shared(schemas);
        return spec.toPrettyString();
    }

    /** The number of operations {@link #json} generates. */
    static int operations(int paths) {
        return 2 * paths;
    }

    private static void get(ObjectNode get, String name) {
        get.put("operationId", "getResource" + name);
        ArrayNode parameters = get.putArray("parameters");
        idParameter(parameters.addObject());
        ObjectNode limit = query(parameters.addObject(), "limit");
        limit.putObject("schema").put("type", "integer").put("format", "int32").put("minimum", 1).put("maximum", 100);
        ObjectNode sort = query(parameters.addObject(), "sort");
        sort.putObject("schema").put("type", "string").putArray("enum").add("asc").add("desc");
        ObjectNode fields = query(parameters.addObject(), "field");
        fields.put("style", "form").put("explode", true);
        ObjectNode fieldsSchema = fields.putObject("schema").put("type", "array").put("maxItems", 10);
        fieldsSchema.putObject("items").put("type", "string").putArray("enum").add("name").add("owner").add("amount")
                .add("tags").add("lines");
        ObjectNode requestId = parameters.addObject().put("name", "X-Request-Id").put("in", "header");
        requestId.putObject("schema").put("type", "string").put("format", "uuid");
        response(get.putObject("responses"), "200", name);
    }

    private static void post(ObjectNode post, String name) {
        post.put("operationId", "updateResource" + name);
        ArrayNode parameters = post.putArray("parameters");
        idParameter(parameters.addObject());
        query(parameters.addObject(), "dryRun").putObject("schema").put("type", "boolean");
        ObjectNode body = post.putObject("requestBody").put("required", true);
        body.putObject("content").putObject("application/json").putObject("schema")
                .put("$ref", "#/components/schemas/Resource" + name);
        response(post.putObject("responses"), "201", name);
    }

    private static void idParameter(ObjectNode id) {
        id.put("name", "id").put("in", "path").put("required", true);
        id.putObject("schema").put("type", "integer").put("format", "int64").put("minimum", 1);
    }

    private static ObjectNode query(ObjectNode parameter, String name) {
        return parameter.put("name", name).put("in", "query");
    }

    private static void response(ObjectNode responses, String status, String name) {
        responses.putObject(status).put("description", "the resource").putObject("content")
                .putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/Resource" + name);
        responses.putObject("default").put("description", "an error");
    }

    private static void resource(ObjectNode schema) {
        schema.put("type", "object").put("additionalProperties", false);
        schema.putArray("required").add("name").add("owner").add("amount");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("id").put("type", "integer").put("format", "int64").put("readOnly", true);
        properties.putObject("name").put("type", "string").put("minLength", 1).put("maxLength", 100);
        properties.putObject("owner").put("$ref", "#/components/schemas/Party");
        properties.putObject("billingAddress").put("$ref", "#/components/schemas/Address");
        properties.putObject("amount").put("$ref", "#/components/schemas/Money");
        properties.putObject("status").put("type", "string").putArray("enum").add("draft").add("active").add("closed");
        properties.putObject("createdAt").put("type", "string").put("format", "date-time");
        properties.putObject("tags").put("type", "array").put("maxItems", 20).putObject("items")
                .put("$ref", "#/components/schemas/Tag");
        properties.putObject("lines").put("type", "array").put("maxItems", 100).putObject("items")
                .put("$ref", "#/components/schemas/Line");
        properties.putObject("note").put("type", "string").put("maxLength", 2000).put("nullable", true);
    }

    private static void shared(ObjectNode schemas) {
        ObjectNode party = object(schemas.putObject("Party"), "id", "name");
        party.putObject("id").put("type", "string").put("maxLength", 32);
        party.putObject("name").put("type", "string").put("maxLength", 200);
        party.putObject("email").put("type", "string").put("format", "email");
        party.putObject("address").put("$ref", "#/components/schemas/Address");

        ObjectNode address = object(schemas.putObject("Address"), "street", "city", "country");
        address.putObject("street").put("type", "string").put("maxLength", 200);
        address.putObject("city").put("type", "string").put("maxLength", 100);
        address.putObject("postcode").put("type", "string").put("maxLength", 16);
        address.putObject("country").put("type", "string").put("pattern", "^[A-Z]{2}$");

        ObjectNode money = object(schemas.putObject("Money"), "value", "currency");
        money.putObject("value").put("type", "number").put("minimum", 0);
        money.putObject("currency").put("type", "string").putArray("enum").add("EUR").add("USD")
                .add("GBP");

        ObjectNode tag = object(schemas.putObject("Tag"), "key");
        tag.putObject("key").put("type", "string").put("pattern", "^[a-z][a-z0-9-]{0,31}$");
        tag.putObject("value").put("type", "string").put("maxLength", 200);

        ObjectNode line = object(schemas.putObject("Line"), "sku", "qty");
        line.putObject("sku").put("type", "string").put("pattern", "^SKU-[0-9]+$");
        line.putObject("qty").put("type", "integer").put("format", "int32").put("minimum", 1);
        line.putObject("price").put("$ref", "#/components/schemas/Money");
        line.putObject("children").put("type", "array").putObject("items")
                .put("$ref", "#/components/schemas/Line");
    }

    /** Makes {@code schema} an object with these required properties; returns its (empty) properties. */
    private static ObjectNode object(ObjectNode schema, String... required) {
        schema.put("type", "object");
        ArrayNode list = schema.putArray("required");
        for (String name : required) {
            list.add(name);
        }
        return schema.putObject("properties");
    }
}
