package org.flowserver.processors.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowserver.processors.outbound.OutboundFixtures.CONTEXT;
import static org.flowserver.processors.outbound.OutboundFixtures.await;
import static org.flowserver.processors.outbound.OutboundFixtures.failure;
import static org.flowserver.processors.outbound.OutboundFixtures.get;
import static org.flowserver.processors.outbound.OutboundFixtures.settings;

import io.vertx.core.Vertx;
import java.util.List;
import org.flowserver.processors.outbound.LoopbackServer.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What an answer's status makes of a call: success when expected, otherwise a failure of the status's kind. */
class StatusOutcomeTest {

    private static Vertx vertx;
    private LoopbackServer server;
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
        http = OutboundHttp.create(vertx, OutboundDefaults.DEFAULT, List.of(), Secrets.NONE, new ManualClock());
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"400, bad-request, BAD_REQUEST", "401, invalid-credentials, INVALID_CREDENTIALS",
            "403, forbidden, FORBIDDEN", "404, not-found, NOT_FOUND", "409, conflict, CONFLICT",
            "429, rate-limited, RATE_LIMITED", "500, server-error, SERVER_ERROR", "502, server-error, SERVER_ERROR",
            "503, service-unavailable, SERVICE_UNAVAILABLE", "418, unexpected-status, UNEXPECTED_STATUS"})
    void failsWithTheKindOfAnUnexpectedStatus(int status, String code, RestErrorKind kind) {
        // given
        server.answer(Answer.json(status, "{\"error\":\"no\"}"));

        // when
        RestCallException failure = failure(http.direct().send(get(server.url("/api/customers/42")),
                settings().build(), Credentials.NONE, CONTEXT));

        // then
        assertThat(failure).hasMessage("GET " + server.url("/api/customers/42") + " answered " + status + " ("
                + code + ") after 1 attempt");
        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.statusCode()).hasValue(status);
        assertThat(failure.body()).isEqualTo("{\"error\":\"no\"}");
        assertThat(failure.attempts()).isEqualTo(1);
        assertThat(failure.type()).isEqualTo("rest-" + code);
    }

    @Test
    void failsOnA2xxThatIsNotListed() {
        // given
        server.answer(Answer.of(204));

        // when
        RestCallException failure = failure(http.direct().send(get(server.url("/x")), settings().expected(200)
                .build(), Credentials.NONE, CONTEXT));

        // then
        assertThat(failure).hasMessage("GET " + server.url("/x") + " answered 204 (unexpected-status) after 1 attempt");
        assertThat(failure.body()).isEmpty();
    }

    @Test
    void succeedsWithAListedStatusOutside2xx() {
        // given
        server.answer(Answer.json(404, "{}"));

        // when
        OutboundResponse response = await(http.direct().send(get(server.url("/x")), settings().expected(200, 404)
                .build(), Credentials.NONE, CONTEXT));

        // then
        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void answersWithStatusHeadersBodyUrlAndAttempts() {
        // given
        server.answer(Answer.json(200, "{\"id\":42}").header("Set-Cookie", "a=1").header("Set-Cookie", "b=2"));

        // when
        OutboundResponse response = await(http.direct().send(get(server.url("/x?page=2")), settings().build(),
                Credentials.NONE, CONTEXT));

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("content-type")).hasValue("application/json");
        assertThat(response.headers("Set-Cookie")).containsExactly("a=1", "b=2");
        assertThat(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"id\":42}");
        assertThat(response.url()).hasToString(server.url("/x?page=2"));
        assertThat(response.attempts()).isEqualTo(1);
        assertThat(response.fromCache()).isFalse();
        assertThat(server.last().uri()).isEqualTo("/x?page=2");
    }

    @Test
    void keepsTheFirstKibibyteOfAnErrorBody() {
        // given
        server.answer(Answer.of(500).body("e".repeat(3000)));

        // when
        RestCallException failure = failure(http.direct().send(get(server.url("/x")), settings().build(),
                Credentials.NONE, CONTEXT));

        // then
        assertThat(failure.body()).isEqualTo("e".repeat(1024));
    }

    @Test
    void leavesQueryAndUserInfoOutOfTheMessage() {
        // given
        server.answer(Answer.of(404));
        String url = "http://user:pa55@127.0.0.1:" + server.port() + "/customers/42?api_key=s3cr3t";

        // when
        RestCallException failure = failure(http.direct().send(get(url), settings().build(), Credentials.NONE,
                CONTEXT));

        // then
        assertThat(failure).hasMessage("GET http://127.0.0.1:" + server.port() + "/customers/42 answered 404 "
                + "(not-found) after 1 attempt");
        assertThat(server.last().header("Authorization")).isNull();
    }

    @Test
    void callsAStatusTransientOnlyWhenTheRetryPolicyListsIt() {
        // given
        server.answer(Answer.of(503), Answer.of(404));

        // when
        RestCallException unavailable = failure(http.direct().send(get(server.url("/x")), settings().build(),
                Credentials.NONE, CONTEXT));
        RestCallException notFound = failure(http.direct().send(get(server.url("/x")), settings().build(),
                Credentials.NONE, CONTEXT));

        // then
        assertThat(unavailable.isTransient()).isTrue();
        assertThat(notFound.isTransient()).isFalse();
    }
}
