package org.flowserver.server.openapi;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import org.flowserver.dsl.Access;
import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A spec-based flow: each operation accepts exactly the Basic and API key schemes its security requirements
 * name; an operation without any follows the flow's access setting.
 */
class OperationSecurityIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();

    private static final String SPEC = """
            {"openapi": "3.0.3", "info": {"title": "secured", "version": "1"},
             "components": {"securitySchemes": {
               "basic": {"type": "http", "scheme": "basic"},
               "key": {"type": "apiKey", "in": "header", "name": "X-Api-Key"},
               "queryKey": {"type": "apiKey", "in": "query", "name": "api_key"},
               "cookieKey": {"type": "apiKey", "in": "cookie", "name": "sid"},
               "bearer": {"type": "http", "scheme": "bearer"}}},
             "paths": {
               "/by-key": {"get": {"security": [{"key": []}], "responses": {"200": {"description": "ok"}}}},
               "/by-basic": {"get": {"security": [{"basic": []}], "responses": {"200": {"description": "ok"}}}},
               "/by-both": {"get": {"security": [{"basic": [], "key": []}], "responses": {"200": {"description": "ok"}}}},
               "/by-query": {"get": {"security": [{"queryKey": []}],
                 "parameters": [{"name": "page", "in": "query", "schema": {"type": "integer"}}],
                 "responses": {"200": {"description": "ok"}}}},
               "/by-cookie": {"get": {"security": [{"cookieKey": []}], "responses": {"200": {"description": "ok"}}}},
               "/by-token-or-key": {"get": {"security": [{"bearer": []}, {"key": []}], "responses": {"200": {"description": "ok"}}}},
               "/optional": {"get": {"security": [{}, {"key": []}], "responses": {"200": {"description": "ok"}}}},
               "/open": {"get": {"responses": {"200": {"description": "ok"}}}}}}
            """;

    @BeforeAll
    static void deployFlows() {
        SERVER.uploadSpecOk("acme", "secured", SPEC);
        SERVER.deployOk(Flow.define("secured", f -> f.ownerId("acme")
                .restApi("secured-in", r -> r.apiSpecId("OpenAPIv3:secured:latest"))
                .map("show", "{ 'properties': properties }")));
        SERVER.deployOk(Flow.define("public-secured", f -> f.ownerId("acme")
                .restApi("public-in", r -> r.apiSpecId("OpenAPIv3:secured:latest").access(Access.PUBLIC))));
    }

    @Test
    void acceptsTheApiKeyInTheHeaderItsSchemeNames() {
        SERVER.anonymous().header("X-Api-Key", SERVER.testerApiKey()).get("/acme/rs/secured/by-key")
                .then().statusCode(200).body("properties.'http.principal'", equalTo(FlowServerExtension.TESTER))
                .body("properties", not(hasKey("http.header.X-Api-Key")));
    }

    @Test
    void refusesCredentialsOfASchemeTheOperationDoesNotName() {
        SERVER.anonymous().header("Authorization", SERVER.tester()).get("/acme/rs/secured/by-key")
                .then().statusCode(401)
                .header("WWW-Authenticate", "ApiKey realm=\"flowserver\", in=\"header\", name=\"X-Api-Key\"")
                .body("detail", equalTo("This endpoint requires credentials of a service account granted the flow: "
                        + "the API key in the header 'X-Api-Key'"));
        SERVER.anonymous().header("apiKey", SERVER.testerApiKey()).get("/acme/rs/secured/by-key").then().statusCode(401);
        SERVER.anonymous().header("X-Api-Key", SERVER.testerApiKey()).get("/acme/rs/secured/by-basic")
                .then().statusCode(401).header("WWW-Authenticate", "Basic realm=\"flowserver\", charset=\"UTF-8\"");
    }

    @Test
    void acceptsBasicWhereTheOperationNamesIt() {
        SERVER.anonymous().header("Authorization", SERVER.tester()).get("/acme/rs/secured/by-basic")
                .then().statusCode(200);
    }

    @Test
    void needsEverySchemeOfARequirementTogether() {
        SERVER.anonymous().header("Authorization", SERVER.tester()).get("/acme/rs/secured/by-both").then().statusCode(401);
        SERVER.anonymous().header("Authorization", SERVER.tester()).header("X-Api-Key", SERVER.testerApiKey())
                .get("/acme/rs/secured/by-both").then().statusCode(200);
    }

    @Test
    void takesAnApiKeyFromTheQueryAndKeepsItOutOfTheProperties() {
        SERVER.anonymous().queryParam("api_key", SERVER.testerApiKey()).queryParam("page", 2)
                .get("/acme/rs/secured/by-query")
                .then().statusCode(200)
                .body("properties", not(hasKey("http.query.api_key")))
                .body("properties.'http.query.page'", equalTo("2"))
                .body("properties.'http.requestUri'", equalTo("/acme/rs/secured/by-query?page=2"));
    }

    @Test
    void takesAnApiKeyFromACookieAndKeepsItOutOfTheProperties() {
        SERVER.anonymous().cookie("sid", SERVER.testerApiKey()).cookie("theme", "dark").get("/acme/rs/secured/by-cookie")
                .then().statusCode(200).body("properties.'http.header.Cookie'", equalTo("theme=dark"));
    }

    @Test
    void acceptsTheKeyWhereABearerAlternativeWasRemoved() {
        SERVER.anonymous().header("X-Api-Key", SERVER.testerApiKey()).get("/acme/rs/secured/by-token-or-key")
                .then().statusCode(200);
        SERVER.anonymous().header("Authorization", "Bearer some-token").get("/acme/rs/secured/by-token-or-key")
                .then().statusCode(401);
    }

    @Test
    void letsAnyoneCallAnOperationWhoseRequirementsIncludeAnEmptyOne() {
        SERVER.anonymous().get("/acme/rs/secured/optional").then().statusCode(200);
    }

    @Test
    void appliesTheFlowsAccessToAnOperationWithoutRequirements() {
        SERVER.anonymous().get("/acme/rs/secured/open").then().statusCode(401);
        SERVER.anonymous().header("Authorization", SERVER.tester()).get("/acme/rs/secured/open").then().statusCode(200);
        SERVER.anonymous().get("/acme/rs/public-secured/open").then().statusCode(200);
    }

    @Test
    void keepsTheSpecsRequirementsOnAPublicFlow() {
        SERVER.anonymous().get("/acme/rs/public-secured/by-key").then().statusCode(401);
        SERVER.anonymous().header("X-Api-Key", SERVER.testerApiKey()).get("/acme/rs/public-secured/by-key")
                .then().statusCode(200);
    }

    @Test
    void refusesAnAccountNotGrantedTheFlowWith403() {
        String apiKey = SERVER.request().put("/api/accounts/outsider").then().statusCode(201).extract().jsonPath()
                .getString("apiKey");

        SERVER.anonymous().header("X-Api-Key", apiKey).get("/acme/rs/secured/by-key").then().statusCode(403)
                .body("type", equalTo("urn:flowserver:problem:forbidden"));
    }
}
