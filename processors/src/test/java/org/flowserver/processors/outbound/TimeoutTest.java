package org.flowserver.processors.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowserver.processors.outbound.OutboundFixtures.CONTEXT;
import static org.flowserver.processors.outbound.OutboundFixtures.await;
import static org.flowserver.processors.outbound.OutboundFixtures.failure;
import static org.flowserver.processors.outbound.OutboundFixtures.get;
import static org.flowserver.processors.outbound.OutboundFixtures.request;
import static org.flowserver.processors.outbound.OutboundFixtures.settings;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.List;
import org.flowserver.processors.outbound.LoopbackServer.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The connect, read and total timeouts of one attempt, and zero switching each off. */
class TimeoutTest {

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
        ServiceDefinition onePool = OutboundFixtures.service("crm", server.url("/"), 1, 10, TlsSettings.DEFAULT);
        http = OutboundHttp.create(vertx, OutboundDefaults.DEFAULT, List.of(onePool), Secrets.NONE, clock);
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    @Test
    void failsWithTheReadTimeoutWhenNoAnswerComes() {
        // given
        server.answer(Answer.of(200).after(Duration.ofSeconds(3)));

        // when
        RestCallException failure = failure(http.direct().send(get(server.url("/x")),
                settings().read(Duration.ofMillis(300)).build(), Credentials.NONE, CONTEXT));

        // then
        assertThat(failure).hasMessage("GET " + server.url("/x") + " failed (timeout) after 1 attempt: no answer "
                + "within the read timeout of 300 ms");
        assertThat(failure.kind()).isEqualTo(RestErrorKind.TIMEOUT);
        assertThat(failure.statusCode()).isEmpty();
        assertThat(failure.isTransient()).isTrue();
    }

    @Test
    void failsWithTheReadTimeoutWhenTheAnswerStallsAfterItsHeaders() {
        // given
        server.handler(request -> request.response().setChunked(true).setStatusCode(200).writeHead());
        long started = System.nanoTime();

        // when
        RestCallException failure = failure(http.direct().send(get(server.url("/x")),
                settings().read(Duration.ofMillis(300)).build(), Credentials.NONE, CONTEXT));

        // then
        assertThat(failure).hasMessage("GET " + server.url("/x") + " failed (timeout) after 1 attempt: no more of "
                + "the answer within the read timeout of 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void failsWithTheTotalTimeoutWhenTheAnswerTricklesIn() {
        // given: a byte every 100 ms keeps the read timeout from passing
        server.handler(request -> trickle(request.response()));

        // when
        RestCallException failure = failure(http.direct().send(get(server.url("/slow")),
                settings().read(Duration.ofSeconds(1)).total(Duration.ofMillis(500)).build(), Credentials.NONE,
                CONTEXT));

        // then
        assertThat(failure).hasMessage("GET " + server.url("/slow") + " failed (timeout) after 1 attempt: no "
                + "complete answer within the total timeout of 500 ms");
    }

    @Test
    void failsWithTheConnectTimeoutWhileTheOnlyConnectionIsBusy() {
        // given: the service's pool has one connection, held by a slow call
        server.answer(Answer.of(200).after(Duration.ofMillis(1500)));
        OutboundEndpoint crm = http.service("crm").orElseThrow();
        Future<OutboundResponse> slow = crm.send(get(server.url("/slow")), settings().build(), Credentials.NONE,
                CONTEXT);
        OutboundFixtures.awaitReceived(server, 1);

        // when
        RestCallException failure = failure(crm.send(get(server.url("/x")),
                settings().connect(Duration.ofMillis(200)).build(), Credentials.NONE, CONTEXT));

        // then
        assertThat(failure).hasMessage("GET " + server.url("/x") + " failed (timeout) after 1 attempt: no "
                + "connection within the connect timeout of 200 ms");
        assertThat(await(slow).statusCode()).isEqualTo(200);
        assertThat(server.count()).isEqualTo(1);
    }

    @Test
    void waitsWithoutLimitWhenTheTimeoutsAreZero() {
        // given
        server.answer(Answer.of(200).after(Duration.ofMillis(700)));

        // when
        OutboundResponse response = await(http.direct().send(get(server.url("/x")), settings()
                .connect(Duration.ZERO).read(Duration.ZERO).total(Duration.ZERO).build(), Credentials.NONE, CONTEXT));

        // then
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void retriesAGetAfterAReadTimeout() {
        // given
        server.answer(Answer.of(200).after(Duration.ofSeconds(3)), Answer.of(200));

        // when
        OutboundResponse response = await(http.direct().send(get(server.url("/x")), settings()
                .read(Duration.ofMillis(300)).retry(OutboundFixtures.RETRIES).build(), Credentials.NONE, CONTEXT));

        // then
        assertThat(response.attempts()).isEqualTo(2);
        assertThat(clock.waits()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void doesNotRetryAPostAfterAReadTimeout() {
        // given: the server got the POST and may have acted on it
        server.answer(Answer.of(200).after(Duration.ofSeconds(3)), Answer.of(200));

        // when
        RestCallException failure = failure(http.direct().send(request("POST", server.url("/orders"), "{}"),
                settings().read(Duration.ofMillis(300)).retry(OutboundFixtures.RETRIES).build(), Credentials.NONE,
                CONTEXT));

        // then
        assertThat(failure.attempts()).isEqualTo(1);
        assertThat(failure.isTransient()).isTrue();
        assertThat(failure.exhausted()).isFalse();
        assertThat(clock.waits()).isEmpty();
    }

    private static void trickle(HttpServerResponse response) {
        response.setChunked(true).setStatusCode(200);
        long timer = vertx.setPeriodic(100, id -> {
            if (!response.closed() && !response.ended()) {
                response.write("x");
            }
        });
        response.closeHandler(ignored -> vertx.cancelTimer(timer));
        vertx.setTimer(5000, id -> vertx.cancelTimer(timer));
    }
}
