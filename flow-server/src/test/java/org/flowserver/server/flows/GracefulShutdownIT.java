package org.flowserver.server.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flowserver.dsl.ExchangePattern;
import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.flowserver.server.traces.TraceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nothing accepted is lost when flows go away: OneWay messages answered 202 finish before a graceful shutdown
 * ends, and an undeploy under concurrent load answers every caller either with the flow's answer or with 404,
 * each answered message with its final trace.
 */
class GracefulShutdownIT {

    /** About half a second of work per message on a CI core. */
    private static final String SLOW = "{ 'count': $count($filter([1..1000000], function($v){$v % 7 = 0})) }";

    /** The trace writer never rests here, so that every message's trace is written even on a busy test machine. */
    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.with(config -> config.toBuilder()
            .traces(TraceConfig.builder().writerCpuPercent(100).build()).build());

    @Test
    void oneWayMessagesAcceptedBeforeAGracefulShutdownFinishAndAreTraced() {
        // given: a OneWay flow whose messages take a while after their 202
        SERVER.deployOk(Flow.define("ledger", f -> f.ownerId("calm").exchangePattern(ExchangePattern.OneWay)
                .restApi("ledger-in").map("book", SLOW)));
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Response response = SERVER.request().contentType("application/json").body("{\"entry\": " + i + "}")
                    .post("/calm/rs/ledger");
            response.then().statusCode(202);
            accepted.add(response.header("X-Message-Id"));
        }

        // when: the server stops (gracefully) while they run, and starts again on the same store
        SERVER.restart();

        // then: every accepted message ran to its end before the stop, and its trace says so
        for (String messageId : accepted) {
            SERVER.request().get("/api/traces/{id}", messageId).then().statusCode(200)
                    .body("state", org.hamcrest.Matchers.equalTo("COMPLETED"))
                    .body("attempts[0].steps[0].outcome", org.hamcrest.Matchers.equalTo("COMPLETED"));
        }
    }

    @Test
    void undeployUnderLoadAnswersEveryCallerWithTheFlowOr404AndLosesNoAnsweredMessage() throws Exception {
        // given: callers keep calling a flow
        SERVER.deployOk(Flow.define("busy", f -> f.ownerId("calm").restApi("busy-in").map("reply", "{ 'ok': true }")));
        AtomicBoolean running = new AtomicBoolean(true);
        Map<Integer, List<String>> answers = new ConcurrentHashMap<>();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest call = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SERVER.port() + "/calm/rs/busy"))
                .header("Authorization", SERVER.tester()).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        List<Future<?>> load = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            load.add(callers.submit(() -> {
                while (running.get()) {
                    HttpResponse<String> response = client.send(call, HttpResponse.BodyHandlers.ofString());
                    answers.computeIfAbsent(response.statusCode(), code -> java.util.Collections.synchronizedList(
                            new ArrayList<>())).add(response.statusCode() == 201 || response.statusCode() == 404
                            ? response.headers().firstValue("X-Message-Id").orElse("") : response.headers().map() + " " + response.body());
                }
                return null;
            }));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> answers.getOrDefault(201, List.of()).size() > 20);

        // when
        SERVER.request().delete("/api/flows/calm/busy").then().statusCode(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> answers.getOrDefault(404, List.of()).size() > 20);
        running.set(false);
        for (Future<?> caller : load) {
            caller.get(30, TimeUnit.SECONDS);
        }
        callers.shutdown();

        // then: no caller saw anything but the answer or 404, and every answered message is traced COMPLETED
        assertThat(answers.keySet()).as("answers other than 201 and 404: %s", answers.entrySet().stream()
                .filter(entry -> entry.getKey() != 201 && entry.getKey() != 404).toList()).containsOnly(201, 404);
        List<String> answered = List.copyOf(answers.get(201));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (String messageId : answered.subList(Math.max(0, answered.size() - 20), answered.size())) {
                SERVER.request().get("/api/traces/{id}", messageId).then().statusCode(200)
                        .body("state", org.hamcrest.Matchers.equalTo("COMPLETED"));
            }
        });
        SERVER.request().get("/api/flows/calm/busy/stats?from=2000-01-01T00:00:00Z").then().statusCode(200)
                .body("completed", org.hamcrest.Matchers.equalTo(answered.size()))
                .body("inFlight", org.hamcrest.Matchers.equalTo(0));
    }
}
