package org.flowserver.server.hostile;

import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import org.flowserver.dsl.Access;
import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** max-json-depth and max-json-string-length bound JSON request bodies, at generic and OpenAPI endpoints alike. */
class ConfiguredJsonLimitsIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.with(config -> config.toBuilder()
            .maxJsonDepth(3).maxJsonStringLength(10).build());

    private static final String SPEC = """
            {"openapi": "3.0.3", "info": {"title": "Notes", "version": "1"},
             "paths": {"/notes": {"post": {"operationId": "addNote",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object"}}}},
                "responses": {"201": {"description": "added"}}}}}}
            """;

    @BeforeAll
    static void deployFlows() {
        SERVER.deployOk(Flow.define("echo", f -> f.ownerId("acme").restApi("echo-in", r -> r.access(Access.PUBLIC))));
        SERVER.uploadSpecOk("acme", "notes", SPEC);
        SERVER.deployOk(Flow.define("notes", f -> f.ownerId("acme")
                .restApi("notes-in", r -> r.apiSpecId("OpenAPIv3:notes:latest").access(Access.PUBLIC))));
    }

    @Test
    void aBodyAtTheLimitsIsAccepted() {
        // when
        Response response = postJson("/acme/rs/echo", "{\"a\": [{\"b\": \"0123456789\"}]}");

        // then
        response.then().statusCode(201).body("a[0].b", equalTo("0123456789"));
    }

    @Test
    void nestingDeeperThanTheConfiguredDepthIs400() {
        // when
        Response response = postJson("/acme/rs/echo", "{\"a\": [{\"b\": []}]}");

        // then
        response.then().statusCode(400).body("type", equalTo("urn:flowserver:problem:malformed-json"))
                .body("detail", equalTo("The body is not valid JSON: arrays and objects are nested deeper than the "
                        + "limit of 3 levels (line 1, column 15)"));
    }

    @Test
    void aStringLongerThanTheConfiguredLengthIs400() {
        // when
        Response response = postJson("/acme/rs/echo", "{\"a\": \"0123456789X\"}");

        // then
        response.then().statusCode(400).body("type", equalTo("urn:flowserver:problem:malformed-json"))
                .body("detail", equalTo("The body is not valid JSON: a string is longer than the limit of 10 "
                        + "characters (line 1, column 7)"));
    }

    @Test
    void theConfiguredLimitsHoldAtAnOpenApiEndpoint() {
        // when
        Response response = postJson("/acme/rs/notes/notes", "{\"a\": [{\"b\": []}]}");

        // then
        response.then().statusCode(400).body("type", equalTo("urn:flowserver:problem:malformed-json"))
                .body("errors[0].message", equalTo("the body is not valid JSON: arrays and objects are nested deeper "
                        + "than the limit of 3 levels"));
    }

    private static Response postJson(String path, String json) {
        return SERVER.request().contentType("application/json").body(json).post(path);
    }
}
