package org.flowserver.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
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
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A flow has at most max-in-flight-per-flow requests in flight: one more is refused at once with 503
 * {@code flow-overloaded} and {@code Retry-After}, while other flows keep serving.
 */
class InFlightLimitIT {

    private static final int LIMIT = 2;

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.with(config -> config.toBuilder()
            .maxInFlightPerFlow(LIMIT).requestTimeout(Duration.ofSeconds(4)).build());

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void deployFlows() {
        SERVER.deployOk(Flow.define("closed", f -> f.ownerId("acme").handoffSource("closed-in")));
        SERVER.request().contentType("application/json").body("{\"reason\": \"holds the slow flow\"}")
                .post("/api/flows/acme/closed/disable").then().statusCode(200);
        // A message with "slow": true waits for a handoff to a disabled flow to be tried again, long after its
        // caller got a 504 at the request timeout; any other message is answered at once.
        SERVER.deployOk(Flow.define("slow", f -> f.ownerId("acme").restApi("slow-in", r -> r.access(Access.PUBLIC))
                .filter("only-slow", "payload.slow = true")
                .handoff("to-closed", "closed")
                .redeliveryPolicy(p -> p.maxAttempts(2).initialDelay(Duration.ofSeconds(30)))));
        SERVER.deployOk(Flow.define("healthy", f -> f.ownerId("other").restApi("healthy-in", r -> r.access(Access.PUBLIC))
                .setPayload("to-reply", "{ 'ok': true }")));
    }

    @Test
    void aRequestOverTheLimitIs503FlowOverloadedWithRetryAfter() {
        // given
        List<CompletableFuture<HttpResponse<String>>> held = holdTheFlow();

        // when
        Response response = awaitRefusal();

        // then
        response.then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "1")
                .body("type", equalTo("urn:flowserver:problem:flow-overloaded"))
                .body("title", equalTo("Flow overloaded"))
                .body("detail", equalTo("Flow 'slow' of owner 'acme' has 2 requests in flight, its limit; retry "
                        + "after 1 second"));
        held.forEach(request -> assertThat(request.join().statusCode()).isEqualTo(504));
    }

    @Test
    void anotherFlowKeepsServingWhileOneIsAtItsLimit() {
        // given
        List<CompletableFuture<HttpResponse<String>>> held = holdTheFlow();
        awaitRefusal();

        // when
        Response response = SERVER.request().get("/other/rs/healthy");

        // then
        response.then().statusCode(200).body("ok", equalTo(true));
        held.forEach(CompletableFuture::join);
    }

    @Test
    void theFlowServesAgainOnceItsRequestsHaveEnded() {
        // given
        List<CompletableFuture<HttpResponse<String>>> held = holdTheFlow();
        awaitRefusal();
        held.forEach(CompletableFuture::join);

        // when
        Response response = quickRequest();

        // then
        response.then().statusCode(201).body("slow", equalTo(false));
    }

    /** Sends as many slow requests as the limit allows; each is answered with a 504 after the request timeout. */
    private static List<CompletableFuture<HttpResponse<String>>> holdTheFlow() {
        return IntStream.range(0, LIMIT).mapToObj(i -> CLIENT.sendAsync(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + SERVER.port() + "/acme/rs/slow"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"slow\": true}")).build(),
                HttpResponse.BodyHandlers.ofString())).toList();
    }

    /**
     * Sends quick requests until one is refused, as soon as the slow ones are in flight. The slow ones hold the
     * flow until the request timeout (4 s); on a loaded 2-core machine they can take over a second to arrive.
     */
    private static Response awaitRefusal() {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        Response response = quickRequest();
        while (response.statusCode() != 503 && System.nanoTime() < deadline) {
            response = quickRequest();
        }
        return response;
    }

    private static Response quickRequest() {
        return SERVER.request().contentType("application/json").body("{\"slow\": false}").post("/acme/rs/slow");
    }
}
