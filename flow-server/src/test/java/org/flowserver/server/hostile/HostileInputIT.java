package org.flowserver.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.flowserver.dsl.Access;
import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests crafted to break the server: malformed and truncated JSON, invalid UTF-8, huge numbers, deep nesting,
 * long strings, repeated keys, path traversal and encoded slashes, line breaks for response headers, oversized
 * bodies, unknown methods and protocol versions. Each gets its 4xx with a problem (a line break in a response header
 * is the flow's fault, a 500), and after each the server is healthy and another flow still serves.
 */
class HostileInputIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();

    private static final String PROBLEM = "application/problem+json";
    private static final String SPEC = """
            {"openapi": "3.0.3", "info": {"title": "Orders", "version": "1"},
             "paths": {
              "/orders": {"post": {"operationId": "createOrder",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object"}}}},
                "responses": {"201": {"description": "created"}}}},
              "/orders/{id}": {"get": {"operationId": "getOrder",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "found"}}}}}}
            """;

    @BeforeAll
    static void deployFlows() {
        SERVER.deployOk(Flow.define("echo", f -> f.ownerId("acme").restApi("echo-in", r -> r.access(Access.PUBLIC))));
        SERVER.deployOk(Flow.define("reader", f -> f.ownerId("acme").restApi("reader-in", r -> r.access(Access.PUBLIC))
                .map("to-reply", "{ 'type': $type(payload), 'first': properties.`http.path.1` }")));
        SERVER.deployOk(Flow.define("header-echo", f -> f.ownerId("acme")
                .restApi("header-echo-in", r -> r.access(Access.PUBLIC))
                .setExchangeProperty("echo-header", "responseHeader.X-Echo", "properties.`http.query.v`")));
        SERVER.deployOk(Flow.define("healthy", f -> f.ownerId("other").restApi("healthy-in", r -> r.access(Access.PUBLIC))
                .setPayload("to-reply", "{ 'ok': true }")));
        SERVER.uploadSpecOk("acme", "orders", SPEC);
        SERVER.deployOk(Flow.define("orders", f -> f.ownerId("acme")
                .restApi("orders-in", r -> r.apiSpecId("OpenAPIv3:orders:latest").access(Access.PUBLIC))
                .map("to-reply", "{ 'id': properties.`http.path.id` }")));
    }

    @AfterEach
    void theServerStaysHealthyAndAnotherFlowServes() {
        SERVER.request().get("/health").then().statusCode(200);
        SERVER.request().get("/other/rs/healthy").then().statusCode(200).body("ok", equalTo(true));
    }

    @Test
    void truncatedJsonIs400MalformedJson() {
        // when
        Response response = postJson("/acme/rs/reader", "{\"items\": [1, 2");

        // then
        assertProblem(response, 400, "malformed-json", "The body is not valid JSON: Unexpected end-of-input: "
                + "expected close marker for Array (start marker at [line: 1, column: 11]) (line 1, column 16)");
    }

    @Test
    void malformedJsonIs400MalformedJson() {
        // when
        Response response = postJson("/acme/rs/reader", "{\"ok\": tru}");

        // then
        assertProblem(response, 400, "malformed-json", "The body is not valid JSON: Unrecognized token 'tru': "
                + "was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') "
                + "(line 1, column 12)");
    }

    @Test
    void invalidUtf8InAJsonBodyIs400MalformedJson() {
        // when
        Response response = post("/acme/rs/echo", "application/json",
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '(', '"', '}'});

        // then
        assertProblem(response, 400, "malformed-json",
                "The body is not valid JSON: Invalid UTF-8 middle byte 0x28 (line 1, column 9)");
    }

    @Test
    void invalidUtf8InATextBodyIs400MalformedRequest() {
        // when
        Response response = post("/acme/rs/echo", "text/plain; charset=UTF-8", new byte[] {'a', (byte) 0xFF, 'b'});

        // then
        assertProblem(response, 400, "malformed-request", "The body is not valid UTF-8 text; send it in the charset "
                + "that the Content-Type names (UTF-8 when it names none)");
    }

    @Test
    void invalidUtf8InAnOpenApiBodyIs400MalformedJson() {
        // when
        Response response = post("/acme/rs/orders/orders", "application/json",
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'});

        // then
        assertProblem(response, 400, "malformed-json", "The request does not match the API spec (1 violation): "
                + "body: the body is not valid JSON: Invalid UTF-8 start byte 0xff");
    }

    @Test
    void aNumberBeyondTheRangeOfADoubleIs400() {
        // when
        Response response = postJson("/acme/rs/reader", "{\"qty\": 1e999999}");

        // then
        assertProblem(response, 400, "malformed-json", "The body is not valid JSON: the number '1e999999' is out of "
                + "range; numbers must lie within ±1.7976931348623157E308 (line 1, column 9)");
    }

    @Test
    void aHundredThousandDigitIntegerIs400() {
        // when
        Response response = postJson("/acme/rs/reader", "[" + "9".repeat(100_000) + "]");

        // then
        assertProblem(response, 400, "malformed-json", "The body is not valid JSON: a number is longer than the "
                + "limit of 1000 characters (line 1, column 100002)");
    }

    @Test
    void aNumberBeyondTheRangeOfADoubleIs400AtAnOpenApiEndpoint() {
        // when
        Response response = postJson("/acme/rs/orders/orders", "{\"qty\": 1e400}");

        // then
        assertProblem(response, 400, "invalid-request", "The request does not match the API spec (1 violation): "
                + "body /qty: the number is out of range; numbers must lie within ±1.7976931348623157E308");
    }

    @Test
    void arraysNestedAtTheLimitAreRead() {
        // when
        Response response = postJson("/acme/rs/reader", "[".repeat(200) + "]".repeat(200));

        // then
        response.then().statusCode(201).body("type", equalTo("array"));
    }

    @Test
    void arraysNestedDeeperThanTheLimitAre400() {
        // when
        Response response = postJson("/acme/rs/reader", "[".repeat(100_000) + "]".repeat(100_000));

        // then
        assertProblem(response, 400, "malformed-json", "The body is not valid JSON: arrays and objects are nested "
                + "deeper than the limit of 200 levels (line 1, column 202)");
    }

    @Test
    void arraysNestedDeeperThanTheLimitAre400AtAnOpenApiEndpoint() {
        // when
        Response response = postJson("/acme/rs/orders/orders", "{\"a\": " + "[".repeat(300) + "]".repeat(300) + "}");

        // then
        assertProblem(response, 400, "malformed-json", "The request does not match the API spec (1 violation): "
                + "body: the body is not valid JSON: arrays and objects are nested deeper than the limit of 200 levels");
    }

    @Test
    void aStringLongerThanTheLimitIs400() {
        // when
        Response response = postJson("/acme/rs/echo", "{\"note\": \"" + "x".repeat(1_000_001) + "\"}");

        // then
        assertProblem(response, 400, "malformed-json", "The body is not valid JSON: a string is longer than the "
                + "limit of 1000000 characters (line 1, column 10)");
    }

    @Test
    void aKeyTwiceInOneObjectIs400NamingIt() {
        // when
        Response response = postJson("/acme/rs/reader", "{\"amount\": 1, \"amount\": 1000000}");

        // then
        assertProblem(response, 400, "malformed-json", "The body is not valid JSON: the key 'amount' appears twice "
                + "in one object; send each key once (line 1, column 23)");
    }

    @Test
    void aKeyTwiceInOneObjectIs400NamingItAtAnOpenApiEndpoint() {
        // when
        Response response = postJson("/acme/rs/orders/orders", "{\"item\": {\"qty\": 1, \"qty\": -1}}");

        // then
        assertProblem(response, 400, "malformed-json", "The request does not match the API spec (1 violation): "
                + "body: the body is not valid JSON: the key 'qty' appears twice in one object; send each key once");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/acme/rs/echo/../../../api/flows", "/acme/rs/echo/%2e%2e/%2e%2e/%2e%2e/api/flows",
        "/acme/rs/echo/.%2E/.%2e/%2E./api/flows", "/other/rs/healthy/./../../../acme/rs/echo"})
    void aPathWithDotSegmentsIs400(String path) throws IOException {
        // when
        RawHttp.Response response = RawHttp.send(SERVER.port(), "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

        // then
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).hasValue(PROBLEM);
        assertThat(response.json().getString("type")).isEqualTo("urn:flowserver:problem:malformed-request");
        assertThat(response.json().getString("detail")).isEqualTo("The path '" + path + "' has a '.' or '..' "
                + "segment (perhaps percent-encoded); send the path with them resolved");
    }

    @Test
    void aPathWithDotSegmentsIs400BeforeTheManagementApi() throws IOException {
        // when
        RawHttp.Response response = RawHttp.send(SERVER.port(),
                "PUT /api/flows/%2e%2e/accounts/mallory HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n");

        // then
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().getString("detail")).isEqualTo("The path '/api/flows/%2e%2e/accounts/mallory' has "
                + "a '.' or '..' segment (perhaps percent-encoded); send the path with them resolved");
    }

    @Test
    void anEncodedSlashStaysInsideItsSegmentOfAGenericEndpoint() throws IOException {
        // when
        RawHttp.Response response = RawHttp.send(SERVER.port(),
                "GET /acme/rs/reader/..%2F..%2Fapi%2Fflows HTTP/1.1\r\nHost: localhost\r\n\r\n");

        // then
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().getString("first")).isEqualTo("../../api/flows");
    }

    @Test
    void anEncodedSlashStaysInsideItsPathParameter() throws IOException {
        // when
        RawHttp.Response response = RawHttp.send(SERVER.port(),
                "GET /acme/rs/orders/orders/..%2F..%2Fsecrets HTTP/1.1\r\nHost: localhost\r\n\r\n");

        // then
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().getString("id")).isEqualTo("../../secrets");
    }

    @Test
    void anEncodedSlashInAManagementIdNamesNoFlow() {
        // when
        Response response = SERVER.request().urlEncodingEnabled(false).get("/api/flows/acme%2F..%2Facme/echo");

        // then
        assertThat(response.statusCode()).isBetween(400, 404);
        response.then().contentType(PROBLEM);
    }

    @Test
    void anEncodedSlashInASpecIdIs400() {
        // when
        Response response = SERVER.request().urlEncodingEnabled(false).get("/api/specs/acme/..%2F..%2Fetc/latest");

        // then
        assertProblem(response, 400, "malformed-request", "The resourceId '../../etc' of the path does not match "
                + "[a-zA-Z][a-zA-Z0-9_-]{2,29}");
    }

    @Test
    void aNulInASpecRevisionIs400() {
        // when
        Response response = SERVER.request().urlEncodingEnabled(false).get("/api/specs/acme/orders/%00");

        // then
        assertProblem(response, 400, "malformed-request", "The revision '\u0000' of the path is neither a revision "
                + "number (1 or more) nor 'latest'");
    }

    @Test
    void aLineBreakForAResponseHeaderIsNeverSent() throws IOException {
        // when
        RawHttp.Response response = RawHttp.send(SERVER.port(),
                "GET /acme/rs/header-echo?v=a%0D%0AInjected:%20yes HTTP/1.1\r\nHost: localhost\r\n\r\n");

        // then: the flow made a header HTTP cannot carry, which is its fault, not the caller's
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.headers()).doesNotContainKey("injected");
        assertThat(response.header("X-Echo")).isEmpty();
        assertThat(response.json().getString("type")).isEqualTo("urn:flowserver:problem:invalid-response");
    }

    @Test
    void aBodyDeclaredLargerThanTheLimitIs413BeforeItIsSent() throws IOException {
        // when
        RawHttp.Response response = RawHttp.send(SERVER.port(), "POST /acme/rs/echo HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n{");

        // then
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().getString("type")).isEqualTo("urn:flowserver:problem:payload-too-large");
    }

    @Test
    void aBodyLargerThanTheLimitIs413() {
        // when
        Response response = post("/acme/rs/echo", "application/octet-stream", new byte[10 * 1024 * 1024 + 1]);

        // then
        assertProblem(response, 413, "payload-too-large", "The request body is larger than the limit of this "
                + "endpoint (10485760 bytes)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"FOO", "PROPFIND", "CONNECT", "M-SEARCH"})
    void anUnknownMethodIs405WithAllowAtAGenericEndpoint(String method) throws IOException {
        // when
        RawHttp.Response response = RawHttp.send(SERVER.port(), method + " /acme/rs/echo HTTP/1.1\r\n"
                + "Host: localhost\r\n\r\n");

        // then
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).hasValue("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, TRACE");
        assertThat(response.json().getString("detail")).isEqualTo("The method " + method + " is not allowed on flow "
                + "'echo'; it allows GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, TRACE");
    }

    @Test
    void anUnknownMethodIs405WithAllowAtAnOpenApiEndpoint() throws IOException {
        // when
        RawHttp.Response response = RawHttp.send(SERVER.port(), "PROPFIND /acme/rs/orders/orders/7 HTTP/1.1\r\n"
                + "Host: localhost\r\n\r\n");

        // then
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).hasValue("GET, HEAD");
        assertThat(response.json().getString("type")).isEqualTo("urn:flowserver:problem:method-not-allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/api/flows", "/heartbeat/"})
    void anUnknownMethodIs4xxOnTheServersOwnPaths(String path) throws IOException {
        // when
        RawHttp.Response response = RawHttp.send(SERVER.port(), "FOO " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

        // then: 405 with Allow, or 401 where the caller must log in first
        assertThat(response.status()).isIn(401, 405);
        assertThat(response.header("Content-Type")).hasValue(PROBLEM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/2.0", "HTTP/1.2", "HTTQ/1.1"})
    void anotherProtocolVersionIs400(String version) throws IOException {
        // when
        RawHttp.Response response = RawHttp.send(SERVER.port(), "GET /other/rs/healthy " + version + "\r\n"
                + "Host: localhost\r\n\r\n");

        // then
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Connection")).hasValue("close");
        assertThat(response.json().getString("detail")).isEqualTo("The request line names a protocol version other "
                + "than HTTP/1.1 and HTTP/1.0, the versions this server speaks");
    }

    @Test
    void aMissingHeartbeatFileIs404() {
        // when
        Response response = SERVER.request().get("/heartbeat/no-such-file.js");

        // then
        assertProblem(response, 404, "not-found", "Nothing is at '/heartbeat/no-such-file.js'");
    }

    @Test
    void aBodyThatStopsShortOfItsLengthIsAnsweredWhenTheClientGivesUp() throws IOException {
        // when: the client promises 100 bytes, sends 2 and closes
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", SERVER.port())) {
            socket.getOutputStream().write(("POST /acme/rs/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                    + "application/json\r\nContent-Length: 100\r\n\r\n{}").getBytes(StandardCharsets.ISO_8859_1));
        }

        // then: nothing is left waiting (the checks after each test call the server again)
        assertThat(RawHttp.send(SERVER.port(), "GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(
                StandardCharsets.ISO_8859_1), false, Duration.ofSeconds(5)).status()).isEqualTo(200);
    }

    private static Response postJson(String path, String json) {
        return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static Response post(String path, String contentType, byte[] body) {
        return SERVER.request().contentType(contentType).body(body).post(path);
    }

    private static void assertProblem(Response response, int status, String type, String detail) {
        response.then().statusCode(status).contentType(PROBLEM)
                .body("type", equalTo("urn:flowserver:problem:" + type))
                .body("detail", equalTo(detail));
    }
}
