package org.flowserver.server.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the generic endpoint turns the request entity into the payload (the seed's Generic Model). */
class EntityIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();

    private static final HttpClient HTTP_1_1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Answers with the payload and its JSONata type. */
    private static final String SHOW_PAYLOAD = "{ 'type': $type(payload), 'payload': payload }";

    @BeforeAll
    static void deployFlows() {
        SERVER.deployOk(Flow.define("payload", f -> f.ownerId("acme").restApi("payload-in").map("show", SHOW_PAYLOAD)));
        SERVER.deployOk(Flow.define("as-text", f -> f.ownerId("acme")
                .restApi("as-text-in", r -> r.inboundTransformationStrategy(t -> t.text("ISO-8859-1")))
                .map("show", SHOW_PAYLOAD)));
        SERVER.deployOk(Flow.define("as-binary", f -> f.ownerId("acme")
                .restApi("as-binary-in", r -> r.inboundTransformationStrategy(t -> t.binary()))
                .map("show", SHOW_PAYLOAD)));
        SERVER.deployOk(Flow.define("as-json", f -> f.ownerId("acme")
                .restApi("as-json-in", r -> r.inboundTransformationStrategy(t -> t.json()))
                .map("show", SHOW_PAYLOAD)));
        SERVER.deployOk(Flow.define("echo", f -> f.ownerId("acme").restApi("echo-in")));
    }

    @Test
    void readsAnEntityWithoutContentTypeAsJson() throws Exception {
        HttpResponse<String> response = HTTP_1_1.send(HttpRequest.newBuilder(uri("/acme/rs/payload")).header("Authorization", SERVER.tester())
                .POST(HttpRequest.BodyPublishers.ofString("{\"order\": {\"id\": 7, \"lines\": [1, 2]}}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        JsonPath body = JsonPath.from(response.body());
        assertThat(body.getString("type")).isEqualTo("object");
        assertThat(body.getInt("payload.order.id")).isEqualTo(7);
        assertThat(body.getList("payload.order.lines")).containsExactly(1, 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "APPLICATION/JSON", "application/json; charset=utf-8",
        "application/vnd.acme.order+json", "application/problem+json", "text/json"})
    void readsJsonTypesAsJson(String contentType) {
        SERVER.request().contentType(contentType).body("[1, {\"a\": null}]".getBytes(StandardCharsets.UTF_8))
                .post("/acme/rs/payload")
                .then().statusCode(201)
                .body("type", equalTo("array"))
                .body("payload[0]", equalTo(1))
                .body("payload[1].a", nullValue());
    }

    @Test
    void readsJsonInTheCharsetOfTheContentType() {
        SERVER.request().contentType("application/json; charset=UTF-16")
                .body("{\"city\": \"Malmö\"}".getBytes(StandardCharsets.UTF_16))
                .post("/acme/rs/payload")
                .then().statusCode(201)
                .body("payload.city", equalTo("Malmö"));
    }

    @Test
    void readsAJsonNullBodyAsNull() {
        SERVER.request().contentType("application/json").body("null")
                .post("/acme/rs/payload")
                .then().statusCode(201)
                .body("type", equalTo("null"));
    }

    @Test
    void keepsJsonNullApartFromNoValue() {
        SERVER.request().contentType("application/json").body("{\"gone\": null}")
                .post("/acme/rs/payload")
                .then().statusCode(201)
                .body("payload.gone", nullValue())
                .body("payload.containsKey('gone')", equalTo(true));
    }

    @Test
    void refusesMalformedJsonWithAProblem() {
        SERVER.request().contentType("application/json").body("{\"order\": }")
                .post("/acme/rs/payload")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:flowserver:problem:malformed-json"))
                .body("title", equalTo("Malformed JSON"))
                .body("status", equalTo(400))
                .body("detail", equalTo("The body is not valid JSON: Unexpected character ('}' (code 125)): "
                        + "expected a value (line 1, column 11)"))
                .body("errors[0].location", equalTo("body"))
                .body("errors[0].pointer", equalTo(""));
    }

    @Test
    void refusesJsonWithTrailingContent() {
        SERVER.request().contentType("application/json").body("{} {}")
                .post("/acme/rs/echo")
                .then().statusCode(400)
                .body("detail", equalTo("The body is not valid JSON: Unexpected content after the JSON value "
                        + "(line 1, column 4)"));
    }

    @Test
    void refusesJsonThatIsNotValidUtf8() {
        byte[] invalid = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '(', '"', '}'};

        SERVER.request().contentType("application/json").body(invalid)
                .post("/acme/rs/echo")
                .then().statusCode(400)
                .body("type", equalTo("urn:flowserver:problem:malformed-json"));
    }

    @Test
    void readsAFormAsAnObjectOfLists() {
        SERVER.request().contentType("application/x-www-form-urlencoded").urlEncodingEnabled(false)
                .body("key1=value1&key2=value&key1=value2&spaced=a+b%21&flag")
                .post("/acme/rs/payload")
                .then().statusCode(201)
                .body("type", equalTo("object"))
                .body("payload.key1", contains("value1", "value2"))
                .body("payload.key2", contains("value"))
                .body("payload.spaced", contains("a b!"))
                .body("payload.flag", contains(""));
    }

    @Test
    void decodesAFormInItsCharset() {
        SERVER.request().contentType("application/x-www-form-urlencoded; charset=ISO-8859-1").urlEncodingEnabled(false)
                .body("city=Malm%F6")
                .post("/acme/rs/payload")
                .then().statusCode(201)
                .body("payload.city", contains("Malmö"));
    }

    @Test
    void refusesAFormWithABadEscape() {
        SERVER.request().contentType("application/x-www-form-urlencoded").urlEncodingEnabled(false)
                .body("key=%zz")
                .post("/acme/rs/payload")
                .then().statusCode(400)
                .body("type", equalTo("urn:flowserver:problem:malformed-request"))
                .body("detail", equalTo("The form field 'key=%zz' cannot be decoded: '%zz' is not a valid "
                        + "percent-escape (%XX, X a hex digit)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "text/csv", "application/xml", "application/javascript",
        "image/svg+xml", "application/atom+xml"})
    void readsTextTypesAsAString(String contentType) {
        SERVER.request().contentType(contentType + "; charset=UTF-8").body("<a>1 & 2</a>")
                .post("/acme/rs/payload")
                .then().statusCode(201)
                .body("type", equalTo("string"))
                .body("payload", equalTo("<a>1 & 2</a>"));
    }

    @Test
    void decodesTextInTheRequestsCharset() {
        SERVER.request().contentType("text/plain; charset=ISO-8859-1")
                .body("café".getBytes(StandardCharsets.ISO_8859_1))
                .post("/acme/rs/payload")
                .then().statusCode(201)
                .body("payload", equalTo("café"));
    }

    @Test
    void refusesTextThatIsNotValidInItsCharset() throws Exception {
        HttpResponse<String> response = HTTP_1_1.send(HttpRequest.newBuilder(uri("/acme/rs/payload")).header("Authorization", SERVER.tester())
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'o', 'k', (byte) 0xFF})).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JsonPath.from(response.body()).getString("detail")).isEqualTo("The body is not valid UTF-8 "
                + "text; send it in the charset that the Content-Type names (UTF-8 when it names none)");
    }

    @Test
    void refusesACharsetTheServerDoesNotKnow() {
        SERVER.request().contentType("text/plain; charset=klingon").body("x".getBytes(StandardCharsets.UTF_8))
                .post("/acme/rs/payload")
                .then().statusCode(415).contentType("application/problem+json")
                .body("type", equalTo("urn:flowserver:problem:unsupported-media-type"))
                .body("detail", equalTo("The charset 'klingon' of the Content-Type is not supported; use UTF-8"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/octet-stream", "image/png", "multipart/form-data; boundary=x",
        "application/pdf"})
    void keepsOtherTypesAsBinary(String contentType) {
        byte[] bytes = {0, 1, 2, (byte) 0xFF, 'x'};

        SERVER.request().contentType(contentType).body(bytes)
                .post("/acme/rs/payload")
                .then().statusCode(201)
                .body("type", equalTo("string"))
                .body("payload", equalTo(Base64.getEncoder().encodeToString(bytes)));
    }

    @Test
    void passesBinaryThroughUnchanged() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }

        byte[] answer = SERVER.request().contentType("application/octet-stream").body(bytes)
                .post("/acme/rs/echo")
                .then().statusCode(201).extract().asByteArray();

        assertThat(answer).isEqualTo(bytes);
    }

    @Test
    void anEmptyBodyIsNoPayload() {
        SERVER.request().contentType("application/json").body("")
                .post("/acme/rs/payload")
                .then().statusCode(201)
                .body("type", nullValue())
                .body("payload", nullValue());
    }

    @Test
    void inboundTransformationStrategyReadsJsonAsTextInItsCharset() {
        SERVER.request().contentType("application/json").body("{\"name\": \"Zoë\"}".getBytes(StandardCharsets.ISO_8859_1))
                .post("/acme/rs/as-text")
                .then().statusCode(201)
                .body("type", equalTo("string"))
                .body("payload", equalTo("{\"name\": \"Zoë\"}"));
    }

    @Test
    void inboundTransformationStrategyKeepsJsonAsBinary() {
        SERVER.request().contentType("application/json").body("{\"a\": 1}")
                .post("/acme/rs/as-binary")
                .then().statusCode(201)
                .body("payload", equalTo(Base64.getEncoder().encodeToString("{\"a\": 1}".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void binaryNeverDecodesSoAnUnknownCharsetDoesNotMatter() {
        SERVER.request().contentType("application/json; charset=klingon").body("{}".getBytes(StandardCharsets.UTF_8))
                .post("/acme/rs/as-binary")
                .then().statusCode(201)
                .body("payload", equalTo(Base64.getEncoder().encodeToString("{}".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void inboundTransformationStrategyParsesTextAsJson() {
        SERVER.request().contentType("text/plain").body("{\"a\": [true]}")
                .post("/acme/rs/as-json")
                .then().statusCode(201)
                .body("type", equalTo("object"))
                .body("payload.a[0]", equalTo(true));
    }

    @Test
    void echoesAJsonBodyByteForByte() {
        String json = "{ \"spacing\" :  [1,2 ,3], \"unicode\": \"\\u00e9\" }";

        SERVER.request().contentType("application/json").body(json)
                .post("/acme/rs/echo")
                .then().statusCode(201).contentType("application/json")
                .body(equalTo(json));
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + SERVER.port() + path);
    }
}
