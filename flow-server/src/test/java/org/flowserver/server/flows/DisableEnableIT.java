package org.flowserver.server.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Disabling and enabling a flow over the management API: a reason is required, who and when are kept, a
 * disabled flow still validates (400 for a bad request) and then answers 503 with the seed's message and
 * {@code Retry-After}, enabling restores service at once, and the state survives redeploys and restarts.
 */
class DisableEnableIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();

    private static final String SPEC = """
            {"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
             "paths": {"/orders": {"post": {
               "requestBody": {"required": true, "content": {"application/json": {"schema": {
                 "type": "object", "required": ["qty"], "properties": {"qty": {"type": "integer"}}}}}},
               "responses": {"201": {"description": "ok"}}}}}}""";

    @BeforeAll
    static void deploy() {
        SERVER.uploadSpecOk("ops", "orders", SPEC);
        SERVER.deployOk(Flow.define("orders", f -> f.ownerId("ops")
                .restApi("orders-in", r -> r.apiSpecId("OpenAPIv3:orders:latest"))));
        SERVER.deployOk(Flow.define("toggled", f -> f.ownerId("ops").restApi("toggled-in")));
    }

    @Test
    void aDisabledFlowValidatesThenAnswers503UntilEnabled() {
        SERVER.request().contentType("application/json").body("{\"reason\": \"Supplier outage, ticket OPS-17\"}")
                .post("/api/flows/ops/orders/disable")
                .then().statusCode(200)
                .body("state.status", equalTo("disabled"))
                .body("state.reason", equalTo("Supplier outage, ticket OPS-17"))
                .body("state.changedBy", equalTo("admin"))
                .body("state.changedAt", notNullValue());

        SERVER.request().contentType("application/json").body("{\"qty\": \"many\"}").post("/ops/rs/orders/orders")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/qty"));
        SERVER.request().contentType("application/json").body("{\"qty\": 2}").post("/ops/rs/orders/orders")
                .then().statusCode(503).contentType("application/json").header("Retry-After", "60")
                .body("message", equalTo("Request rejected because the endpoint has been disabled."));
        SERVER.request().get("/api/flows/ops/orders").then().body("state.status", equalTo("disabled"));

        SERVER.request().post("/api/flows/ops/orders/enable")
                .then().statusCode(200).body("state.status", equalTo("enabled"));
        SERVER.request().contentType("application/json").body("{\"qty\": 2}").post("/ops/rs/orders/orders")
                .then().statusCode(201);
    }

    @Test
    void aReasonIsRequired() {
        for (String body : List.of("", "{}", "{\"reason\": \"  \"}", "{\"reason\": 5}")) {
            SERVER.request().contentType("application/json").body(body).post("/api/flows/ops/toggled/disable")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].pointer", equalTo("/reason"));
        }
        SERVER.request().contentType("application/json").body("{\"reason\": \"" + "x".repeat(1001) + "\"}")
                .post("/api/flows/ops/toggled/disable")
                .then().statusCode(400)
                .body("errors[0].message", equalTo("the reason must be at most 1000 characters"));
        SERVER.request().get("/ops/rs/toggled").then().statusCode(200);
    }

    @Test
    void anUnknownFlowIs404AndOtherMethodsAre405() {
        SERVER.request().contentType("application/json").body("{\"reason\": \"r\"}").post("/api/flows/ops/nothing/disable")
                .then().statusCode(404);
        SERVER.request().get("/api/flows/ops/toggled/disable").then().statusCode(405).header("Allow", "POST");
    }

    @Test
    void theStateSurvivesARedeployAndARestart() {
        SERVER.deployOk(Flow.define("kept", f -> f.ownerId("ops").restApi("kept-in")));
        SERVER.request().contentType("application/json").body("{\"reason\": \"maintenance\"}")
                .post("/api/flows/ops/kept/disable").then().statusCode(200);

        SERVER.deployOk(Flow.define("kept", f -> f.ownerId("ops").description("redeployed").restApi("kept-in")));
        SERVER.request().get("/ops/rs/kept").then().statusCode(503);

        SERVER.restart();
        SERVER.request().get("/ops/rs/kept").then().statusCode(503);
        SERVER.request().get("/api/flows/ops/kept").then().body("state.reason", equalTo("maintenance"));

        SERVER.request().delete("/api/flows/ops/kept").then().statusCode(204);
        SERVER.deployOk(Flow.define("kept", f -> f.ownerId("ops").restApi("kept-in")));
        SERVER.request().get("/ops/rs/kept").then().statusCode(200);
    }

    @Test
    void requestsDuringTogglingGetEitherAnAnswerOrA503AndNothingElse() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + SERVER.port() + "/ops/rs/toggled");
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentHashMap<Integer, Integer> statuses = new ConcurrentHashMap<>();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            futures.add(callers.submit(() -> {
                while (running.get()) {
                    int status = client.send(HttpRequest.newBuilder(uri).header("Authorization", SERVER.tester()).GET().build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                    statuses.merge(status, 1, Integer::sum);
                }
                return null;
            }));
        }
        for (int i = 0; i < 10; i++) {
            SERVER.request().contentType("application/json").body("{\"reason\": \"toggle " + i + "\"}")
                    .post("/api/flows/ops/toggled/disable").then().statusCode(200);
            Thread.sleep(20);
            SERVER.request().post("/api/flows/ops/toggled/enable").then().statusCode(200);
            Thread.sleep(20);
        }
        running.set(false);
        for (Future<?> future : futures) {
            future.get();
        }
        callers.shutdown();

        assertThat(statuses.keySet()).containsOnly(200, 503);
        assertThat(statuses.get(200)).isPositive();
        SERVER.request().get("/ops/rs/toggled").then().statusCode(200);
    }
}
