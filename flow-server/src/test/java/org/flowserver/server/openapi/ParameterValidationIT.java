package org.flowserver.server.openapi;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Path, query, header and cookie parameters: types, formats, enums, required, every style with and without
 * explode, and a 400 problem that names the location and pointer of each violation and lists them all.
 */
class ParameterValidationIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();

    private static final String OK = "{\"description\": \"ok\"}";

    static final String SPEC = """
            openapi: 3.0.3
            info: {title: Parameters, version: "1"}
            paths:
              /search:
                get:
                  operationId: search
                  parameters:
                    - {name: limit, in: query, required: true, schema: {type: integer, format: int32, minimum: 1, maximum: 100}}
                    - {name: sort, in: query, schema: {type: string, enum: [asc, desc]}}
                    - {name: since, in: query, schema: {type: string, format: date}}
                    - {name: X-Request-Id, in: header, required: true, schema: {type: string, format: uuid}}
                    - {name: session, in: cookie, schema: {type: string, pattern: "^[a-f0-9]{8}$"}}
                  responses: {"200": %1$s}
              /deep:
                get:
                  parameters:
                    - name: filter
                      in: query
                      style: deepObject
                      explode: true
                      schema:
                        type: object
                        additionalProperties: false
                        properties:
                          color: {type: string, enum: [red, blue]}
                          size: {type: integer}
                  responses: {"200": %1$s}
              /form/exploded:
                get:
                  parameters:
                    - {name: ids, in: query, schema: {type: array, items: {type: integer}}}
                  responses: {"200": %1$s}
              /form/joined:
                get:
                  parameters:
                    - {name: ids, in: query, explode: false, schema: {type: array, items: {type: integer}}}
                  responses: {"200": %1$s}
              /form/object:
                get:
                  parameters:
                    - name: shape
                      in: query
                      schema: {type: object, properties: {color: {type: string}, size: {type: integer}}}
                  responses: {"200": %1$s}
              /form/object-joined:
                get:
                  parameters:
                    - name: shape
                      in: query
                      explode: false
                      schema: {type: object, properties: {color: {type: string}, size: {type: integer}}}
                  responses: {"200": %1$s}
              /pipes:
                get:
                  parameters:
                    - {name: ids, in: query, style: pipeDelimited, explode: false, schema: {type: array, items: {type: integer}}}
                  responses: {"200": %1$s}
              /spaces:
                get:
                  parameters:
                    - {name: ids, in: query, style: spaceDelimited, explode: false, schema: {type: array, items: {type: integer}}}
                  responses: {"200": %1$s}
              /simple/{ids}:
                get:
                  parameters:
                    - {name: ids, in: path, required: true, schema: {type: array, items: {type: integer}, maxItems: 3}}
                  responses: {"200": %1$s}
              /label/{ids}:
                get:
                  parameters:
                    - {name: ids, in: path, required: true, style: label, explode: true, schema: {type: array, items: {type: integer}}}
                  responses: {"200": %1$s}
              /matrix/{ids}:
                get:
                  parameters:
                    - {name: ids, in: path, required: true, style: matrix, explode: true, schema: {type: array, items: {type: integer}}}
                  responses: {"200": %1$s}
              /headers:
                get:
                  parameters:
                    - {name: X-Ids, in: header, required: true, schema: {type: array, items: {type: integer}}}
                    - {name: X-Flag, in: header, schema: {type: boolean}}
                  responses: {"200": %1$s}
              /langs/{lang}:
                get:
                  parameters:
                    - {name: lang, in: path, required: true, schema: {type: string, enum: ["c++", "go"]}}
                  responses: {"200": %1$s}
              /prices:
                get:
                  parameters:
                    - {name: n, in: query, schema: {type: number, multipleOf: 0.01, maximum: 10}}
                  responses: {"200": %1$s}
              /modes:
                get:
                  parameters:
                    - {name: X-Modes, in: header, schema: {type: array, items: {type: string, enum: [a, b]}}}
                  responses: {"200": %1$s}
              /matrix-object/{point}:
                get:
                  parameters:
                    - name: point
                      in: path
                      required: true
                      style: matrix
                      explode: true
                      schema: {type: object, properties: {color: {type: string}, size: {type: integer}}}
                  responses: {"200": %1$s}
              /items/{id}:
                parameters:
                  - {name: id, in: path, required: true, schema: {type: integer, format: int64}}
                get:
                  responses: {"200": %1$s}
            """.formatted(OK);

    @BeforeAll
    static void deploy() {
        SERVER.uploadSpecOk("acme", "parameters", SPEC);
        SERVER.deployOk(Flow.define("params", f -> f.ownerId("acme")
                .restApi("params-in", r -> r.apiSpecId("OpenAPIv3:parameters:latest"))
                .map("show", "{ 'operationId': properties.`http.operationId` }")));
    }

    @Test
    void aValidRequestReachesTheFlow() {
        SERVER.request().header("X-Request-Id", "8f14e45f-ceea-467f-a3a4-7f3c3a2d4e5b").cookie("session", "0a1b2c3d")
                .get("/acme/rs/params/search?limit=10&sort=asc&since=2026-11-23")
                .then().statusCode(200).body("operationId", equalTo("search"));
    }

    @Test
    void everyViolationIsListedWithItsLocationPointerAndMessage() {
        SERVER.request().header("X-Request-Id", "not-a-uuid").cookie("session", "XYZ")
                .get("/acme/rs/params/search?limit=0&sort=up&since=2026-13-45")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:flowserver:problem:invalid-request"))
                .body("title", equalTo("Invalid request"))
                .body("status", equalTo(400))
                .body("errors", hasSize(5))
                .body("errors.location", contains("query", "query", "query", "header", "cookie"))
                .body("errors.pointer", contains("/limit", "/sort", "/since", "/X-Request-Id", "/session"))
                .body("errors[0].message", equalTo("must have a minimum value of 1"))
                .body("errors[1].message", equalTo("does not have a value in the enumeration [\"asc\", \"desc\"]"))
                .body("errors[2].message", equalTo("does not match the date pattern must be a valid RFC 3339 full-date"))
                .body("errors[3].message", equalTo("does not match the uuid pattern must be a valid RFC 4122 UUID"))
                .body("errors[4].message", equalTo("does not match the regex pattern ^[a-f0-9]{8}$"));
    }

    @Test
    void missingRequiredParametersAreNamed() {
        SERVER.request().get("/acme/rs/params/search")
                .then().statusCode(400)
                .body("errors.location", containsInAnyOrder("query", "header"))
                .body("errors.message", containsInAnyOrder("the query parameter 'limit' is required",
                        "the header parameter 'X-Request-Id' is required"));
    }

    @Test
    void typesAndIntegerFormatsAreChecked() {
        SERVER.request().header("X-Request-Id", "8f14e45f-ceea-467f-a3a4-7f3c3a2d4e5b")
                .get("/acme/rs/params/search?limit=ten")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/limit"))
                .body("errors[0].message", equalTo("string found, integer expected"));
        SERVER.request().get("/acme/rs/params/items/9223372036854775807").then().statusCode(200);
        SERVER.request().get("/acme/rs/params/items/9223372036854775808")
                .then().statusCode(400).body("errors[0].location", equalTo("path"))
                .body("errors[0].pointer", equalTo("/id"))
                .body("errors[0].message", equalTo("does not match the int64 pattern must be a 64-bit integer, from "
                        + "-9223372036854775808 to 9223372036854775807"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = "=>", value = {
            // deepObject
            "/deep?filter[color]=red&filter[size]=3 => 200 => ",
            "/deep?filter%5Bcolor%5D=blue => 200 => ",
            "/deep?filter[color]=green => 400 => /filter/color",
            "/deep?filter[size]=big => 400 => /filter/size",
            "/deep?filter[shape]=round => 400 => /filter/shape",
            // form, exploded (the default): one pair per item
            "/form/exploded?ids=1&ids=2&ids=3 => 200 => ",
            "/form/exploded?ids=1&ids=x => 400 => /ids/1",
            "/form/exploded?ids=1,2 => 400 => /ids/0",
            // form, not exploded: one comma-separated value
            "/form/joined?ids=1,2,3 => 200 => ",
            "/form/joined?ids=1%2C2 => 400 => /ids/0", // an encoded comma is part of the value
            "/form/joined?ids=1,x => 400 => /ids/1",
            // objects in form style
            "/form/object?color=red&size=2 => 200 => ",
            "/form/object?color=red&size=two => 400 => /shape/size",
            "/form/object-joined?shape=color,red,size,2 => 200 => ",
            "/form/object-joined?shape=color,red,size,two => 400 => /shape/size",
            // other delimiters
            "/pipes?ids=1%7C2%7C3 => 200 => ",
            "/pipes?ids=1%7C2%7Cx => 400 => /ids/2",
            "/spaces?ids=1%202%203 => 200 => ",
            "/spaces?ids=1%20x => 400 => /ids/1",
            // path styles
            "/simple/1,2,3 => 200 => ",
            "/simple/1,2,3,4 => 400 => /ids",
            "/simple/1,a => 400 => /ids/1",
            "/label/.1.2.3 => 200 => ",
            "/label/.1.b => 400 => /ids/1",
            "/matrix/;ids=1;ids=2 => 200 => ",
            "/matrix/;ids=1;ids=z => 400 => /ids/1",
    })
    void stylesAndExplodeAreReadAsTheSpecSays(String path, int status, String pointer) {
        var response = SERVER.request().urlEncodingEnabled(false).get("/acme/rs/params" + path).then().statusCode(status);
        if (pointer != null) {
            response.contentType("application/problem+json").body("errors.pointer", hasItem(pointer));
        }
    }

    @Test
    void aPlusInAPathParameterIsAPlus() {
        SERVER.request().urlEncodingEnabled(false).get("/acme/rs/params/langs/c++").then().statusCode(200);
        SERVER.request().urlEncodingEnabled(false).get("/acme/rs/params/langs/c%2B%2B").then().statusCode(200);
        SERVER.request().urlEncodingEnabled(false).get("/acme/rs/params/langs/c%20%20").then().statusCode(400);
    }

    @Test
    void aParameterThatTakesOneValueMustBeGivenOnce() {
        SERVER.request().header("X-Request-Id", "8f14e45f-ceea-467f-a3a4-7f3c3a2d4e5b")
                .get("/acme/rs/params/search?limit=5&limit=abc")
                .then().statusCode(400)
                .body("errors[0].pointer", equalTo("/limit"))
                .body("errors[0].message", equalTo("the query parameter 'limit' must be given once"));
        SERVER.request().urlEncodingEnabled(false).get("/acme/rs/params/deep?filter[color]=purple&filter[color]=red")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/filter"));
    }

    @Test
    void hugeExponentsAreRefusedWithoutCostingTheServer() {
        SERVER.request().get("/acme/rs/params/prices?n=9.99").then().statusCode(200);
        SERVER.request().get("/acme/rs/params/prices?n=1e100000000")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/n"))
                .body("errors[0].message", equalTo("string found, number expected"));
        SERVER.request().get("/acme/rs/params/prices?n=11")
                .then().statusCode(400).body("errors[0].message", equalTo("must have a maximum value of 10"));
    }

    @Test
    void headerListItemsAreTrimmed() {
        SERVER.request().header("X-Modes", "a, b").get("/acme/rs/params/modes").then().statusCode(200);
        SERVER.request().header("X-Modes", "a, c").get("/acme/rs/params/modes")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/X-Modes/1"));
    }

    @Test
    void matrixExplodedObjectsAreRead() {
        SERVER.request().urlEncodingEnabled(false).get("/acme/rs/params/matrix-object/;color=red;size=2")
                .then().statusCode(200);
        SERVER.request().urlEncodingEnabled(false).get("/acme/rs/params/matrix-object/;color=red;size=big")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/point/size"));
    }

    @Test
    void headerArraysAreCommaSeparatedAndTyped() {
        SERVER.request().header("X-Ids", "1, 2,3").header("X-Flag", "true")
                .get("/acme/rs/params/headers").then().statusCode(200);
        SERVER.request().header("X-Ids", "1,two").header("X-Flag", "yes")
                .get("/acme/rs/params/headers")
                .then().statusCode(400)
                .body("errors.location", contains("header", "header"))
                .body("errors.pointer", contains("/X-Ids/1", "/X-Flag"));
    }
}
