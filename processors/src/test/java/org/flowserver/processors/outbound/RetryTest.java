package org.flowserver.processors.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowserver.processors.outbound.OutboundFixtures.CONTEXT;
import static org.flowserver.processors.outbound.OutboundFixtures.await;
import static org.flowserver.processors.outbound.OutboundFixtures.failure;
import static org.flowserver.processors.outbound.OutboundFixtures.get;
import static org.flowserver.processors.outbound.OutboundFixtures.request;
import static org.flowserver.processors.outbound.OutboundFixtures.settings;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import org.flowserver.dsl.RetryPolicySpec;
import org.flowserver.processors.outbound.LoopbackServer.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The call's own retries, on a clock the test moves: which failures, how long between, and when they stop. */
class RetryTest {

    private static Vertx vertx;
    private LoopbackServer server;
    private ManualClock clock;
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
        clock = new ManualClock();
        http = OutboundHttp.create(vertx, OutboundDefaults.DEFAULT, List.of(), Secrets.NONE, clock);
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    @Test
    void retriesTheSeedRunOf503Then503Then200() {
        // given
        server.answer(Answer.of(503), Answer.of(503), Answer.json(200, "{\"id\":42}"));

        // when
        OutboundResponse response = await(http.direct().send(get(server.url("/customers/42")),
                settings().retry(OutboundFixtures.RETRIES).build(), Credentials.NONE, CONTEXT));

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.attempts()).isEqualTo(3);
        assertThat(clock.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(server.count()).isEqualTo(3);
    }

    @Test
    void waitsTheSecondsRetryAfterAsksForWhenLongerThanTheBackoff() {
        // given
        server.answer(Answer.of(503).header("Retry-After", "3"), Answer.of(200));

        // when
        OutboundResponse response = await(http.direct().send(get(server.url("/x")),
                settings().retry(OutboundFixtures.RETRIES).build(), Credentials.NONE, CONTEXT));

        // then
        assertThat(response.attempts()).isEqualTo(2);
        assertThat(clock.waits()).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void waitsUntilTheDateRetryAfterNames() {
        // given: the clock stands at 2026-11-23T10:00:00Z
        server.answer(Answer.of(429).header("Retry-After", "Mon, 23 Nov 2026 10:00:05 GMT"), Answer.of(200));
        RetryPolicySpec on429 = new RetryPolicySpec(Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0,
                Duration.ofMinutes(10), List.of(429), false);

        // when
        OutboundResponse response = await(http.direct().send(get(server.url("/x")),
                settings().retry(on429).build(), Credentials.NONE, CONTEXT));

        // then
        assertThat(response.attempts()).isEqualTo(2);
        assertThat(clock.waits()).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void honoursARetryAfterLongerThanTheMaximumWait() {
        // given: maximum 60 s bounds the backoff, not what the server asks for
        server.answer(Answer.of(503).header("Retry-After", "90"), Answer.of(200));

        // when
        OutboundResponse response = await(http.direct().send(get(server.url("/x")),
                settings().retry(OutboundFixtures.RETRIES).build(), Credentials.NONE, CONTEXT));

        // then
        assertThat(response.attempts()).isEqualTo(2);
        assertThat(clock.waits()).containsExactly(Duration.ofSeconds(90));
    }

    @Test
    void failsExhaustedAfterTwoAttemptsWhenTheNextWouldStartAfterTheDeadline() {
        // given: attempt 1 at 0 s, attempt 2 at 1 s, attempt 3 would start at 3 s > 2.5 s
        server.fallback(Answer.of(503).body("down for maintenance"));

        // when
        RestCallException failure = failure(http.direct().send(get(server.url("/orders?secret=1")),
                settings().retry(OutboundFixtures.deadline(Duration.ofMillis(2500))).build(), Credentials.NONE,
                CONTEXT));

        // then
        assertThat(failure).hasMessage("GET " + server.url("/orders") + " answered 503 (service-unavailable) after "
                + "2 attempts");
        assertThat(failure.attempts()).isEqualTo(2);
        assertThat(failure.exhausted()).isTrue();
        assertThat(failure.isTransient()).isTrue();
        assertThat(failure.body()).isEqualTo("down for maintenance");
        assertThat(clock.waits()).containsExactly(Duration.ofSeconds(1));
        assertThat(server.count()).isEqualTo(2);
    }

    @Test
    void failsAtOnceWhenRetryAfterReachesBeyondTheDeadline() {
        // given
        server.answer(Answer.of(503).header("Retry-After", "3600"), Answer.of(200));

        // when
        RestCallException failure = failure(http.direct().send(get(server.url("/x")),
                settings().retry(OutboundFixtures.RETRIES).build(), Credentials.NONE, CONTEXT));

        // then
        assertThat(failure.attempts()).isEqualTo(1);
        assertThat(failure.exhausted()).isTrue();
        assertThat(clock.waits()).isEmpty();
    }

    @Test
    void doesNotRetryAPostOnAStatus() {
        // given
        server.answer(Answer.of(503), Answer.of(201));

        // when
        RestCallException failure = failure(http.direct().send(request("POST", server.url("/orders"), "{}"),
                settings().retry(OutboundFixtures.RETRIES).build(), Credentials.NONE, CONTEXT));

        // then
        assertThat(failure).hasMessage("POST " + server.url("/orders") + " answered 503 (service-unavailable) after "
                + "1 attempt");
        assertThat(failure.exhausted()).isFalse();
        assertThat(failure.isTransient()).isTrue();
        assertThat(server.count()).isEqualTo(1);
        assertThat(clock.waits()).isEmpty();
    }

    @Test
    void retriesAPostOnAStatusWhenNonIdempotentRetriesAreAllowed() {
        // given
        server.answer(Answer.of(503), Answer.of(201));
        RetryPolicySpec allowed = new RetryPolicySpec(Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0,
                Duration.ofMinutes(10), List.of(502, 503, 504), true);

        // when
        OutboundResponse response = await(http.direct().send(request("POST", server.url("/orders"), "{}"),
                settings().retry(allowed).build(), Credentials.NONE, CONTEXT));

        // then
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.attempts()).isEqualTo(2);
        assertThat(server.received()).extracting(LoopbackServer.Received::bodyText).containsExactly("{}", "{}");
    }

    @Test
    void retriesARefusedConnectionEvenForAPostThenFailsWithConnection() {
        // given: a port nothing listens on; nothing was sent, so even a POST is safe to send again
        int port = freePort();
        String url = "http://127.0.0.1:" + port + "/orders";

        // when
        RestCallException failure = failure(http.direct().send(request("POST", url, "{}"),
                settings().retry(OutboundFixtures.deadline(Duration.ofMillis(2500))).build(), Credentials.NONE,
                CONTEXT));

        // then
        assertThat(failure).hasMessage("POST " + url + " failed (connection) after 2 attempts: the connection was "
                + "refused");
        assertThat(failure.kind()).isEqualTo(RestErrorKind.CONNECTION);
        assertThat(failure.statusCode()).isEmpty();
        assertThat(failure.isTransient()).isTrue();
        assertThat(failure.exhausted()).isTrue();
        assertThat(clock.waits()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void stopsRetryingOnceTheCallerStoppedWaiting() {
        // given
        server.fallback(Answer.of(503));
        CallContext cancelled = new CallContext("acme", "order-sync", "get-customer", "m-2", () -> true);

        // when
        RestCallException failure = failure(http.direct().send(get(server.url("/x")),
                settings().retry(OutboundFixtures.RETRIES).build(), Credentials.NONE, cancelled));

        // then
        assertThat(failure.attempts()).isEqualTo(1);
        assertThat(clock.waits()).isEmpty();
    }

    @Test
    void makesOneAttemptWhenTheDeadlineIsZero() {
        // given
        server.answer(Answer.of(503), Answer.of(200));

        // when
        RestCallException failure = failure(http.direct().send(get(server.url("/x")),
                settings().retry(OutboundFixtures.NO_RETRIES).build(), Credentials.NONE, CONTEXT));

        // then
        assertThat(failure.attempts()).isEqualTo(1);
        assertThat(failure.isTransient()).isTrue();
        assertThat(failure.exhausted()).isFalse();
    }

    private static int freePort() {
        try (LoopbackServer closed = LoopbackServer.start(vertx)) {
            return closed.port();
        }
    }
}
