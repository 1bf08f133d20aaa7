package org.flowserver.server.openapi;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JSON bodies against their schemas: required, additionalProperties, nullable, readOnly, discriminators,
 * formats, {@code $ref} cycles, a missing required body; and the content types that are validated (every
 * variant of {@code application/json}) or refused with 415 (everything else, multipart and {@code +json}
 * included).
 */
class BodyValidationIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();

    static final String SPEC = """
            {
              "openapi": "3.0.3",
              "info": {"title": "Bodies", "version": "1"},
              "paths": {
                "/orders": {"post": {
                  "operationId": "createOrder",
                  "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Order"}}}},
                  "responses": {"201": {"description": "created"}}}},
                "/pets": {"post": {
                  "operationId": "addPet",
                  "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}},
                  "responses": {"201": {"description": "added"}}}},
                "/animals": {"post": {
                  "operationId": "addAnimal",
                  "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Animal"}}}},
                  "responses": {"201": {"description": "added"}}}},
                "/trees": {"post": {
                  "operationId": "plantTree",
                  "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Node"}}}},
                  "responses": {"200": {"description": "planted"}}}},
                "/notes": {"post": {
                  "operationId": "addNote",
                  "requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}},
                  "responses": {"200": {"description": "noted"}}}},
                "/ping": {"get": {"operationId": "ping", "responses": {"200": {"description": "pong"}}}}
              },
              "components": {"schemas": {
                "Order": {"type": "object", "additionalProperties": false, "required": ["id", "qty", "email"],
                  "properties": {
                    "id": {"type": "string", "readOnly": true},
                    "qty": {"type": "integer", "minimum": 1},
                    "email": {"type": "string", "format": "email"},
                    "due": {"type": "string", "format": "date-time"},
                    "note": {"type": "string", "nullable": true, "maxLength": 20}}},
                "Pet": {"oneOf": [{"$ref": "#/components/schemas/Dog"}, {"$ref": "#/components/schemas/Cat"}],
                  "discriminator": {"propertyName": "petType", "mapping": {"dog": "#/components/schemas/Dog", "cat": "Cat"}}},
                "Dog": {"type": "object", "required": ["petType", "bark"],
                  "properties": {"petType": {"type": "string"}, "bark": {"type": "boolean"}, "name": {"type": "string"}}},
                "Cat": {"type": "object", "required": ["petType", "lives"],
                  "properties": {"petType": {"type": "string"}, "lives": {"type": "integer", "maximum": 9}, "name": {"type": "string"}}},
                "Animal": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}},
                  "discriminator": {"propertyName": "kind"}},
                "Bird": {"allOf": [{"$ref": "#/components/schemas/Animal"},
                  {"type": "object", "required": ["wingspan"], "properties": {"wingspan": {"type": "number"}}}]},
                "Fish": {"allOf": [{"$ref": "#/components/schemas/Animal"},
                  {"type": "object", "required": ["fins"], "properties": {"fins": {"type": "integer"}}}]},
                "Node": {"type": "object", "required": ["value"],
                  "properties": {"value": {"type": "integer"}, "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}}}
              }}
            }
            """;

    private static final String ORDER = "{\"qty\": 2, \"email\": \"ann@example.com\", \"note\": null}";

    @BeforeAll
    static void deploy() {
        SERVER.uploadSpecOk("acme", "bodies", SPEC);
        SERVER.deployOk(Flow.define("bodies", f -> f.ownerId("acme")
                .restApi("bodies-in", r -> r.apiSpecId("OpenAPIv3:bodies:1"))
                .map("show", "{ 'operationId': properties.`http.operationId`, 'payload': payload }")));
    }

    @Test
    void aValidBodyReachesTheFlowAsJson() {
        SERVER.request().contentType("application/json").body(ORDER).post("/acme/rs/bodies/orders")
                .then().statusCode(201).body("operationId", equalTo("createOrder")).body("payload.qty", equalTo(2));
    }

    @Test
    void readOnlyPropertiesAreNotDemandedInRequestsEvenWhenRequired() {
        SERVER.request().contentType("application/json").body("{\"qty\": 1, \"email\": \"ann@example.com\"}")
                .post("/acme/rs/bodies/orders").then().statusCode(201);
    }

    @Test
    void everyBodyViolationIsListedWithItsPointer() {
        SERVER.request().contentType("application/json")
                .body("{\"qty\": 0, \"email\": \"not an email\", \"due\": \"tomorrow\", \"note\": 5, \"extra\": true}")
                .post("/acme/rs/bodies/orders")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:flowserver:problem:invalid-request"))
                .body("errors", hasSize(5))
                .body("errors.location", contains("body", "body", "body", "body", "body"))
                .body("errors.pointer", contains("/qty", "/email", "/due", "/note", "/extra"))
                .body("errors.message", contains("must have a minimum value of 1",
                        "does not match the email pattern must be a valid RFC 5321 Mailbox",
                        "does not match the date-time pattern must be a valid RFC 3339 date-time",
                        "integer found, string expected",
                        "property 'extra' is not defined in the schema and the schema does not allow additional properties"))
                .body("detail", startsWith("The request does not match the API spec (5 violations): body /qty: must "
                        + "have a minimum value of 1; body /email: "));
    }

    @Test
    void aMissingRequiredPropertyIsPointedAt() {
        SERVER.request().contentType("application/json").body("{\"qty\": 1}").post("/acme/rs/bodies/orders")
                .then().statusCode(400)
                .body("errors.pointer", contains("/email"))
                .body("errors[0].message", equalTo("required property 'email' not found"));
    }

    @Test
    void aMissingRequiredBodyIs400() {
        SERVER.request().contentType("application/json").post("/acme/rs/bodies/orders")
                .then().statusCode(400)
                .body("errors[0].location", equalTo("body"))
                .body("errors[0].pointer", equalTo(""))
                .body("errors[0].message", equalTo("a request body is required"));
    }

    @Test
    void anOptionalBodyMayBeLeftOut() {
        SERVER.request().post("/acme/rs/bodies/notes").then().statusCode(200);
    }

    @Test
    void malformedJsonIs400MalformedJson() {
        SERVER.request().contentType("application/json").body("{\"qty\": ").post("/acme/rs/bodies/orders")
                .then().statusCode(400)
                .body("type", equalTo("urn:flowserver:problem:malformed-json"))
                .body("errors[0].location", equalTo("body"))
                .body("errors[0].message", startsWith("the body is not valid JSON: "));
    }

    @Test
    void hugeExponentsAndUnrepresentableNumbersAreRefusedAsClientErrors() {
        SERVER.request().contentType("application/json").body("{\"qty\": 1e100000, \"email\": \"ann@example.com\"}")
                .post("/acme/rs/bodies/orders")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/qty"))
                .body("errors[0].message", equalTo("the number's exponent is beyond ±1000; numbers this large or "
                        + "this small are not accepted"));
        SERVER.request().contentType("application/json").body("{\"qty\": 1e-2147483648}")
                .post("/acme/rs/bodies/orders")
                .then().statusCode(400).body("type", equalTo("urn:flowserver:problem:malformed-json"));
    }

    @Test
    void aContentTypeWithoutATypeIs415() {
        SERVER.request().header("Content-Type", ";").body(ORDER.getBytes(StandardCharsets.UTF_8))
                .post("/acme/rs/bodies/orders").then().statusCode(415);
    }

    @Test
    void aBodyForAnOperationWithoutOneIsRefused() {
        SERVER.request().contentType("application/json").body("{}").get("/acme/rs/bodies/ping")
                .then().statusCode(400).body("errors[0].message", equalTo("this operation takes no request body"));
    }

    @Test
    void aDiscriminatorErrorNamesTheBadFieldOfTheChosenSubtype() {
        SERVER.request().contentType("application/json").body("{\"petType\": \"dog\", \"bark\": \"loud\"}")
                .post("/acme/rs/bodies/pets")
                .then().statusCode(400)
                .body("errors", hasSize(1))
                .body("errors[0].pointer", equalTo("/bark"))
                .body("errors[0].message", equalTo("string found, boolean expected"));
        SERVER.request().contentType("application/json").body("{\"petType\": \"cat\", \"lives\": 12}")
                .post("/acme/rs/bodies/pets")
                .then().statusCode(400).body("errors.pointer", contains("/lives"));
    }

    @Test
    void subtypesThatOverlapAreChosenByTheDiscriminator() {
        // Valid against Dog and Cat's shared properties too: oneOf alone would fail it; the discriminator decides.
        SERVER.request().contentType("application/json")
                .body("{\"petType\": \"cat\", \"lives\": 7, \"bark\": true, \"name\": \"Tom\"}")
                .post("/acme/rs/bodies/pets").then().statusCode(201);
    }

    @Test
    void anUnknownOrMissingDiscriminatorValueIsOneClearViolation() {
        SERVER.request().contentType("application/json").body("{\"petType\": \"cow\"}")
                .post("/acme/rs/bodies/pets")
                .then().statusCode(400)
                .body("errors", hasSize(1))
                .body("errors[0].pointer", equalTo("/petType"))
                .body("errors[0].message", equalTo("'cow' is not a value of the discriminator 'petType'; expected one of [dog, cat]"));
        SERVER.request().contentType("application/json").body("{\"bark\": true}")
                .post("/acme/rs/bodies/pets")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/petType"));
    }

    @Test
    void aBaseSchemaWithADiscriminatorValidatesTheSubtypeItNames() {
        SERVER.request().contentType("application/json").body("{\"kind\": \"Bird\", \"wingspan\": 0.4}")
                .post("/acme/rs/bodies/animals").then().statusCode(201);
        SERVER.request().contentType("application/json").body("{\"kind\": \"Fish\", \"wingspan\": 0.4}")
                .post("/acme/rs/bodies/animals")
                .then().statusCode(400).body("errors.pointer", contains("/fins"));
    }

    @Test
    void refCyclesValidateAtAnyDepth() {
        SERVER.request().contentType("application/json")
                .body("{\"value\": 1, \"children\": [{\"value\": 2, \"children\": [{\"value\": 3}]}]}")
                .post("/acme/rs/bodies/trees").then().statusCode(200);
        SERVER.request().contentType("application/json")
                .body("{\"value\": 1, \"children\": [{\"value\": 2, \"children\": [{\"value\": \"three\"}]}]}")
                .post("/acme/rs/bodies/trees")
                .then().statusCode(400).body("errors.pointer", contains("/children/0/children/0/value"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "APPLICATION/JSON", "Application/Json; charset=UTF-8",
            "application/json;charset=utf-8", "application/json; charset=\"utf-8\""})
    void everyVariantOfApplicationJsonIsAcceptedAndValidated(String contentType) {
        SERVER.request().contentType(contentType).body(ORDER.getBytes(StandardCharsets.UTF_8))
                .post("/acme/rs/bodies/orders").then().statusCode(201);
        SERVER.request().contentType(contentType).body("{\"qty\": \"two\", \"email\": \"ann@example.com\"}"
                        .getBytes(StandardCharsets.UTF_8))
                .post("/acme/rs/bodies/orders").then().statusCode(400).body("errors.pointer", contains("/qty"));
    }

    @Test
    void anotherCharsetIsDecodedAndStillValidated() {
        byte[] latin1 = "{\"qty\": 1, \"email\": \"ann@example.com\", \"note\": \"Grüße\"}".getBytes(StandardCharsets.ISO_8859_1);
        SERVER.request().contentType("application/json; charset=ISO-8859-1").body(latin1)
                .post("/acme/rs/bodies/orders").then().statusCode(201).body("payload.note", equalTo("Grüße"));
        byte[] invalid = "{\"qty\": 0, \"email\": \"ann@example.com\"}".getBytes(StandardCharsets.ISO_8859_1);
        SERVER.request().contentType("application/json; charset=ISO-8859-1").body(invalid)
                .post("/acme/rs/bodies/orders").then().statusCode(400).body("errors.pointer", contains("/qty"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/vnd.api+json", "application/merge-patch+json", "text/plain",
            "application/x-www-form-urlencoded", "text/json"})
    void otherContentTypesAre415(String contentType) {
        SERVER.request().contentType(contentType).body(ORDER)
                .post("/acme/rs/bodies/orders")
                .then().statusCode(415).contentType("application/problem+json")
                .body("type", equalTo("urn:flowserver:problem:unsupported-media-type"))
                .body("errors[0].location", equalTo("header"))
                .body("errors[0].pointer", equalTo("/Content-Type"));
    }

    @Test
    void multipartIs415() {
        SERVER.request().multiPart("order", ORDER, "application/json").post("/acme/rs/bodies/orders")
                .then().statusCode(415)
                .body("detail", startsWith("The Content-Type 'multipart/form-data; boundary="));
    }

    @Test
    void anUnknownCharsetIs415() {
        SERVER.request().contentType("application/json; charset=klingon").body(ORDER.getBytes(StandardCharsets.UTF_8))
                .post("/acme/rs/bodies/orders")
                .then().statusCode(415).body("detail", equalTo("The charset 'klingon' of the Content-Type is not supported; use UTF-8"));
    }
}
