package org.flowserver.server.openapi;

import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which operation a request reaches, the properties that name it, and the default status of its answer:
 * literal segments before templates, trailing slashes, 404 and 405, the default operationId, and the first-2xx
 * and 204 rules. Over real HTTP, against a spec uploaded as YAML.
 */
class OperationRoutingIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();

    static final String SPEC = """
            openapi: 3.0.3
            info: {title: Routing, version: "1"}
            paths:
              /users/{id}:
                get:
                  operationId: getUser
                  parameters:
                    - {name: id, in: path, required: true, schema: {type: string}}
                  responses: {"200": {description: a user}}
                delete:
                  operationId: deleteUser
                  parameters:
                    - {name: id, in: path, required: true, schema: {type: string}}
                  responses: {"204": {description: gone}}
              /users/me:
                get:
                  operationId: getMe
                  responses: {"200": {description: the caller}}
              /users/{id}/files/{file}.{ext}:
                get:
                  operationId: getFile
                  parameters:
                    - {name: id, in: path, required: true, schema: {type: string}}
                    - {name: file, in: path, required: true, schema: {type: string}}
                    - {name: ext, in: path, required: true, schema: {type: string}}
                  responses: {"200": {description: a file}}
              /{param}/operation:
                parameters:
                  - {name: param, in: path, required: true, schema: {type: string}}
                get:
                  responses: {"200": {description: no operationId}}
              /caf\u00e9/jobs:batch:
                get:
                  operationId: encodedLiteral
                  responses: {"200": {description: literal with characters that arrive encoded}}
              /jobs:
                post:
                  operationId: startJob
                  responses:
                    "400": {description: documentation only}
                    "202": {description: accepted}
                    "200": {description: done at once}
              /notes:
                post:
                  operationId: addNote
                  responses:
                    "400": {description: documentation only}
                    default: {description: anything}
                get:
                  operationId: listNotes
                  responses:
                    "500": {description: documentation only}
            """;

    @BeforeAll
    static void deploy() {
        SERVER.uploadSpecOk("acme", "routing", SPEC);
        SERVER.deployOk(Flow.define("routes", f -> f.ownerId("acme")
                .restApi("routes-in", r -> r.apiSpecId("OpenAPIv3:routing:latest"))
                .map("show", "{ 'properties': properties }")));
        SERVER.deployOk(Flow.define("coded", f -> f.ownerId("acme")
                .restApi("coded-in", r -> r.apiSpecId("OpenAPIv3:routing:1"))
                .setExchangeProperty("set-code", "httpResponseCode", "properties.`http.query.code`")
                .map("show", "{ 'operationId': properties.`http.operationId` }")));
    }

    @Test
    void literalSegmentsWinOverTemplates() {
        SERVER.request().get("/acme/rs/routes/users/me")
                .then().statusCode(200).body("properties.'http.operationId'", equalTo("getMe"))
                .body("properties.'http.path.id'", nullValue());
        SERVER.request().get("/acme/rs/routes/users/42")
                .then().statusCode(200).body("properties.'http.operationId'", equalTo("getUser"))
                .body("properties.'http.path.id'", equalTo("42"));
    }

    @Test
    void setsNamedAndNumberedPathPropertiesDecoded() {
        SERVER.request().urlEncodingEnabled(false).get("/acme/rs/routes/users/j%C3%B6rg%2Fx/files/report.v2.pdf")
                .then().statusCode(200)
                .body("properties.'http.operationId'", equalTo("getFile"))
                .body("properties.'http.path.id'", equalTo("jörg/x"))
                .body("properties.'http.path.file'", equalTo("report.v2"))
                .body("properties.'http.path.ext'", equalTo("pdf"))
                .body("properties.'http.path.1'", equalTo("users"))
                .body("properties.'http.path.2'", equalTo("jörg/x"))
                .body("properties.'http.method'", equalTo("GET"))
                .body("properties.'http.requestUri'", equalTo("/acme/rs/routes/users/j%C3%B6rg%2Fx/files/report.v2.pdf"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/acme/rs/routes/users/me/", "/acme/rs/routes/users//me", "/acme/rs/routes//users/me//"})
    void ignoresTrailingAndRepeatedSlashes(String path) {
        SERVER.request().urlEncodingEnabled(false).get(path)
                .then().statusCode(200).body("properties.'http.operationId'", equalTo("getMe"));
    }

    @Test
    void defaultOperationIdDropsBracesTurnsSlashesIntoUnderscoresAndAppendsTheMethod() {
        SERVER.request().get("/acme/rs/routes/anything/operation")
                .then().statusCode(200)
                .body("properties.'http.operationId'", equalTo("param_operation-GET"))
                .body("properties.'http.path.param'", equalTo("anything"));
    }

    @Test
    void unknownPathIs404ProblemJson() {
        SERVER.request().get("/acme/rs/routes/users/42/unknown")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:flowserver:problem:not-found"))
                .body("status", equalTo(404))
                .body("detail", equalTo("The API of flow 'routes' has no path that matches '/users/42/unknown'"));
        SERVER.request().get("/acme/rs/routes")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void knownPathWithAnotherMethodIs405WithAllow() {
        SERVER.request().put("/acme/rs/routes/users/42")
                .then().statusCode(405).contentType("application/problem+json")
                .header("Allow", equalTo("GET, HEAD, DELETE"))
                .body("type", equalTo("urn:flowserver:problem:method-not-allowed"))
                .body("detail", equalTo("The path '/users/42' of flow 'routes' does not allow PUT; it allows GET, HEAD, DELETE"));
    }

    @Test
    void headIsAnsweredByTheGetOperationAndAllowedWhereGetIs() {
        SERVER.request().head("/acme/rs/routes/users/me")
                .then().statusCode(200).body(emptyString()).contentType("application/json");
        SERVER.request().head("/acme/rs/routes/jobs").then().statusCode(405).header("Allow", "POST");
        SERVER.request().patch("/acme/rs/routes/users/me").then().statusCode(405).header("Allow", "GET, HEAD");
    }

    @Test
    void literalsMatchTheirDecodedText() {
        SERVER.request().urlEncodingEnabled(false).get("/acme/rs/routes/caf%C3%A9/jobs%3Abatch")
                .then().statusCode(200).body("properties.'http.operationId'", equalTo("encodedLiteral"));
        SERVER.request().urlEncodingEnabled(false).get("/acme/rs/routes/caf%C3%A9/jobs:batch")
                .then().statusCode(200).body("properties.'http.operationId'", equalTo("encodedLiteral"));
    }

    @Test
    void defaultStatusIsTheFirst2xxOfTheSpecInDocumentOrder() {
        SERVER.request().post("/acme/rs/coded/jobs")
                .then().statusCode(202).body("operationId", equalTo("startJob"));
    }

    @Test
    void withoutA2xxInTheSpecPostAnswers201AndOtherMethods200() {
        SERVER.request().post("/acme/rs/coded/notes").then().statusCode(201);
        SERVER.request().get("/acme/rs/coded/notes").then().statusCode(200);
    }

    @Test
    void httpResponseCodeWinsOverTheSpec() {
        SERVER.request().post("/acme/rs/coded/jobs?code=200").then().statusCode(200);
        SERVER.request().post("/acme/rs/coded/jobs?code=409").then().statusCode(409);
    }

    @Test
    void a204SendsNoBodyEvenWhenTheFlowHasAPayload() {
        SERVER.request().delete("/acme/rs/coded/users/42")
                .then().statusCode(204).body(emptyString()).header("Content-Type", nullValue());
    }

    @Test
    void responsesCarryNoRequestHeaders() {
        SERVER.request().header("X-Secret", "s3cr3t").get("/acme/rs/routes/users/me")
                .then().statusCode(200).header("X-Secret", nullValue())
                .contentType(startsWith("application/json"))
                .body("properties.'http.header.X-Secret'", equalTo("s3cr3t"))
                .body("properties", not(nullValue()));
    }
}
