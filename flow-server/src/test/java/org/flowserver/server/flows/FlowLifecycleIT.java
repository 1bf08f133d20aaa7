package org.flowserver.server.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.support.service.ServiceHelper;
import org.flowserver.dsl.Flow;
import org.flowserver.dsl.FlowSpec;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Deploy, redeploy and undeploy at runtime (issue 2, point 3), over the management API. */
class FlowLifecycleIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.with(config -> config.toBuilder()
            .expressionTimeout(Duration.ofSeconds(60)).build());

    /** Long enough (about a second of CPU) that a request is surely in flight while the test acts. */
    private static final String SLOW = "$count($filter([1..2000000], function($v){$v % 7 = 0}))";

    @Test
    void deployAnswers201AndTheEndpointServesAtOnce() {
        SERVER.deploy(replying("fresh", "'v1'"))
                .then().statusCode(201)
                .header("Location", "/api/flows/acme/fresh")
                .body("version", equalTo(1))
                .body("endpoint", equalTo("/acme/rs/fresh"))
                .body("state.status", equalTo("enabled"))
                .body("deployment.status", equalTo("active"))
                .body("spec.processors[1].mapSpec", equalTo("{ 'version': 'v1' }"));

        SERVER.request().get("/acme/rs/fresh").then().statusCode(200).body("version", equalTo("v1"));
    }

    @Test
    void redeployAnswers200WithTheNextVersionAndServesTheNewFlowAtOnce() {
        SERVER.deployOk(replying("again", "'v1'"));

        SERVER.deploy(replying("again", "'v2'"))
                .then().statusCode(200).body("version", equalTo(2));

        SERVER.request().get("/acme/rs/again").then().statusCode(200).body("version", equalTo("v2"));
    }

    @Test
    void redeployIsAtomicUnderLoad() throws Exception {
        SERVER.deployOk(replying("swapped", "'v1'"));
        AtomicBoolean running = new AtomicBoolean(true);
        Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        List<Future<?>> load = new ArrayList<>();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest call = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SERVER.port() + "/acme/rs/swapped"))
                .header("Authorization", SERVER.tester()).GET().build();
        for (int i = 0; i < 4; i++) {
            load.add(callers.submit(() -> {
                while (running.get()) {
                    HttpResponse<String> response = client.send(call, HttpResponse.BodyHandlers.ofString());
                    String answer = response.statusCode() + " " + response.body();
                    answers.computeIfAbsent(answer, key -> new AtomicInteger()).incrementAndGet();
                }
                return null;
            }));
        }

        for (int i = 0; i < 20; i++) {
            SERVER.deploy(replying("swapped", i % 2 == 0 ? "'v2'" : "'v1'")).then().statusCode(200);
        }
        running.set(false);
        for (Future<?> caller : load) {
            caller.get(30, TimeUnit.SECONDS);
        }
        callers.shutdown();

        assertThat(answers.keySet()).containsOnly("200 {\"version\":\"v1\"}", "200 {\"version\":\"v2\"}");
        assertThat(answers.values().stream().mapToInt(AtomicInteger::get).sum()).isGreaterThan(20);
    }

    @Test
    void undeployRemovesEveryRouteItMade() {
        int camelRoutes = SERVER.server().camel().getRoutes().size();
        int httpRoutes = httpRouteCount();
        SERVER.deployOk(replying("temporary", "'here'"));
        assertThat(SERVER.server().camel().getRoute("flow.acme.temporary")).isNotNull();
        assertThat(httpRouteCount()).isEqualTo(httpRoutes + 1);

        SERVER.request().delete("/api/flows/acme/temporary").then().statusCode(204);

        assertThat(SERVER.server().camel().getRoute("flow.acme.temporary")).isNull();
        assertThat(SERVER.server().camel().getRoutes()).hasSize(camelRoutes);
        assertThat(httpRouteCount()).isEqualTo(httpRoutes);
        SERVER.request().get("/acme/rs/temporary")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("No flow 'temporary' of owner 'acme' is deployed"));
        SERVER.request().get("/api/flows/acme/temporary").then().statusCode(404);
    }

    @Test
    void aFailedDeployLeavesNothingBehindAndSaysWhy() {
        int camelRoutes = SERVER.server().camel().getRoutes().size();
        int httpRoutes = httpRouteCount();

        SERVER.deployJson("acme", "broken", replyingJson("broken", "'unterminated"))
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:flowserver:problem:invalid-flow"))
                .body("detail", startsWith("Flow 'broken' is invalid (1 problem): processors[1].mapSpec "))
                .body("errors[0].pointer", equalTo("/processors/1/mapSpec"));

        assertThat(SERVER.server().camel().getRoutes()).hasSize(camelRoutes);
        assertThat(httpRouteCount()).isEqualTo(httpRoutes);
        SERVER.request().get("/api/flows/acme/broken").then().statusCode(404);
        SERVER.request().get("/acme/rs/broken").then().statusCode(404);
    }

    @Test
    void aFailedRedeployKeepsTheDeployedFlowServing() {
        SERVER.deployOk(replying("steady", "'v1'"));

        SERVER.deployJson("acme", "steady", replyingJson("steady", "(")).then().statusCode(400);

        SERVER.request().get("/acme/rs/steady").then().statusCode(200).body("version", equalTo("v1"));
        SERVER.request().get("/api/flows/acme/steady").then().statusCode(200).body("version", equalTo(1));
    }

    @Test
    void aFlowNamingASpecThatWasNeverUploadedFailsToDeployAndLeavesNothingBehind() {
        SERVER.deploy(Flow.define("specced", f -> f.ownerId("acme")
                        .restApi("specced-in", r -> r.apiSpecId("OpenAPIv3:orders:latest"))))
                .then().statusCode(400)
                .body("detail", equalTo("Flow 'specced' is invalid (1 problem): processors[0].apiSpecId "
                        + "'OpenAPIv3:orders:latest': owner 'acme' has no spec 'orders'; upload it with PUT "
                        + "/api/specs/acme/orders"))
                .body("errors[0].pointer", equalTo("/processors/0/apiSpecId"));

        SERVER.request().get("/api/flows/acme/specced").then().statusCode(404);
        SERVER.request().get("/acme/rs/specced").then().statusCode(404);
    }

    @Test
    void deployedFlowsSurviveARestart() {
        SERVER.deployOk(replying("durable", "'still here'"));
        SERVER.deployOk(replying("durable", "'still here, v2'"));

        SERVER.restart();

        SERVER.request().get("/acme/rs/durable").then().statusCode(200).body("version", equalTo("still here, v2"));
        SERVER.request().get("/api/flows/acme/durable").then().statusCode(200)
                .body("version", equalTo(2))
                .body("deployment.status", equalTo("active"));
    }

    @Test
    void undeployLetsMessagesInFlightFinish() throws Exception {
        SERVER.deployOk(replying("draining", SLOW));
        CompletableFuture<Response> inFlight = CompletableFuture.supplyAsync(
                () -> SERVER.request().get("/acme/rs/draining"));
        await().atMost(Duration.ofSeconds(10)).until(() -> SERVER.server().camel().getInflightRepository()
                .size("flow.acme.draining") > 0);

        CompletableFuture<Response> undeploy = CompletableFuture.supplyAsync(
                () -> SERVER.request().delete("/api/flows/acme/draining"));
        // A new call while the flow drains is told the flow is going away, as it will be once it is gone.
        Response turnedAway = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> SERVER.request().get("/acme/rs/draining"), response -> response.statusCode() == 404);
        assertThat(undeploy).isNotDone();
        turnedAway.then().contentType("application/problem+json")
                .body("detail", equalTo("No flow 'draining' of owner 'acme' is deployed"));
        undeploy.get(30, TimeUnit.SECONDS).then().statusCode(204);
        assertThat(inFlight).isDone();
        inFlight.get().then().statusCode(200).body("version", equalTo(285714));
        SERVER.request().get("/acme/rs/draining").then().statusCode(404);
    }

    private static int httpRouteCount() {
        return VertxPlatformHttpRouter.lookup(SERVER.server().camel(),
                VertxPlatformHttpRouter.PLATFORM_HTTP_ROUTER_NAME_ZERO).getRoutes().size();
    }

    /** The JSON of {@link #replying}, unvalidated, so that a broken expression reaches the server. */
    private static String replyingJson(String id, String version) {
        return "{\"id\": \"" + id + "\", \"ownerId\": \"acme\", \"processors\": [{\"type\": \"restApi\", \"id\": \""
                + id + "-in\"}, {\"type\": \"map\", \"id\": \"reply\", \"mapSpec\": \"{ 'version': " + version + " }\"}]}";
    }

    private static FlowSpec replying(String id, String version) {
        return Flow.define(id, f -> f.ownerId("acme").restApi(id + "-in").map("reply", "{ 'version': " + version + " }"));
    }
}
