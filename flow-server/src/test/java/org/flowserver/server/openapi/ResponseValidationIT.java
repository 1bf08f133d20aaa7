package org.flowserver.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import ch.qos.logback.classic.Level;
import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.flowserver.server.LogCapture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code validateResponse}: the status code, headers and body of a flow's answer against the operation; an
 * answer that breaks the spec becomes a 500 problem that says so, and its violations are logged. A status the
 * spec does not define is checked only against {@code default}; non-2xx definitions are documentation.
 */
class ResponseValidationIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();

    static final String SPEC = """
            openapi: 3.0.3
            info: {title: Contracts, version: "1"}
            paths:
              /thing:
                get:
                  parameters:
                    - {name: code, in: query, schema: {type: integer}}
                  responses:
                    "200":
                      description: a thing
                      headers:
                        X-Rate: {required: true, schema: {type: integer, maximum: 10}}
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/Thing'}
                    "404":
                      description: documentation only
                      content:
                        application/json:
                          schema: {type: object, required: [never]}
              /defaulted:
                get:
                  parameters:
                    - {name: code, in: query, schema: {type: integer}}
                  responses:
                    "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
                    default:
                      description: an error
                      content:
                        application/json:
                          schema: {type: object, required: [code], properties: {code: {type: integer}}}
              /text:
                get:
                  responses:
                    "200": {description: words, content: {text/plain: {schema: {type: string}}}}
              /empty:
                get:
                  responses:
                    "200": {description: nothing}
            components:
              schemas:
                Thing:
                  type: object
                  required: [id, ok]
                  properties:
                    id: {type: string, readOnly: true}
                    secret: {type: string, writeOnly: true}
                    ok: {type: boolean}
            """;

    @BeforeAll
    static void deploy() {
        SERVER.uploadSpecOk("acme", "contracts", SPEC);
        SERVER.deployOk(Flow.define("good", f -> f.ownerId("acme")
                .restApi("good-in", r -> r.apiSpecId("OpenAPIv3:contracts:latest").validateResponse(true)
                        .exchangeProperties("responseHeader.X-Rate=5"))
                .setExchangeProperty("set-code", "httpResponseCode", "properties.`http.query.code`")
                .map("thing", "{ 'id': 't-1', 'ok': true }")));
        SERVER.deployOk(Flow.define("bad", f -> f.ownerId("acme")
                .restApi("bad-in", r -> r.apiSpecId("OpenAPIv3:contracts:latest").validateResponse(true))
                .setExchangeProperty("set-code", "httpResponseCode", "properties.`http.query.code`")
                .map("thing", "{ 'ok': 'yes' }")));
        SERVER.deployOk(Flow.define("unchecked", f -> f.ownerId("acme")
                .restApi("unchecked-in", r -> r.apiSpecId("OpenAPIv3:contracts:latest"))
                .map("thing", "{ 'ok': 'yes' }")));
        SERVER.deployOk(Flow.define("texts", f -> f.ownerId("acme")
                .restApi("texts-in", r -> r.apiSpecId("OpenAPIv3:contracts:latest").validateResponse(true)
                        .exchangeProperties("responseHeader.Content-Type=text/plain; charset=UTF-8\nresponseHeader.X-Rate=1"))
                .setPayload("words", "'plain words'")));
    }

    @Test
    void aResponseThatMatchesTheSpecIsSent() {
        SERVER.request().get("/acme/rs/good/thing")
                .then().statusCode(200).header("X-Rate", "5").body("ok", equalTo(true));
    }

    @Test
    void aResponseThatBreaksTheSpecBecomesA500ThatSaysSo() {
        try (LogCapture log = LogCapture.of("org.flowserver.processors.rest.RestResponder", Level.ERROR)) {
            SERVER.request().get("/acme/rs/bad/thing")
                    .then().statusCode(500).contentType("application/problem+json")
                    .body("type", equalTo("urn:flowserver:problem:response-contract-violated"))
                    .body("detail", startsWith("The flow broke its contract: its response does not match the API "
                            + "spec of the operation. The server log lists the 3 violations under messageId "));

            assertThat(log.events()).singleElement().satisfies(event -> assertThat(event.getKeyValuePairs().toString())
                    .contains("location=header, pointer=/X-Rate, message=the response header 'X-Rate' is required")
                    .contains("pointer=/id, message=required property 'id' not found")
                    .contains("pointer=/ok, message=string found, boolean expected"));
        }
    }

    @Test
    void withoutValidateResponseTheSameAnswerIsSent() {
        SERVER.request().get("/acme/rs/unchecked/thing").then().statusCode(200).body("ok", equalTo("yes"));
    }

    @Test
    void aNonJsonResponseWhereTheSpecSaysJsonIsA500() {
        SERVER.request().get("/acme/rs/texts/thing")
                .then().statusCode(500).body("type", equalTo("urn:flowserver:problem:response-contract-violated"));
    }

    @Test
    void aNonJsonResponseWhereTheSpecSaysSoIsSent() {
        SERVER.request().get("/acme/rs/texts/text")
                .then().statusCode(200).contentType("text/plain; charset=UTF-8").body(equalTo("plain words"));
    }

    @Test
    void aBodyWhereTheSpecDefinesNoContentIsA500() {
        SERVER.request().get("/acme/rs/good/empty").then().statusCode(500);
    }

    @Test
    void aStatusTheSpecDoesNotDefineIsAssumedCorrectWithoutDefault() {
        SERVER.request().get("/acme/rs/bad/thing?code=202").then().statusCode(202).body("ok", equalTo("yes"));
    }

    @Test
    void aStatusTheSpecDoesNotDefineIsCheckedAgainstDefault() {
        SERVER.request().get("/acme/rs/bad/defaulted?code=418")
                .then().statusCode(500).body("type", equalTo("urn:flowserver:problem:response-contract-violated"));
    }

    @Test
    void non2xxDefinitionsAreDocumentationOnly() {
        SERVER.request().get("/acme/rs/bad/thing?code=404").then().statusCode(404).body("ok", equalTo("yes"));
    }
}
