package org.flowserver.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import ch.qos.logback.classic.Level;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.flowserver.dsl.Access;
import org.flowserver.dsl.Flow;
import org.flowserver.dsl.OnError;
import org.flowserver.dsl.RestOutput;
import org.flowserver.processors.outbound.LoopbackServer;
import org.flowserver.processors.outbound.LoopbackServer.Answer;
import org.flowserver.server.FlowServerExtension;
import org.flowserver.server.LogCapture;
import org.flowserver.server.failures.Traced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code restRequest} end to end: flows deployed over the management API call real loopback back ends, through
 * services and secrets of the server's outbound config.
 */
class RestRequestIT {

    private static final Vertx VERTX = Vertx.vertx();
    private static final LoopbackServer BACKEND = LoopbackServer.start(VERTX);
    private static final LoopbackServer IDENTITY = LoopbackServer.start(VERTX);
    private static final String CRM_TOKEN = "crm-token-value-7f3a";
    private static final String IDP_SECRET = "idp-client-secret-9c1e";
    private static final String ACCESS_TOKEN = "access-token-from-idp-42";

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.with(config -> config.toBuilder()
            .outboundConfig(Optional.of(outboundConfig())).build());

    @BeforeAll
    static void deploy() {
        SERVER.deployOk(Flow.define("parts", f -> f.ownerId("acme").restApi("in-rest", r -> r.access(Access.PUBLIC))
                .restRequest("call", r -> r.scheme("http").hostname("127.0.0.1").port(BACKEND.port())
                        .basePath("anything").path("some/path").queryParameter("query", "parameter"))));
        SERVER.deployOk(Flow.define("customer", f -> f.ownerId("acme").restApi("in-rest", r -> r.access(Access.PUBLIC))
                .restRequest("get-customer", r -> r.service("crm").path("customers/{payload.id}")
                        .header("X-Service", "call").queryParameter("expand", "addresses"))));
        SERVER.deployOk(Flow.define("plain", f -> f.ownerId("acme").restApi("in-rest", r -> r.access(Access.PUBLIC))
                .restRequest("get-customer", r -> r.service("crm").path("customers/8").header("X-Service", "")
                        .queryParameter("api-version", ""))));
        SERVER.deployOk(Flow.define("by-scheme", f -> f.ownerId("acme").restApi("in-rest", r -> r.access(Access.PUBLIC))
                .restRequest("get-customer", r -> r.url("crm://customers/7"))));
        SERVER.deployOk(Flow.define("upload", f -> f.ownerId("acme").restApi("in-rest", r -> r.access(Access.PUBLIC))
                .restRequest("upload", r -> r.url(BACKEND.url("/post"))
                        .multipart(m -> m.contentType("application/my-custom-content-type")
                                .boundary("my-custom-boundary")
                                .part("string-field", p -> p.value("<pre>spam & eggs</pre>").contentType("text/html")
                                        .contentDisposition(false).contentLength(false))
                                .part("file", p -> p.filename("report.txt").content("payload")
                                        .contentDisposition("form-data; filename=\"report.txt\""))))));
        SERVER.deployOk(Flow.define("dlq", f -> f.ownerId("acme").handoffSource("dlq-in")
                .setPayload("keep", s -> s.source("payload").payloadArchivingStrategy(a -> a.archiveAfter(false)))));
        SERVER.deployOk(Flow.define("breaks", f -> f.ownerId("acme").restApi("in-rest", r -> r.access(Access.PUBLIC))
                .restRequest("lookup", r -> r.url(BACKEND.url("/missing")).retryPolicy(p -> p.deadline(Duration.ZERO)))
                .deadLetterStrategy("dlq")));
        SERVER.deployOk(Flow.define("goes-on", f -> f.ownerId("acme").restApi("in-rest", r -> r.access(Access.PUBLIC))
                .restRequest("lookup", r -> r.url(BACKEND.url("/missing")).onError(OnError.CONTINUE))
                .map("reply", "{ 'ok': properties.'restResponse.ok', 'status': properties.'restResponse.statusCode',"
                        + " 'error': properties.'restResponse.error.type', 'body': payload }")));
        SERVER.deployOk(Flow.define("etag", f -> f.ownerId("acme").restApi("in-rest", r -> r.access(Access.PUBLIC))
                .restRequest("fetch", r -> r.url(BACKEND.url("/doc")).forwardResponseHeader("ETag"))));
        SERVER.deployOk(Flow.define("envelope", f -> f.ownerId("acme").restApi("in-rest", r -> r.access(Access.PUBLIC))
                .restRequest("fetch", r -> r.url(BACKEND.url("/doc")).output(RestOutput.ENVELOPE))));
        SERVER.deployOk(Flow.define("cached", f -> f.ownerId("acme").restApi("in-rest", r -> r.access(Access.PUBLIC))
                .restRequest("fetch", r -> r.url(BACKEND.url("/rates")).cache(c -> c.ttl(Duration.ofMinutes(5))))
                .map("reply", "{ 'rates': payload, 'fromCache': properties.'restResponse.fromCache' }")));
        SERVER.deployOk(Flow.define("described", f -> f.ownerId("acme").restApi("in-rest", r -> r.access(Access.PUBLIC))
                .restRequest("fetch", r -> r.url(BACKEND.url("/text")))
                .map("reply", "{ 'text': payload, 'status': properties.'restResponse.statusCode',"
                        + " 'ok': properties.'restResponse.ok', 'repeated': properties.'restResponse.header.X-Rep',"
                        + " 'cookie': properties.'restResponse.cookie.session',"
                        + " 'encoding': properties.'restResponse.encoding', 'url': properties.'restResponse.url',"
                        + " 'attempts': properties.'restResponse.attempts',"
                        + " 'fromCache': properties.'restResponse.fromCache',"
                        + " 'processorId': properties.'restResponse.processorId' }")));
        SERVER.deployOk(Flow.define("exhausts", f -> f.ownerId("acme").restApi("in-rest", r -> r.access(Access.PUBLIC))
                .restRequest("flaky", r -> r.url(BACKEND.url("/flaky"))
                        .retryPolicy(p -> p.initial(Duration.ofSeconds(1)).deadline(Duration.ofMillis(1500))))
                .redeliveryPolicy(p -> p.maxAttempts(3).initialDelay(Duration.ofMillis(10)))));
        SERVER.deployOk(Flow.define("oauth", f -> f.ownerId("acme").restApi("in-rest", r -> r.access(Access.PUBLIC))
                .restRequest("call", r -> r.service("secured").path("orders"))));
    }

    @AfterAll
    static void stopBackends() {
        BACKEND.close();
        IDENTITY.close();
        VERTX.close();
    }

    @Test
    void theSeedsUrlFromPartsReachesTheBackendAndItsJsonBecomesThePayload() {
        // given
        BACKEND.answer(Answer.json(200, "{\"seen\": true}"));

        // when
        Response response = SERVER.anonymous().get("/acme/rs/parts");

        // then
        response.then().statusCode(200).body("seen", equalTo(true));
        assertThat(BACKEND.last().method()).isEqualTo("GET");
        assertThat(BACKEND.last().uri()).isEqualTo("/anything/some/path?query=parameter");
    }

    @Test
    void aServiceCallMergesTheServicesHeadersAndQueryUnderTheCallsAndAddsTheServicesCredentials() {
        // given
        BACKEND.answer(Answer.json(200, "{\"name\": \"Ada\"}"));

        // when
        Response response = SERVER.anonymous().contentType("application/json").body("{\"id\": \"a/b\"}")
                .post("/acme/rs/customer");

        // then
        response.then().statusCode(201).body("name", equalTo("Ada"));
        LoopbackServer.Received received = BACKEND.last();
        assertThat(received.method()).isEqualTo("GET");
        assertThat(received.uri()).isEqualTo("/api/customers/a%2Fb?api-version=2&expand=addresses");
        assertThat(received.header("Authorization")).isEqualTo("Bearer " + CRM_TOKEN);
        assertThat(received.header("Accept")).isEqualTo("application/json");
        assertThat(received.headers().getAll("X-Service")).containsExactly("call");
    }

    @Test
    void anEmptyValueInTheCallRemovesTheServicesHeaderAndQueryParameter() {
        // given
        BACKEND.answer(Answer.json(200, "{\"id\": 8}"));

        // when
        Response response = SERVER.anonymous().get("/acme/rs/plain");

        // then
        response.then().statusCode(200).body("id", equalTo(8));
        assertThat(BACKEND.last().uri()).isEqualTo("/api/customers/8");
        assertThat(BACKEND.last().headers().contains("X-Service")).isFalse();
        assertThat(BACKEND.last().header("Accept")).isEqualTo("application/json");
    }

    @Test
    void aServiceSchemeUrlCallsTheService() {
        // given
        BACKEND.answer(Answer.json(200, "{\"id\": 7}"));

        // when
        Response response = SERVER.anonymous().get("/acme/rs/by-scheme");

        // then
        response.then().statusCode(200).body("id", equalTo(7));
        assertThat(BACKEND.last().uri()).isEqualTo("/api/customers/7?api-version=2");
    }

    @Test
    void anUnknownServiceIsRefusedAtDeployNamingTheServicesTheOwnerMayCall() {
        // when
        Response response = SERVER.deploy(Flow.define("lost", f -> f.ownerId("acme").restApi("in-rest")
                .restRequest("call", r -> r.service("erp").path("x"))));

        // then
        response.then().statusCode(400).body("detail", equalTo("Flow 'lost' is invalid (1 problem): "
                + "processors[1].service 'erp' is not a service of this server; the services owner 'acme' may call "
                + "are crm, poster, secured"));
    }

    @Test
    void aUrlWhoseSchemeIsNeitherHttpNorAServiceIsRefusedAtDeploy() {
        // when
        Response response = SERVER.deploy(Flow.define("ftp", f -> f.ownerId("acme").restApi("in-rest")
                .restRequest("call", r -> r.url("ftp://files.example.com/report"))));

        // then
        response.then().statusCode(400).body("detail", equalTo("Flow 'ftp' is invalid (1 problem): "
                + "processors[1].url has scheme 'ftp', which is neither http, https nor a service of this server; "
                + "the services owner 'acme' may call are crm, poster, secured"));
    }

    @Test
    void aServiceOfOtherOwnersIsRefusedAtDeploy() {
        // when
        Response response = SERVER.deploy(Flow.define("billing", f -> f.ownerId("acme").restApi("in-rest")
                .restRequest("call", r -> r.service("BILLING"))));

        // then
        response.then().statusCode(400).body("detail", equalTo("Flow 'billing' is invalid (1 problem): "
                + "processors[1].service service 'billing' does not serve owner 'acme'; the services owner 'acme' "
                + "may call are crm, poster, secured (a service's owners are set in the server's outbound-config)"));
    }

    @Test
    void aSecretTheOwnerMayNotUseIsRefusedAtDeploy() {
        // when
        Response response = SERVER.deploy(Flow.define("borrow", f -> f.ownerId("acme").restApi("in-rest")
                .restRequest("call", r -> r.url(BACKEND.url("/x")).auth(a -> a.bearer("crm-token")))));

        // then
        response.then().statusCode(400).body("detail", equalTo("Flow 'borrow' is invalid (1 problem): "
                + "processors[1].auth.tokenSecretName secret 'crm-token' may not be used by flows of owner 'acme'; "
                + "the server's outbound-config must list the owner in the secret's owners"));
    }

    @Test
    void aBodyToAServiceWhoseMethodSendsNoneIsRefusedAtDeploy() {
        // when
        Response response = SERVER.deploy(Flow.define("get-body", f -> f.ownerId("acme").restApi("in-rest")
                .restRequest("call", r -> r.service("crm").body("payload"))));

        // then
        response.then().statusCode(400).body("detail", equalTo("Flow 'get-body' is invalid (1 problem): "
                + "processors[1].body is sent with GET (the method of service 'crm'), which sends no body; set the "
                + "call's method"));
    }

    @Test
    void aCacheOnACallThatTakesItsServicesPostIsRefusedAtDeploy() {
        // when
        Response response = SERVER.deploy(Flow.define("post-cache", f -> f.ownerId("acme").restApi("in-rest")
                .restRequest("call", r -> r.service("poster").cache(c -> c.ttl(Duration.ofMinutes(1))))));

        // then
        response.then().statusCode(400).body("detail", equalTo("Flow 'post-cache' is invalid (1 problem): "
                + "processors[1].cache applies to GET and HEAD calls only, and this call is a POST (the method of "
                + "service 'poster'); a cached answer would skip the call's effect"));
    }

    @Test
    void theSeedsFullMultipartRequestArrivesByteForByte() {
        // given
        String report = report();

        // when
        Response response = SERVER.anonymous().contentType("text/plain; charset=utf-8").body(report)
                .post("/acme/rs/upload");

        // then
        response.then().statusCode(201);
        String expected = "--my-custom-boundary\r\n"
                + "Content-Type: text/html\r\n"
                + "\r\n"
                + "<pre>spam & eggs</pre>\r\n"
                + "--my-custom-boundary\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Disposition: form-data; filename=\"report.txt\"\r\n"
                + "Content-Length: 608\r\n"
                + "\r\n"
                + report + "\r\n"
                + "--my-custom-boundary--\r\n";
        LoopbackServer.Received received = BACKEND.last();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.header("Content-Type"))
                .isEqualTo("application/my-custom-content-type; boundary=my-custom-boundary");
        assertThat(received.body()).hasSize(848).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
        assertThat(received.header("Content-Length")).isEqualTo("848");
    }

    @Test
    void breakFlowFailsTheMessageWithATypedErrorAndTheDeadLetterFlowSeesTheAnswer() {
        // given
        BACKEND.answer(Answer.json(404, "{\"message\": \"no such thing\"}"));

        // when
        Response response = SERVER.anonymous().header("X-Correlation-Id", "rr-break").get("/acme/rs/breaks");

        // then
        response.then().statusCode(500).body("type", equalTo("urn:flowserver:problem:processing-failed"));
        JsonPath trace = Traced.awaitTrace(SERVER, Traced.messageId(response), "FAILED");
        assertThat(trace.getString("error.type")).isEqualTo("rest-not-found");
        assertThat(trace.getString("error.message")).isEqualTo("Processor 'lookup' (restRequest) failed: GET "
                + BACKEND.url("/missing") + " answered 404 (not-found) after 1 attempt");
        JsonPath dead = Traced.awaitTraceOf(SERVER, "acme", "dlq", "rr-break", "COMPLETED");
        String at = "attempts[0].steps[0].properties.";
        assertThat(dead.getInt(at + "'restResponse.statusCode'")).isEqualTo(404);
        assertThat(dead.getString(at + "'restResponse.error.type'")).isEqualTo("rest-not-found");
        assertThat(dead.getString(at + "'restResponse.error.body'")).isEqualTo("{\"message\": \"no such thing\"}");
        assertThat(dead.getString(at + "'deadLetter.error.type'")).isEqualTo("rest-not-found");
    }

    @Test
    void continueLetsTheFlowGoOnWithOkFalseAndTheErrorsBody() {
        // given
        BACKEND.answer(Answer.json(404, "{\"message\": \"no such thing\"}"));

        // when
        Response response = SERVER.anonymous().get("/acme/rs/goes-on");

        // then
        response.then().statusCode(200).body("ok", equalTo(false)).body("status", equalTo(404))
                .body("error", equalTo("rest-not-found")).body("body.message", equalTo("no such thing"));
    }

    @Test
    void forwardedResponseHeadersReachTheFlowsCaller() {
        // given
        BACKEND.answer(Answer.json(200, "{}").header("ETag", "\"v42\"").header("X-Internal", "no"));

        // when
        Response response = SERVER.anonymous().get("/acme/rs/etag");

        // then
        response.then().statusCode(200).header("ETag", "\"v42\"");
        assertThat(response.header("X-Internal")).isNull();
    }

    @Test
    void theEnvelopeOutputGivesStatusHeadersBodyAndCookies() {
        // given
        BACKEND.answer(Answer.json(200, "{\"a\": 1}").header("Set-Cookie", "session=abc; Path=/"));

        // when
        Response response = SERVER.anonymous().get("/acme/rs/envelope");

        // then
        response.then().statusCode(200).body("ok", equalTo(true)).body("statusCode", equalTo(200))
                .body("json.a", equalTo(1)).body("cookies.session", equalTo("abc"))
                .body("headers.Content-Type", equalTo("application/json"));
    }

    @Test
    void aCachedAnswerIsServedWithoutCallingTheBackendAgain() {
        // given
        BACKEND.answer(Answer.json(200, "{\"eur\": 1.08}"));
        int before = BACKEND.count();
        SERVER.anonymous().get("/acme/rs/cached").then().statusCode(200).body("fromCache", equalTo(false));

        // when
        Response second = SERVER.anonymous().get("/acme/rs/cached");

        // then
        second.then().statusCode(200).body("rates.eur", equalTo(1.08f)).body("fromCache", equalTo(true));
        assertThat(BACKEND.count()).isEqualTo(before + 1);
    }

    @Test
    void theAnswersPropertiesDescribeItWithRepeatedHeadersAsAList() {
        // given
        BACKEND.answer(new Answer(200, java.util.List.of(), "Gr\u00fc\u00dfe".getBytes(StandardCharsets.ISO_8859_1),
                Duration.ZERO).header("Content-Type", "text/plain; charset=ISO-8859-1").header("X-Rep", "one")
                .header("X-Rep", "two").header("Set-Cookie", "session=s1; HttpOnly"));

        // when
        Response response = SERVER.anonymous().get("/acme/rs/described");

        // then
        response.then().statusCode(200).body("text", equalTo("Gr\u00fc\u00dfe")).body("status", equalTo(200))
                .body("ok", equalTo(true)).body("repeated", equalTo(java.util.List.of("one", "two")))
                .body("cookie", equalTo("s1")).body("encoding", equalTo("ISO-8859-1"))
                .body("url", equalTo(BACKEND.url("/text"))).body("attempts", equalTo(1))
                .body("fromCache", equalTo(false)).body("processorId", equalTo("fetch"));
    }

    @Test
    void whenTheCallsOwnRetriesRunOutTheFlowDoesNotRedeliverOnTopOfThem() {
        // given
        int before = BACKEND.count();
        BACKEND.answer(Answer.of(503), Answer.of(503));

        // when
        Response response = SERVER.anonymous().get("/acme/rs/exhausts");

        // then
        response.then().statusCode(500);
        JsonPath trace = Traced.awaitTrace(SERVER, Traced.messageId(response), "FAILED");
        assertThat(trace.getString("error.category")).isEqualTo("transient-exhausted");
        assertThat(trace.getString("error.type")).isEqualTo("rest-service-unavailable");
        assertThat(trace.getList("attempts")).hasSize(1);
        assertThat(BACKEND.count()).isEqualTo(before + 2);
    }

    @Test
    void anOAuth2ServiceFetchesOneTokenAndSendsItAsBearer() {
        // given
        int tokenRequests = IDENTITY.count();
        BACKEND.answer(Answer.json(200, "{\"n\": 1}"), Answer.json(200, "{\"n\": 2}"));

        // when
        SERVER.anonymous().get("/acme/rs/oauth").then().statusCode(200).body("n", equalTo(1));
        SERVER.anonymous().get("/acme/rs/oauth").then().statusCode(200).body("n", equalTo(2));

        // then
        assertThat(IDENTITY.count()).isEqualTo(tokenRequests + 1);
        LoopbackServer.Received token = IDENTITY.last();
        assertThat(token.bodyText()).isEqualTo("grant_type=client_credentials&scope=orders.read");
        assertThat(token.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString(("flowserver:" + IDP_SECRET).getBytes(StandardCharsets.UTF_8)));
        assertThat(BACKEND.last().header("Authorization")).isEqualTo("Bearer " + ACCESS_TOKEN);
    }

    @Test
    void noSecretReachesATraceOrTheLog() {
        // given
        BACKEND.answer(Answer.json(200, "{}"));
        try (LogCapture log = LogCapture.of(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.DEBUG)) {
            // when
            Response response = SERVER.anonymous().contentType("application/json").body("{\"id\": 1}")
                    .post("/acme/rs/customer");

            // then
            response.then().statusCode(201);
            JsonPath trace = Traced.awaitTrace(SERVER, Traced.messageId(response), "COMPLETED");
            assertThat(trace.prettify()).doesNotContain(CRM_TOKEN);
            assertThat(log.events()).noneSatisfy(event -> assertThat(event.getFormattedMessage() + event
                    .getKeyValuePairs()).contains(CRM_TOKEN));
        }
    }

    private static String report() {
        try (InputStream in = RestRequestIT.class.getResourceAsStream("/outbound/report.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path outboundConfig() {
        try {
            IDENTITY.fallback(Answer.json(200, "{\"access_token\": \"" + ACCESS_TOKEN
                    + "\", \"token_type\": \"Bearer\", \"expires_in\": 3600}"));
            Path dir = Files.createTempDirectory("outbound");
            Files.writeString(dir.resolve("crm-token"), CRM_TOKEN + "\n");
            Files.writeString(dir.resolve("idp-secret"), IDP_SECRET);
            Path config = dir.resolve("outbound.json");
            Files.writeString(config, """
                    {"secrets": {"crm-token": {"file": "crm-token"}, "idp-secret": {"file": "idp-secret"}},
                     "services": [
                       {"name": "crm", "owners": ["acme"], "baseUrl": "%s", "method": "GET",
                        "headers": {"Accept": "application/json", "X-Service": "crm"},
                        "queryParameters": {"api-version": "2"},
                        "auth": {"type": "bearer", "tokenSecretName": "crm-token"}},
                       {"name": "billing", "owners": ["other"], "baseUrl": "%s"},
                       {"name": "poster", "owners": ["acme"], "baseUrl": "%s", "method": "POST"},
                       {"name": "secured", "owners": ["*"], "baseUrl": "%s",
                        "auth": {"type": "oauth2ClientCredentials", "tokenUrl": "%s", "clientId": "flowserver",
                                 "clientSecretName": "idp-secret", "scope": "orders.read"}}]}
                    """.formatted(BACKEND.url("/api/"), BACKEND.url("/billing/"), BACKEND.url("/poster/"),
                    BACKEND.url("/secured/"),
                    IDENTITY.url("/token")));
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
