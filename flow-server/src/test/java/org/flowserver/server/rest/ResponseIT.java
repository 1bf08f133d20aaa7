package org.flowserver.server.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.containsString;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.restassured.http.Header;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.flowserver.server.LogCapture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the generic endpoint answers (the seed's Responses section and DESIGN.md §4.3). */
class ResponseIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();

    private static final String RESPONDER_LOGGER = "org.flowserver.processors.rest.RestResponder";

    @BeforeAll
    static void deployFlows() {
        SERVER.deployOk(Flow.define("echo", f -> f.ownerId("acme").restApi("echo-in")));
        SERVER.deployOk(Flow.define("status", f -> f.ownerId("acme").restApi("status-in")
                .setExchangeProperty("set-code", "httpResponseCode", "properties.`http.query.code`")));
        SERVER.deployOk(Flow.define("numeric", f -> f.ownerId("acme").restApi("numeric-in")
                .setExchangeProperty("set-code", "httpResponseCode", "202")));
        SERVER.deployOk(Flow.define("headers", f -> f.ownerId("acme").restApi("headers-in")
                .setExchangeProperty("order-id", "responseHeader.X-Order-Id", "'A-1'")
                .setExchangeProperty("multi", "responseHeader.X-Multi", "['first', 'second']")
                .setExchangeProperty("number", "responseHeader.X-Count", "42")
                .setExchangeProperty("cache", "responseHeader.Cache-Control", "'no-store'")
                .setExchangeProperty("length", "responseHeader.Content-Length", "'999'")));
        SERVER.deployOk(Flow.define("xml", f -> f.ownerId("acme").restApi("xml-in")
                .setPayload("to-xml", "'<order id=\"1\"/>'")
                .setExchangeProperty("xml-type", "responseHeader.Content-Type", "'application/xml;charset=UTF-8'")));
        SERVER.deployOk(Flow.define("latin", f -> f.ownerId("acme")
                .restApi("latin-in", r -> r.responseConversionCharacterSet("ISO-8859-1"))
                .setExchangeProperty("text-type", "responseHeader.Content-Type", "'text/plain; charset=UTF-8'")));
        SERVER.deployOk(Flow.define("utf8", f -> f.ownerId("acme").restApi("utf8-in")
                .setExchangeProperty("text-type", "responseHeader.Content-Type", "'text/plain; charset=ISO-8859-1'")));
        SERVER.deployOk(Flow.define("injection", f -> f.ownerId("acme").restApi("injection-in")
                .setExchangeProperty("bad-header", "responseHeader.X-Bad", "'a\\r\\nInjected: yes'")));
        SERVER.deployOk(Flow.define("fails", f -> f.ownerId("acme").restApi("fails-in")
                .map("explode", "$error('secret failure detail')")));
        SERVER.deployOk(Flow.define("filtered", f -> f.ownerId("acme").restApi("filtered-in")
                .filter("only-kept", "payload.keep = true")
                .setPayload("after-filter", "{ 'passed': true }")));
        SERVER.deployOk(Flow.define("latin-text", f -> f.ownerId("acme").restApi("latin-text-in")
                .setPayload("to-text", "'Grüße'")
                .setExchangeProperty("text-type", "responseHeader.Content-Type", "'text/plain; charset=ISO-8859-1'")));
        SERVER.deployOk(Flow.define("latin-json", f -> f.ownerId("acme").restApi("latin-json-in")
                .setPayload("to-tree", "{ 'greeting': 'Grüße' }")
                .setExchangeProperty("json-type", "responseHeader.Content-Type",
                        "'application/json; charset=ISO-8859-1'")));
        SERVER.deployOk(Flow.define("no-content", f -> f.ownerId("acme").restApi("no-content-in")
                .setExchangeProperty("set-code", "httpResponseCode", "204")));
        SERVER.deployOk(Flow.define("mapped", f -> f.ownerId("acme").restApi("mapped-in")
                .log("log-it", l -> l.expression("'received ' & payload.name"))
                .map("to-reply", "{ 'greeting': 'Hello ' & payload.name }")));
    }

    @Test
    void answers201ToPost() {
        SERVER.request().contentType("application/json").body("{}").post("/acme/rs/echo").then().statusCode(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "PATCH", "DELETE", "OPTIONS"})
    void answers200ToEveryOtherMethod(String method) {
        SERVER.request().contentType("application/json").body("{}").request(method, "/acme/rs/echo")
                .then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"200", "202", "301", "404", "418", "500", "599"})
    void httpResponseCodeSetsTheStatus(String code) {
        SERVER.request().redirects().follow(false).get("/acme/rs/status?code=" + code)
                .then().statusCode(Integer.parseInt(code));
    }

    @Test
    void acceptsANumericHttpResponseCode() {
        SERVER.request().contentType("application/json").body("{}").post("/acme/rs/numeric").then().statusCode(202);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "99", "600", "202.5", "100", "-200"})
    void anInvalidHttpResponseCodeGives500AndAnErrorLog(String code) {
        try (LogCapture log = LogCapture.of(RESPONDER_LOGGER, Level.ERROR)) {
            SERVER.request().get("/acme/rs/status?code=" + code)
                    .then().statusCode(500).contentType("application/problem+json")
                    .body("type", equalTo("urn:flowserver:problem:invalid-response"))
                    .body("detail", startsWith("The flow produced a response that cannot be sent; the server log "
                            + "has the details under messageId "))
                    .body("detail", not(containsString("'" + code + "'")));

            assertThat(log.events()).extracting(ILoggingEvent::getLevel).containsExactly(Level.ERROR);
            assertThat(log.events().get(0).getFormattedMessage()).isEqualTo("Exchange property 'httpResponseCode' "
                    + "is '" + code + "'; it must be an integer from 200 to 599 (1xx codes cannot end a response)");
        }
    }

    @Test
    void responseHeaderPropertiesBecomeHeaders() {
        Response response = SERVER.request().get("/acme/rs/headers");

        response.then().statusCode(200)
                .header("X-Order-Id", "A-1")
                .header("X-Count", "42")
                .header("Cache-Control", "no-store");
        assertThat(response.headers().getValues("X-Multi")).containsExactly("first", "second");
    }

    @Test
    void aFlowCannotSetFramingHeaders() {
        SERVER.request().get("/acme/rs/headers")
                .then().statusCode(200).header("Content-Length", not(equalTo("999")));
    }

    @Test
    void contentTypeDefaultsToJson() {
        SERVER.request().contentType("application/json").body("{\"a\": 1}").post("/acme/rs/echo")
                .then().statusCode(201).header("Content-Type", "application/json");
    }

    @Test
    void contentTypeIsJsonAlsoWithoutABody() {
        SERVER.request().get("/acme/rs/echo")
                .then().statusCode(200).header("Content-Type", "application/json").body(equalTo(""));
    }

    @Test
    void status204HasNoContentType() {
        SERVER.request().contentType("application/json").body("{\"a\": 1}").post("/acme/rs/no-content")
                .then().statusCode(204).header("Content-Type", (String) null);
    }

    @Test
    void contentTypeFollowsTheResponseHeaderProperty() {
        SERVER.request().get("/acme/rs/xml")
                .then().statusCode(200)
                .header("Content-Type", "application/xml;charset=UTF-8")
                .body(equalTo("<order id=\"1\"/>"));
    }

    @Test
    void responseConversionCharacterSetDecodesABinaryPayload() {
        byte[] latin1 = "café".getBytes(StandardCharsets.ISO_8859_1);

        byte[] answer = SERVER.request().contentType("application/octet-stream").body(latin1).post("/acme/rs/latin")
                .then().statusCode(201).header("Content-Type", "text/plain; charset=UTF-8").extract().asByteArray();

        assertThat(answer).isEqualTo("café".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void binaryIsDecodedAsUtf8ByDefaultAndWrittenInTheResponsesCharset() {
        byte[] utf8 = "café".getBytes(StandardCharsets.UTF_8);

        byte[] answer = SERVER.request().contentType("application/octet-stream").body(utf8).post("/acme/rs/utf8")
                .then().statusCode(201).extract().asByteArray();

        assertThat(answer).isEqualTo("café".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void writesTextInTheResponsesCharset() {
        byte[] answer = SERVER.request().get("/acme/rs/latin-text").then().statusCode(200).extract().asByteArray();

        assertThat(answer).isEqualTo("Grüße".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void writesJsonInTheResponsesCharset() {
        byte[] answer = SERVER.request().get("/acme/rs/latin-json").then().statusCode(200).extract().asByteArray();

        assertThat(answer).isEqualTo("{\"greeting\":\"Grüße\"}".getBytes(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/acme/rs/echo|{bad", "/acme/rs/missing|{}", "/acme/rs/fails|{}",
        "/acme/rs/status?code=abc|{}"})
    void noRequestHeaderAppearsInAnErrorResponse(String call) {
        String[] parts = call.split("\\|");

        Response response = SERVER.request()
                .header("X-Leak", "request-header").header("Cookie", "session=abc")
                .contentType("application/json").body(parts[1])
                .post(parts[0]);

        assertThat(response.statusCode()).isBetween(400, 599);
        assertThat(response.headers().asList().stream().map(header -> header.getName().toLowerCase(Locale.ROOT)))
                .contains("content-type", "content-length")
                .isSubsetOf("content-type", "content-length", "x-message-id", "x-correlation-id");
    }

    @Test
    void noRequestHeaderOrQueryParameterAppearsInTheResponse() {
        Response response = SERVER.request()
                .header("X-Leak", "request-header")
                .header("Authorization", SERVER.tester())
                .header("Cookie", "session=abc")
                .header("Accept-Language", "fi")
                .queryParam("secret", "query-value")
                .contentType("application/json").body("{\"a\": 1}")
                .post("/acme/rs/echo");

        response.then().statusCode(201);
        Set<String> names = response.headers().asList().stream().map(Header::getName)
                .map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        assertThat(names).containsExactlyInAnyOrder("content-type", "content-length", "x-message-id", "x-correlation-id");
        List<String> values = response.headers().asList().stream().map(Header::getValue).toList();
        assertThat(values).noneMatch(value -> value.contains("request-header") || value.contains("query-value")
                || value.contains("session") || value.contains(SERVER.tester().substring("Basic ".length())));
    }

    @Test
    void aHeaderValueWithALineBreakGives500AndAnErrorLog() {
        try (LogCapture log = LogCapture.of(RESPONDER_LOGGER, Level.ERROR)) {
            SERVER.request().get("/acme/rs/injection")
                    .then().statusCode(500)
                    .header("Injected", (String) null)
                    .body("type", equalTo("urn:flowserver:problem:invalid-response"));

            assertThat(log.events()).singleElement().extracting(ILoggingEvent::getFormattedMessage)
                    .isEqualTo("Exchange property 'responseHeader.X-Bad' has a value with a control character "
                            + "(code 13); header values cannot contain line breaks or other control characters");
        }
    }

    @Test
    void aFailingProcessorGives500WithoutExceptionText() {
        try (LogCapture log = LogCapture.of("org.flowserver.processors.rest.RestSource", Level.ERROR)) {
            Response response = SERVER.request().get("/acme/rs/fails");

            response.then().statusCode(500).contentType("application/problem+json")
                    .body("type", equalTo("urn:flowserver:problem:processing-failed"))
                    .body("title", equalTo("Processing failed"));
            assertThat(response.asString()).doesNotContain("secret failure detail").doesNotContain("Exception");
            assertThat(log.events()).singleElement().satisfies(event -> {
                assertThat(event.getFormattedMessage()).startsWith("Processor 'explode' (map) failed: ");
                assertThat(event.getKeyValuePairs()).anySatisfy(pair -> {
                    assertThat(pair.key).isEqualTo("processor");
                    assertThat(pair.value).isEqualTo("explode");
                });
            });
        }
    }

    @Test
    void aFilteredOutMessageAnswersWithThePayloadAtTheFilter() {
        SERVER.request().contentType("application/json").body("{\"keep\": false}").post("/acme/rs/filtered")
                .then().statusCode(201).body("keep", equalTo(false)).body("passed", equalTo(null));
        SERVER.request().contentType("application/json").body("{\"keep\": true}").post("/acme/rs/filtered")
                .then().statusCode(201).body("passed", equalTo(true));
    }

    @Test
    void status204HasNoBody() {
        SERVER.request().contentType("application/json").body("{\"a\": 1}").post("/acme/rs/no-content")
                .then().statusCode(204).body(equalTo(""));
    }

    @Test
    void mapsThePayloadAndLogsWithoutChangingIt() {
        try (LogCapture log = LogCapture.of("org.flowserver.flow.log", Level.INFO)) {
            SERVER.request().contentType("application/json").body("{\"name\": \"Ada\"}").post("/acme/rs/mapped")
                    .then().statusCode(201).body("greeting", equalTo("Hello Ada"));

            assertThat(log.events()).singleElement().extracting(ILoggingEvent::getFormattedMessage)
                    .isEqualTo("received Ada");
        }
    }
}
