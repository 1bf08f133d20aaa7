package org.flowserver.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.flowserver.dsl.Access;
import org.flowserver.dsl.Flow;
import org.flowserver.processors.outbound.LoopbackServer;
import org.flowserver.processors.outbound.LoopbackServer.Answer;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A slow back end holds no worker thread: with two workers, twenty messages wait for a back end that answers
 * after two seconds, all at once, and another flow is served while they wait. A call that held its worker would
 * serve two at a time (the others would meet the request timeout) and keep the other flow waiting.
 */
class RestRequestNonBlockingIT {

    private static final int CALLS = 20;
    private static final Duration BACKEND_DELAY = Duration.ofSeconds(2);
    private static final Vertx VERTX = Vertx.vertx();
    private static final LoopbackServer SLOW = LoopbackServer.start(VERTX)
            .fallback(Answer.json(200, "{\"slow\": true}").after(BACKEND_DELAY));

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.with(config -> config.toBuilder()
            .workerThreads(2).requestTimeout(Duration.ofSeconds(8)).build());

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void deploy() {
        SERVER.deployOk(Flow.define("slow", f -> f.ownerId("acme").restApi("in-rest", r -> r.access(Access.PUBLIC))
                .restRequest("call", r -> r.url(SLOW.url("/slow")))));
        SERVER.deployOk(Flow.define("quick", f -> f.ownerId("acme").restApi("in-rest", r -> r.access(Access.PUBLIC))
                .setPayload("reply", "{ 'quick': true }")));
    }

    @AfterAll
    static void stop() {
        SLOW.close();
        VERTX.close();
    }

    @Test
    void twentySlowCallsOnTwoWorkersAllAnswerAndAnotherFlowIsServedMeanwhile() {
        // given
        List<CompletableFuture<HttpResponse<String>>> slow = IntStream.range(0, CALLS)
                .mapToObj(i -> CLIENT.sendAsync(get("/acme/rs/slow"), HttpResponse.BodyHandlers.ofString()))
                .toList();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> SLOW.count() == CALLS);

        // when
        HttpResponse<String> quick = CLIENT.sendAsync(get("/acme/rs/quick"), HttpResponse.BodyHandlers.ofString())
                .join();
        long slowAnsweredMeanwhile = slow.stream().filter(CompletableFuture::isDone).count();

        // then
        assertThat(quick.statusCode()).isEqualTo(200);
        assertThat(slowAnsweredMeanwhile).isZero();
        assertThat(slow).allSatisfy(call -> {
            HttpResponse<String> response = call.join();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"slow\":true}");
        });
    }

    private static HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SERVER.port() + path)).GET().build();
    }
}
