package org.flowserver.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a spec must be to be served: security schemes this server supports, paths that requests can tell apart,
 * JSON request bodies; and OpenAPI 3.1 specs, whose bodies are validated as JSON Schema 2020-12.
 */
class SpecDeploymentIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();

    private static String spec(String components, String security, String paths) {
        return """
                {"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
                 "components": %s, %s
                 "paths": %s}
                """.formatted(components, security, paths);
    }

    private static final String SCHEMES = """
            {"securitySchemes": {
              "bearer": {"type": "http", "scheme": "bearer"},
              "oauth": {"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "https://id.example/token", "scopes": {}}}},
              "basic": {"type": "http", "scheme": "basic"},
              "key": {"type": "apiKey", "in": "header", "name": "X-Api-Key"}}}""";

    private static int deploy(String resourceId, String flowId, String document) {
        SERVER.uploadSpecOk("acme", resourceId, document);
        return SERVER.deploy(Flow.define(flowId, f -> f.ownerId("acme")
                .restApi(flowId + "-in", r -> r.apiSpecId("OpenAPIv3:" + resourceId + ":latest")))).statusCode();
    }

    @Test
    void unsupportedSchemesAreRemovedAndTheSupportedOnesKept() {
        String document = spec(SCHEMES, "\"security\": [{\"bearer\": []}, {\"key\": []}],", """
                {"/mixed": {"get": {"responses": {"200": {"description": "ok"}}}},
                 "/basic": {"get": {"security": [{"oauth": []}, {"basic": []}], "responses": {"200": {"description": "ok"}}}}}""");

        assertThat(deploy("mixed", "mixed", document)).isEqualTo(201);
        SERVER.request().header("X-Api-Key", SERVER.testerApiKey()).get("/acme/rs/mixed/mixed").then().statusCode(200);
        SERVER.request().get("/acme/rs/mixed/mixed").then().statusCode(401);
        SERVER.request().get("/acme/rs/mixed/basic").then().statusCode(200);
    }

    @Test
    void anOperationWithOnlyUnsupportedSchemesFailsTheDeploy() {
        String document = spec(SCHEMES, "", """
                {"/open": {"get": {"responses": {"200": {"description": "ok"}}}},
                 "/tokens": {"get": {"security": [{"bearer": []}, {"oauth": ["read"]}], "responses": {"200": {"description": "ok"}}}}}""");
        SERVER.uploadSpecOk("acme", "tokens", document);

        SERVER.deploy(Flow.define("tokens", f -> f.ownerId("acme")
                        .restApi("tokens-in", r -> r.apiSpecId("OpenAPIv3:tokens:1"))))
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", contains("/processors/0/apiSpecId"))
                .body("errors[0].message", equalTo("processors[0].apiSpecId 'OpenAPIv3:tokens:1': GET /tokens can only be called with "
                        + "security schemes this server does not support (bearer (http bearer), oauth (oauth2)); "
                        + "supported are http basic and apiKey"));
        SERVER.request().get("/acme/rs/tokens/open").then().statusCode(404);
    }

    @Test
    void pathsThatDifferOnlyInParameterNamesFailTheDeploy() {
        String document = spec("{}", "", """
                {"/users/{id}": {"parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                   "get": {"responses": {"200": {"description": "ok"}}}},
                 "/users/{name}": {"parameters": [{"name": "name", "in": "path", "required": true, "schema": {"type": "string"}}],
                   "delete": {"responses": {"204": {"description": "gone"}}}}}""");
        SERVER.uploadSpecOk("acme", "collide", document);

        SERVER.deploy(Flow.define("collide", f -> f.ownerId("acme")
                        .restApi("collide-in", r -> r.apiSpecId("OpenAPIv3:collide:1"))))
                .then().statusCode(400)
                .body("errors[0].message", equalTo("processors[0].apiSpecId 'OpenAPIv3:collide:1': the paths '/users/{id}' and "
                        + "'/users/{name}' differ only in parameter names (or slashes), so no request can tell them "
                        + "apart; merge them or make them differ"));
    }

    @Test
    void aRequestBodyWithoutJsonFailsTheDeploy() {
        String document = spec("{}", "", """
                {"/upload": {"post": {"requestBody": {"content": {"application/xml": {}}},
                  "responses": {"201": {"description": "ok"}}}}}""");
        SERVER.uploadSpecOk("acme", "xml", document);

        SERVER.deploy(Flow.define("xml", f -> f.ownerId("acme")
                        .restApi("xml-in", r -> r.apiSpecId("OpenAPIv3:xml:1"))))
                .then().statusCode(400)
                .body("errors[0].message", equalTo("processors[0].apiSpecId 'OpenAPIv3:xml:1': POST /upload accepts only application/xml; "
                        + "this endpoint supports request bodies of application/json only"));
    }

    @Test
    void anInboundTransformationStrategyIsRefusedWithASpec() {
        SERVER.uploadSpecOk("acme", "plain", spec("{}", "", "{\"/p\": {\"get\": {\"responses\": {\"200\": {\"description\": \"ok\"}}}}}"));

        SERVER.deploy(Flow.define("plain", f -> f.ownerId("acme")
                        .restApi("plain-in", r -> r.apiSpecId("OpenAPIv3:plain:1")
                                .inboundTransformationStrategy(t -> t.format(org.flowserver.dsl.EntityFormat.TEXT)))))
                .then().statusCode(400)
                .body("errors.pointer", contains("/processors/0/inboundTransformationStrategy"))
                .body("errors[0].message", equalTo("processors[0].inboundTransformationStrategy applies to generic "
                        + "endpoints only; an endpoint with an apiSpecId accepts application/json bodies and validates "
                        + "them against the spec, so remove one of the two"));
    }

    @Test
    void aYamlAliasBombIsRefusedAtOnce() {
        StringBuilder bomb = new StringBuilder("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n"
                + "x-a0: &a0 [lol]\n");
        for (int i = 1; i <= 26; i++) {
            bomb.append("x-a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
                    .append(i - 1).append("]\n");
        }

        SERVER.uploadSpec("acme", "bomb", bomb.toString())
                .then().statusCode(400)
                .body("errors[0].message", equalTo("the document uses the YAML alias '*a0' (line 5); YAML anchors and "
                        + "aliases are not supported: write the content out"));
    }

    @Test
    void aVersionThatIsNot30Or31IsRefused() {
        SERVER.uploadSpec("acme", "version", "{\"openapi\": \"3.0.3-" + "x".repeat(40)
                        + "\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"paths\": {}}")
                .then().statusCode(400)
                .body("errors[0].message", equalTo("openapi '3.0.3-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' is not "
                        + "supported; use 3.0.x or 3.1.x"));
    }

    @Test
    void aSchemaReferenceOutsideComponentsSchemasFailsTheDeployWithAReason() {
        String document = """
                {"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
                 "x-defs": {"Thing": {"type": "object"}},
                 "paths": {"/things": {"post": {
                   "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/x-defs/Thing"}}}},
                   "responses": {"201": {"description": "ok"}}}}}}""";
        SERVER.uploadSpecOk("acme", "elsewhere", document);

        SERVER.deploy(Flow.define("elsewhere", f -> f.ownerId("acme")
                        .restApi("elsewhere-in", r -> r.apiSpecId("OpenAPIv3:elsewhere:1"))))
                .then().statusCode(400)
                .body("errors[0].message", org.hamcrest.Matchers.containsString(
                        "a schema may refer only to '#/components/schemas/...' of this document"));
    }

    @Test
    void openApi31BodiesAreValidatedAsJsonSchema2020() {
        String document = """
                {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
                 "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
                 "paths": {"/things": {"post": {
                   "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                   "responses": {"201": {"description": "ok"}}}}},
                 "components": {"schemas": {"Thing": {"$schema": "https://example.invalid/meta",
                   "type": "object", "required": ["name"],
                   "properties": {"name": {"type": ["string", "null"]}, "size": {"type": "integer", "exclusiveMinimum": 0},
                                  "tags": {"type": "array", "prefixItems": [{"const": "first"}]}}}}}}""";

        assertThat(deploy("modern", "modern", document)).isEqualTo(201);
        SERVER.request().contentType("application/json").body("{\"name\": null, \"size\": 1, \"tags\": [\"first\", 2]}")
                .post("/acme/rs/modern/things").then().statusCode(201);
        SERVER.request().contentType("application/json").body("{\"name\": 5, \"size\": 0, \"tags\": [\"second\"]}")
                .post("/acme/rs/modern/things")
                .then().statusCode(400)
                .body("errors.pointer", contains("/name", "/size", "/tags/0"));
    }
}
