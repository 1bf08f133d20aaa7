package org.flowserver.server.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The exchange properties a generic restApi source sets (DESIGN.md §4.3), observed over HTTP. */
class ExchangePropertiesIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();

    private static final HttpClient HTTP_1_1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Answers with every exchange property the flow sees. */
    private static final String SHOW_PROPERTIES = "{ 'properties': properties }";

    @BeforeAll
    static void deployFlows() {
        SERVER.deployOk(Flow.define("inspect", f -> f.ownerId("acme")
                .restApi("inspect-in")
                .map("show", SHOW_PROPERTIES)));
        SERVER.deployOk(Flow.define("custom", f -> f.ownerId("acme")
                .restApi("custom-in", r -> r.exchangeProperties("tenant=acme\nhttp.method=set-by-the-flow"))
                .map("show", m -> m.mapSpec("{ 'properties': properties, 'greeting': properties.greeting }")
                        .exchangeProperty("greeting", "hello from the step"))));
    }

    @Test
    void setsProtocolMethodAndRequestUri() {
        JsonPath properties = properties(SERVER.request().get("/acme/rs/inspect/a/b?x=1"));

        assertThat(properties.getString("'http.protocol'")).isEqualTo("HTTP/1.1");
        assertThat(properties.getString("'http.method'")).isEqualTo("GET");
        assertThat(properties.getString("'http.requestUri'")).isEqualTo("/acme/rs/inspect/a/b?x=1");
    }

    @Test
    void reportsHttp2ForAnHttp2Request() throws Exception {
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();

        HttpResponse<String> response = http2.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + SERVER.port() + "/acme/rs/inspect")).header("Authorization", SERVER.tester()).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(JsonPath.from(response.body()).getString("properties.'http.protocol'")).isEqualTo("HTTP/2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"})
    void acceptsEveryMethod(String method) {
        SERVER.request().request(method, "/acme/rs/inspect/any/path")
                .then().statusCode(method.equals("POST") ? 201 : 200)
                .body("properties.'http.method'", equalTo(method));
    }

    @Test
    void answersHeadWithoutABody() {
        SERVER.request().head("/acme/rs/inspect")
                .then().statusCode(200).body(equalTo(""));
    }

    @Test
    void setsPathSegmentsInOrder() {
        SERVER.request().get("/acme/rs/inspect/one/two/three")
                .then().statusCode(200)
                .body("properties.'http.path.1'", equalTo("one"))
                .body("properties.'http.path.2'", equalTo("two"))
                .body("properties.'http.path.3'", equalTo("three"))
                .body("properties", not(hasKey("http.path.4")));
    }

    @Test
    void decodesPathSegmentsAfterSplitting() {
        SERVER.request().urlEncodingEnabled(false).get("/acme/rs/inspect/one%20two/a%2Fb")
                .then().statusCode(200)
                .body("properties.'http.path.1'", equalTo("one two"))
                .body("properties.'http.path.2'", equalTo("a/b"))
                .body("properties", not(hasKey("http.path.3")));
    }

    @Test
    void trailingSlashAddsNoSegment() {
        SERVER.request().get("/acme/rs/inspect/one/")
                .then().statusCode(200)
                .body("properties.'http.path.1'", equalTo("one"))
                .body("properties", not(hasKey("http.path.2")));
    }

    @Test
    void basePathHasNoSegments() {
        SERVER.request().get("/acme/rs/inspect")
                .then().statusCode(200)
                .body("properties", not(hasKey("http.path.1")));
    }

    @Test
    void refusesAPathSegmentThatIsNotValidUtf8() {
        SERVER.request().urlEncodingEnabled(false).get("/acme/rs/inspect/ok/%FF%FE")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:flowserver:problem:malformed-request"))
                .body("detail", equalTo("Path segment 2 '%FF%FE' cannot be decoded: the percent-escapes do not "
                        + "encode valid UTF-8 text"))
                .body("errors[0].location", equalTo("path"));
    }

    @Test
    void setsHeadersUnderTheirUsualCapitalisation() {
        SERVER.request().header("x-custom-id", "7").header("ACCEPT-LANGUAGE", "fi").get("/acme/rs/inspect")
                .then().statusCode(200)
                .body("properties.'http.header.X-Custom-Id'", equalTo("7"))
                .body("properties.'http.header.Accept-Language'", equalTo("fi"));
    }

    @Test
    void keepsEveryValueOfARepeatedHeaderInArrivalOrder() throws Exception {
        HttpResponse<String> response = HTTP_1_1.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + SERVER.port() + "/acme/rs/inspect"))
                .header("Authorization", SERVER.tester()).header("X-Tag", "first").header("X-Tag", "second").header("X-Tag", "third").GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JsonPath.from(response.body()).getList("properties.'http.header.X-Tag'"))
                .containsExactly("first", "second", "third");
    }

    @Test
    void setsQueryParametersDecoded() {
        SERVER.request().urlEncodingEnabled(false).get("/acme/rs/inspect?k1=v1&q=a%20b+c&empty=")
                .then().statusCode(200)
                .body("properties.'http.query.k1'", equalTo("v1"))
                .body("properties.'http.query.q'", equalTo("a b c"))
                .body("properties.'http.query.empty'", equalTo(""));
    }

    @Test
    void refusesAQueryStringThatIsNotValidUtf8() {
        SERVER.request().urlEncodingEnabled(false).get("/acme/rs/inspect?name=%FF")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:flowserver:problem:malformed-request"))
                .body("detail", equalTo("The query string field 'name=%FF' cannot be decoded: the percent-escapes do "
                        + "not encode valid UTF-8 text"))
                .body("errors[0].location", equalTo("query"));
    }

    @Test
    void onlyAmpersandSeparatesQueryParameters() {
        SERVER.request().urlEncodingEnabled(false).get("/acme/rs/inspect?a=1;b=2")
                .then().statusCode(200)
                .body("properties.'http.query.a'", equalTo("1;b=2"))
                .body("properties", not(hasKey("http.query.b")));
    }

    @Test
    void keepsEveryQueryParameterHoweverMany() throws Exception {
        String query = "x&".repeat(1100);

        HttpResponse<String> response = HTTP_1_1.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + SERVER.port() + "/acme/rs/inspect?" + query)).header("Authorization", SERVER.tester()).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JsonPath.from(response.body()).getList("properties.'http.query.x'")).hasSize(1100);
    }

    @Test
    void keepsEveryValueOfARepeatedQueryParameterInArrivalOrder() {
        SERVER.request().urlEncodingEnabled(false).get("/acme/rs/inspect?k1=v1&other=x&k1=v2")
                .then().statusCode(200)
                .body("properties.'http.query.k1'", contains("v1", "v2"))
                .body("properties.'http.query.other'", equalTo("x"));
    }

    @Test
    void setsContentTypeShorthandAndEntitySize() {
        SERVER.request().contentType("application/json; charset=UTF-8").body("{\"a\": 1}")
                .post("/acme/rs/inspect")
                .then().statusCode(201)
                .body("properties.contentType", equalTo("application/json; charset=UTF-8"))
                .body("properties.'http.header.Content-Type'", equalTo("application/json; charset=UTF-8"))
                .body("properties.inboundEntityByteSize", equalTo(8));
    }

    @Test
    void leavesOutEntitySizeWhenTheBodyIsChunked() throws Exception {
        HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SERVER.port() + "/acme/rs/inspect"))
                .header("Authorization", SERVER.tester()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream("{\"a\": 1}".getBytes())))
                .build();

        HttpResponse<String> response = HTTP_1_1.send(chunked, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        Map<String, Object> properties = JsonPath.from(response.body()).getMap("properties");
        assertThat(properties).containsEntry("http.header.Transfer-Encoding", "chunked")
                .doesNotContainKey("inboundEntityByteSize");
    }

    @Test
    void leavesOutContentTypeAndEntitySizeWithoutAnEntity() {
        SERVER.request().get("/acme/rs/inspect")
                .then().statusCode(200)
                .body("properties", not(hasKey("contentType")))
                .body("properties", not(hasKey("inboundEntityByteSize")));
    }

    @Test
    void addsTheSourcesExchangePropertiesReplacingSameNamedOnes() {
        SERVER.request().get("/acme/rs/custom")
                .then().statusCode(200)
                .body("properties.tenant", equalTo("acme"))
                .body("properties.'http.method'", equalTo("set-by-the-flow"));
    }

    @Test
    void setsAProcessorsExchangePropertiesBeforeItRuns() {
        SERVER.request().get("/acme/rs/custom")
                .then().statusCode(200)
                .body("greeting", equalTo("hello from the step"));
    }

    private static JsonPath properties(io.restassured.response.Response response) {
        response.then().statusCode(200);
        return JsonPath.from(response.asString()).setRootPath("properties");
    }
}
