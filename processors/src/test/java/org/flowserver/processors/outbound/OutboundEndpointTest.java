package org.flowserver.processors.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowserver.processors.outbound.OutboundFixtures.CONTEXT;
import static org.flowserver.processors.outbound.OutboundFixtures.await;
import static org.flowserver.processors.outbound.OutboundFixtures.failure;
import static org.flowserver.processors.outbound.OutboundFixtures.get;
import static org.flowserver.processors.outbound.OutboundFixtures.request;
import static org.flowserver.processors.outbound.OutboundFixtures.settings;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flowserver.processors.outbound.LoopbackServer.Answer;
import org.flowserver.processors.outbound.LoopbackServer.Received;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One call as the backend sees it, the limits on its answer and its pool, and the threads it runs on. */
class OutboundEndpointTest {

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
        ServiceDefinition small = OutboundFixtures.service("small", server.url("/"), 2, 1, TlsSettings.DEFAULT);
        OutboundDefaults defaults = new OutboundDefaults(Duration.ofSeconds(5), Duration.ofSeconds(15),
                Duration.ofSeconds(30), 64, 100, 10L * 1024 * 1024, 64L * 1024 * 1024);
        http = OutboundHttp.create(vertx, defaults, List.of(small), Secrets.NONE, new ManualClock());
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    @Test
    void sendsTheBodyWithAContentLengthAndNotChunked() {
        // given
        String body = "{\"order\":\"" + "x".repeat(20_000) + "\"}";

        // when
        await(http.direct().send(request("POST", server.url("/orders"), body,
                new HttpField("Content-Type", "application/json")), settings().build(), Credentials.NONE, CONTEXT));

        // then
        Received received = server.last();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.header("Content-Length")).isEqualTo(String.valueOf(body.length()));
        assertThat(received.header("Transfer-Encoding")).isNull();
        assertThat(received.header("Content-Type")).isEqualTo("application/json");
        assertThat(received.bodyText()).isEqualTo(body);
    }

    @Test
    void sendsNoBodyWhenTheRequestHasNone() {
        // when
        await(http.direct().send(get(server.url("/x")), settings().build(), Credentials.NONE, CONTEXT));

        // then
        Received received = server.last();
        assertThat(received.header("Transfer-Encoding")).isNull();
        assertThat(received.body()).isEmpty();
        assertThat(received.header("Host")).isEqualTo("127.0.0.1:" + server.port());
    }

    @Test
    void addsTheCredentialsHeadersToTheRequest() {
        // when
        await(http.direct().send(get(server.url("/x")), settings().build(), TestCredentials.apiKey("X-Api-Key", "k1"),
                CONTEXT));

        // then
        assertThat(server.last().header("X-Api-Key")).isEqualTo("k1");
    }

    @Test
    void failsWhenTheAnswerIsLargerThanAllowed() {
        // given
        server.answer(Answer.of(200).body("y".repeat(5000)));

        // when
        RestCallException failure = failure(http.direct().send(get(server.url("/big")),
                settings().maxResponseBytes(4096).build(), Credentials.NONE, CONTEXT));

        // then
        assertThat(failure).hasMessage("GET " + server.url("/big") + " failed (response-too-large) after 1 attempt: "
                + "the answer's body is larger than the limit of 4096 bytes");
        assertThat(failure.kind()).isEqualTo(RestErrorKind.RESPONSE_TOO_LARGE);
        assertThat(failure.statusCode()).hasValue(200);
        assertThat(failure.isTransient()).isFalse();
    }

    @Test
    void readsAnAnswerExactlyAsLargeAsAllowed() {
        // given
        server.answer(Answer.of(200).body("y".repeat(4096)));

        // when
        OutboundResponse response = await(http.direct().send(get(server.url("/big")),
                settings().maxResponseBytes(4096).build(), Credentials.NONE, CONTEXT));

        // then
        assertThat(response.body()).hasSize(4096);
    }

    @Test
    void stopsReadingAStreamedAnswerOnceItPassesTheLimit() {
        // given: 64 chunks of 64 KiB, far beyond the limit
        server.handler(request -> {
            var response = request.response().setChunked(true).setStatusCode(200);
            Buffer chunk = Buffer.buffer("z".repeat(64 * 1024));
            for (int i = 0; i < 64 && !response.closed(); i++) {
                response.write(chunk);
            }
            response.end();
        });

        // when
        RestCallException failure = failure(http.direct().send(get(server.url("/stream")),
                settings().maxResponseBytes(100_000).build(), Credentials.NONE, CONTEXT));

        // then
        assertThat(failure.kind()).isEqualTo(RestErrorKind.RESPONSE_TOO_LARGE);
    }

    @Test
    void failsWithConnectionWhenTheServerClosesMidAnswer() {
        // given
        server.handler(request -> {
            request.response().setChunked(true).setStatusCode(200).write("partial");
            vertx.setTimer(50, id -> request.connection().close());
        });

        // when
        RestCallException failure = failure(http.direct().send(get(server.url("/x")), settings().build(),
                Credentials.NONE, CONTEXT));

        // then
        assertThat(failure).hasMessage("GET " + server.url("/x") + " failed (connection) after 1 attempt: the "
                + "connection closed before the answer was complete");
        assertThat(failure.isTransient()).isTrue();
    }

    @Test
    void failsWithConnectionWhenTheServerClosesWithoutAnswering() {
        // given
        server.handler(request -> request.connection().close());

        // when
        RestCallException failure = failure(http.direct().send(request("POST", server.url("/orders"), "{}"),
                settings().build(), Credentials.NONE, CONTEXT));

        // then
        assertThat(failure).hasMessage("POST " + server.url("/orders") + " failed (connection) after 1 attempt: the "
                + "connection closed before an answer arrived");
    }

    @Test
    void failsAtOnceWhenThePoolAndItsQueueAreFull() {
        // given: pool 2 + queue 1, every answer takes a second, and both connections are busy
        server.fallback(Answer.of(200).after(Duration.ofSeconds(1)));
        OutboundEndpoint small = http.service("small").orElseThrow();
        List<Future<OutboundResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            calls.add(small.send(get(server.url("/slow/" + i)), settings().build(), Credentials.NONE, CONTEXT));
        }
        OutboundFixtures.awaitReceived(server, 2);
        CompletableFuture<Void> sent = new CompletableFuture<>();
        long started = System.nanoTime();

        // when: two more calls from one event loop, in order: the first waits in the queue, the second finds it full
        vertx.runOnContext(ignored -> {
            for (int i = 2; i < 4; i++) {
                calls.add(small.send(get(server.url("/slow/" + i)), settings().build(), Credentials.NONE, CONTEXT));
            }
            sent.complete(null);
        });
        sent.join();
        RestCallException rejected = failure(calls.get(3));
        Duration rejectedAfter = Duration.ofNanos(System.nanoTime() - started);

        // then
        assertThat(rejected).hasMessage("GET " + server.url("/slow/3") + " failed (connection) after 1 attempt: the "
                + "connection pool of 2 and its wait queue of 1 are full");
        assertThat(rejected.isTransient()).isTrue();
        assertThat(rejectedAfter).isLessThan(Duration.ofMillis(900));
        for (int i = 0; i < 3; i++) {
            assertThat(await(calls.get(i)).statusCode()).isEqualTo(200);
        }
        assertThat(server.count()).isEqualTo(3);
    }

    @Test
    void completesOnAnEventLoopWhenCalledFromATestThreadOrAWorker() throws Exception {
        // given
        server.answer(Answer.of(200), Answer.of(404));
        CompletableFuture<Boolean> success = new CompletableFuture<>();
        CompletableFuture<Boolean> failure = new CompletableFuture<>();

        // when
        http.direct().send(get(server.url("/x")), settings().build(), Credentials.NONE, CONTEXT)
                .onComplete(done -> success.complete(Context.isOnEventLoopThread()));
        vertx.executeBlocking(() -> http.direct().send(get(server.url("/y")), settings().build(), Credentials.NONE,
                CONTEXT).onComplete(done -> failure.complete(Context.isOnEventLoopThread())), false);

        // then
        assertThat(success.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(failure.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void runsALateListenerOnTheEventLoopToo() throws Exception {
        // given
        Future<OutboundResponse> call = http.direct().send(get(server.url("/x")), settings().build(),
                Credentials.NONE, CONTEXT);
        await(call);
        CompletableFuture<Boolean> late = new CompletableFuture<>();

        // when
        call.onComplete(done -> late.complete(Context.isOnEventLoopThread()));

        // then
        assertThat(late.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void holdsNoThreadWhileFiftyCallsWaitForASlowBackend() {
        // given: every answer takes a second; blocking calls one after another would take 50 s
        server.fallback(Answer.of(200).after(Duration.ofSeconds(1)));
        CompletableFuture<Long> sendingMillis = new CompletableFuture<>();
        List<Future<OutboundResponse>> calls = new ArrayList<>();
        long started = System.nanoTime();

        // when: one event loop starts all fifty
        vertx.runOnContext(ignored -> {
            long loopStarted = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                calls.add(http.direct().send(get(server.url("/slow/" + i)), settings().build(), Credentials.NONE,
                        CONTEXT));
            }
            sendingMillis.complete((System.nanoTime() - loopStarted) / 1_000_000);
        });
        long loopMillis = sendingMillis.join();
        Promise<Void> all = Promise.promise();
        Future.all(calls).onComplete(done -> all.handle(done.mapEmpty()));
        await(all.future());

        // then
        assertThat(loopMillis).isLessThan(1000);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(server.count()).isEqualTo(50);
    }

    @Test
    void refusesAUrlThatIsNotHttp() {
        // given
        OutboundRequest ftp = new OutboundRequest("GET", URI.create("ftp://127.0.0.1/x"), List.of(), Optional.empty());

        // when
        Future<OutboundResponse> call = http.direct().send(ftp, settings().build(), Credentials.NONE, CONTEXT);

        // then
        assertThat(call.failed()).isTrue();
        assertThat(call.cause()).hasMessage("OutboundRequest uri 'ftp://127.0.0.1/x' is not an absolute http or "
                + "https URL with a host");
    }
}
