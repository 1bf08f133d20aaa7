package org.flowserver.processors.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowserver.processors.outbound.OutboundFixtures.CONTEXT;
import static org.flowserver.processors.outbound.OutboundFixtures.await;
import static org.flowserver.processors.outbound.OutboundFixtures.failure;
import static org.flowserver.processors.outbound.OutboundFixtures.request;
import static org.flowserver.processors.outbound.OutboundFixtures.settings;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Optional;
import org.flowserver.processors.outbound.LoopbackServer.Answer;
import org.flowserver.processors.outbound.LoopbackServer.Received;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Redirects followed by the call itself: methods and bodies along the chain, limits, and other origins. */
class RedirectTest {

    private static Vertx vertx;
    private LoopbackServer server;
    private LoopbackServer other;
    private OutboundHttp http;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertx() {
        await(vertx.close());
    }

    @BeforeEach
    void start() {
        server = LoopbackServer.start(vertx);
        other = LoopbackServer.start(vertx);
        http = OutboundHttp.create(vertx, OutboundDefaults.DEFAULT, List.of(), Secrets.NONE, new ManualClock());
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
        other.close();
    }

    @Test
    void keepsCredentialsAndCookiesOnARedirectWithinTheOrigin() {
        // given
        server.answer(Answer.of(302).header("Location", "/next"), Answer.of(200));
        TestCredentials credentials = TestCredentials.bearer("t1");

        // when
        OutboundResponse response = await(http.direct().send(get(server.url("/start"), cookie()), settings().build(),
                credentials, CONTEXT));

        // then
        Received next = server.last();
        assertThat(next.uri()).isEqualTo("/next");
        assertThat(next.header("Authorization")).isEqualTo("Bearer t1");
        assertThat(next.header("Cookie")).isEqualTo("session=abc");
        assertThat(response.url()).hasToString(server.url("/next"));
        assertThat(response.attempts()).isEqualTo(1);
    }

    @Test
    void dropsAuthorizationAndCookiesForTheRestOfTheChainOnceItLeavesTheOrigin() {
        // given: server -> other (another port, so another origin) -> back to server
        server.answer(Answer.of(302).header("Location", other.url("/elsewhere")), Answer.of(200));
        other.answer(Answer.of(307).header("Location", server.url("/back")));
        TestCredentials credentials = TestCredentials.bearer("t1");

        // when
        OutboundResponse response = await(http.direct().send(get(server.url("/start"), cookie()), settings().build(),
                credentials, CONTEXT));

        // then
        assertThat(server.received().get(0).header("Authorization")).isEqualTo("Bearer t1");
        Received elsewhere = other.last();
        assertThat(elsewhere.header("Authorization")).isNull();
        assertThat(elsewhere.header("Cookie")).isNull();
        assertThat(elsewhere.header("X-Trace")).isEqualTo("1");
        Received back = server.last();
        assertThat(back.uri()).isEqualTo("/back");
        assertThat(back.header("Authorization")).isNull();
        assertThat(back.header("Cookie")).isNull();
        assertThat(response.url()).hasToString(server.url("/back"));
    }

    @Test
    void dropsTheApiKeyHeaderOnARedirectToAnotherOrigin() {
        // given
        server.answer(Answer.of(301).header("Location", other.url("/elsewhere")));
        TestCredentials credentials = TestCredentials.apiKey("X-Api-Key", "k-123");

        // when
        await(http.direct().send(get(server.url("/start")), settings().build(), credentials, CONTEXT));

        // then
        assertThat(server.last().header("X-Api-Key")).isEqualTo("k-123");
        assertThat(other.last().header("X-Api-Key")).isNull();
    }

    @Test
    void continuesA303AsGetWithoutBody() {
        // given
        server.answer(Answer.of(303).header("Location", "/orders/1"), Answer.json(200, "{}"));

        // when
        await(http.direct().send(request("POST", server.url("/orders"), "{\"item\":1}",
                new HttpField("Content-Type", "application/json")), settings().build(), Credentials.NONE, CONTEXT));

        // then
        assertThat(server.received().get(0).method()).isEqualTo("POST");
        Received next = server.last();
        assertThat(next.method()).isEqualTo("GET");
        assertThat(next.uri()).isEqualTo("/orders/1");
        assertThat(next.body()).isEmpty();
        assertThat(next.header("Content-Type")).isNull();
        assertThat(next.header("Content-Length")).isNull();
    }

    @Test
    void continuesAPostAfterA302AsGetWithoutBody() {
        // given
        server.answer(Answer.of(302).header("Location", "/done"), Answer.of(200));

        // when
        await(http.direct().send(request("POST", server.url("/orders"), "{}"), settings().build(), Credentials.NONE,
                CONTEXT));

        // then
        assertThat(server.last().method()).isEqualTo("GET");
        assertThat(server.last().body()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {307, 308})
    void keepsMethodAndBodyOnA307Or308(int status) {
        // given
        server.answer(Answer.of(status).header("Location", "/upload-here"), Answer.of(201));

        // when
        OutboundResponse response = await(http.direct().send(request("PUT", server.url("/upload"), "report",
                new HttpField("Content-Type", "text/plain")), settings().build(), Credentials.NONE, CONTEXT));

        // then
        Received next = server.last();
        assertThat(next.method()).isEqualTo("PUT");
        assertThat(next.uri()).isEqualTo("/upload-here");
        assertThat(next.bodyText()).isEqualTo("report");
        assertThat(next.header("Content-Type")).isEqualTo("text/plain");
        assertThat(next.header("Content-Length")).isEqualTo("6");
        assertThat(response.statusCode()).isEqualTo(201);
    }

    @Test
    void followsTenRedirects() {
        // given
        server.handler(RedirectTest::redirectUntil10);

        // when
        OutboundResponse response = await(http.direct().send(get(server.url("/r0")), settings().build(),
                Credentials.NONE, CONTEXT));

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.url()).hasToString(server.url("/r10"));
        assertThat(server.count()).isEqualTo(11);
    }

    @Test
    void failsOnTheEleventhRedirect() {
        // given
        server.handler(request -> redirect(request, "/r" + (hop(request) + 1)));

        // when
        RestCallException failure = failure(http.direct().send(get(server.url("/r0")), settings().build(),
                Credentials.NONE, CONTEXT));

        // then
        assertThat(failure).hasMessage("GET " + server.url("/r0") + " failed (too-many-redirects) after 1 attempt: "
                + "more than 10 redirects");
        assertThat(failure.kind()).isEqualTo(RestErrorKind.TOO_MANY_REDIRECTS);
        assertThat(failure.isTransient()).isFalse();
        assertThat(server.count()).isEqualTo(11);
    }

    @Test
    void treatsARedirectAsAStatusWhenRedirectsAreNotFollowed() {
        // given
        server.answer(Answer.of(302).header("Location", "/next"));

        // when
        RestCallException failure = failure(http.direct().send(get(server.url("/start")),
                settings().followRedirects(false).build(), Credentials.NONE, CONTEXT));

        // then
        assertThat(failure).hasMessage("GET " + server.url("/start") + " answered 302 (unexpected-status) after 1 "
                + "attempt");
        assertThat(server.count()).isEqualTo(1);
    }

    @Test
    void answersWithTheRedirectWhenItHasNoLocation() {
        // given
        server.answer(Answer.of(302));

        // when
        OutboundResponse response = await(http.direct().send(get(server.url("/start")),
                settings().expected(302).build(), Credentials.NONE, CONTEXT));

        // then
        assertThat(response.statusCode()).isEqualTo(302);
    }

    private static OutboundRequest get(String url, HttpField... headers) {
        return new OutboundRequest("GET", java.net.URI.create(url), List.of(headers), Optional.empty());
    }

    private static HttpField[] cookie() {
        return new HttpField[] {new HttpField("Cookie", "session=abc"), new HttpField("X-Trace", "1")};
    }

    private static int hop(HttpServerRequest request) {
        return Integer.parseInt(request.path().substring("/r".length()));
    }

    private static void redirectUntil10(HttpServerRequest request) {
        int hop = hop(request);
        if (hop < 10) {
            redirect(request, "/r" + (hop + 1));
        } else {
            request.response().setStatusCode(200).end();
        }
    }

    private static void redirect(HttpServerRequest request, String location) {
        request.response().setStatusCode(302).putHeader("Location", location).end();
    }
}
