package org.flowserver.server.failures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.flowserver.server.failures.Traced.awaitTrace;
import static org.flowserver.server.failures.Traced.awaitTraceOf;
import static org.flowserver.server.failures.Traced.messageId;
import static org.hamcrest.Matchers.equalTo;

import ch.qos.logback.classic.Level;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.flowserver.server.LogCapture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redelivery over HTTP: a transient failure (here a handoff to a disabled flow) is retried as the flow's policy
 * says, each attempt in the trace; exhausted, it reaches the dead-letter flow as transient-exhausted; a failure
 * that is not transient is never retried.
 */
class RedeliveryIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();

    @BeforeAll
    static void deploy() {
        SERVER.deployOk(Flow.define("dlq", f -> f.ownerId("redo").handoffSource("dlq-in")));
        SERVER.deployOk(Flow.define("stock", f -> f.ownerId("redo").handoffSource("stock-in")));
        SERVER.deployOk(Flow.define("paused", f -> f.ownerId("redo").handoffSource("paused-in")));
        SERVER.request().contentType("application/json").body("{\"reason\": \"maintenance\"}")
                .post("/api/flows/redo/paused/disable").then().statusCode(200);
        SERVER.deployOk(Flow.define("orders", f -> f.ownerId("redo")
                .restApi("orders-in", r -> r.retainPayloadOnFailure(true))
                .map("mark", m -> m.mapSpec("{ 'orderId': payload.orderId, 'marks': (payload.marks ? payload.marks : 0) + 1 }")
                        .payloadArchivingStrategy(a -> { }))
                .handoff("to-paused", "paused")
                .deadLetterStrategy("dlq")
                .redeliveryPolicy(p -> p.maxAttempts(3).initialDelay(Duration.ofMillis(50)).multiplier(2.0))));
        SERVER.deployOk(Flow.define("broken", f -> f.ownerId("redo")
                .restApi("broken-in")
                .map("explode", "$error('not transient')")
                .redeliveryPolicy(p -> p.maxAttempts(5).initialDelay(Duration.ofMillis(50)))));
    }

    @Test
    void retriesATransientFailureAndSendsTheExhaustedMessageToTheDeadLetterFlow() {
        // when
        Response response = SERVER.request().contentType("application/json").header("X-Correlation-Id", "redo-1")
                .body("{\"orderId\": 1}").post("/redo/rs/orders");

        // then: three attempts, each from the message as it arrived (the third marks it once, not three times),
        // then the caller's 500 and the dead letter
        response.then().statusCode(500);
        JsonPath trace = awaitTrace(SERVER, messageId(response), "FAILED");
        assertThat(trace.getList("attempts.number")).containsExactly(1, 2, 3);
        assertThat(trace.getList("attempts[2].steps.processorId")).containsExactly("mark", "to-paused");
        assertThat(trace.getList("attempts.steps.outcome").toString())
                .isEqualTo("[[COMPLETED, FAILED], [COMPLETED, FAILED], [COMPLETED, FAILED]]");
        assertThat(trace.getString("attempts[2].steps[0].payloadAfter.content")).isEqualTo("{\"orderId\":1,\"marks\":1}");
        assertThat(trace.getString("error.category")).isEqualTo("transient-exhausted");
        assertThat(trace.getString("error.type")).isEqualTo("handoff-target-disabled");
        assertThat(trace.getString("error.processorId")).isEqualTo("to-paused");
        assertThat(trace.getString("error.message")).startsWith(
                "Processor 'to-paused' (handoff) failed on each of 3 attempts: Flow 'paused' of owner 'redo' is disabled");
        JsonPath deadLetter = awaitTraceOf(SERVER, "redo", "dlq", "redo-1", "COMPLETED");
        assertThat(deadLetter.getString("originalMessageId")).isEqualTo(messageId(response));
    }

    @Test
    void waitsTheGrowingDelayBetweenAttempts() {
        // when
        Response response = SERVER.request().contentType("application/json").body("{\"orderId\": 2}")
                .post("/redo/rs/orders");

        // then: 50 ms before the second attempt, 100 ms before the third
        JsonPath trace = awaitTrace(SERVER, messageId(response), "FAILED");
        java.time.Instant first = java.time.Instant.parse(trace.getString("attempts[0].start"));
        java.time.Instant second = java.time.Instant.parse(trace.getString("attempts[1].start"));
        java.time.Instant third = java.time.Instant.parse(trace.getString("attempts[2].start"));
        assertThat(Duration.between(first, second)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertThat(Duration.between(second, third)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void succeedsOnALaterAttemptOnceTheTransientCauseIsGone() {
        // given: a flow that waits 2 s before its second attempt, handing off to a disabled flow
        SERVER.request().contentType("application/json").body("{\"reason\": \"restocking\"}")
                .post("/api/flows/redo/stock/disable").then().statusCode(200);
        SERVER.deployOk(Flow.define("refill", f -> f.ownerId("redo")
                .restApi("refill-in")
                .handoff("to-stock", "stock")
                .map("reply", "{ 'refilled': payload.item }")
                .redeliveryPolicy(p -> p.maxAttempts(3).initialDelay(Duration.ofSeconds(2)))));

        // when: the target is enabled while the message waits for its second attempt
        Response response;
        try (LogCapture retries = LogCapture.of("org.flowserver.processors.FlowPipeline", Level.WARN)) {
            CompletableFuture<Response> pending = CompletableFuture.supplyAsync(() -> SERVER.request()
                    .contentType("application/json").body("{\"item\": \"bolt\"}").post("/redo/rs/refill"));
            await().atMost(Duration.ofSeconds(5)).until(() -> retries.events().stream().anyMatch(event ->
                    event.getFormattedMessage().equals("Transient failure; the message is tried again after the delay")));
            SERVER.request().post("/api/flows/redo/stock/enable").then().statusCode(200);
            response = pending.join();
        }

        // then
        response.then().statusCode(201).body("refilled", equalTo("bolt"));
        JsonPath trace = awaitTrace(SERVER, messageId(response), "COMPLETED");
        assertThat(trace.getList("attempts.number")).containsExactly(1, 2);
        assertThat(trace.getString("attempts[0].steps[0].outcome")).isEqualTo("FAILED");
        assertThat(trace.getList("attempts[1].steps.outcome")).containsExactly("COMPLETED", "COMPLETED");
    }

    @Test
    void neverRetriesAFailureThatIsNotTransient() {
        // when
        Response response = SERVER.request().contentType("application/json").body("{}").post("/redo/rs/broken");

        // then
        response.then().statusCode(500);
        JsonPath trace = awaitTrace(SERVER, messageId(response), "FAILED");
        assertThat(trace.getList("attempts.number")).containsExactly(1);
        assertThat(trace.getString("error.category")).isEqualTo("processing");
    }

    @Test
    void refusesAPolicyOutOfRangeNamingEachField() {
        SERVER.deployJson("redo", "wild", """
                        {"id": "wild", "ownerId": "redo", "processors": [{"type": "restApi", "id": "wild-in"}],
                         "redeliveryPolicy": {"maxAttempts": 0, "initialDelayMillis": 5000, "multiplier": 0.5,
                                              "maxDelayMillis": 1000}}""")
                .then().statusCode(400)
                .body("errors.pointer", org.hamcrest.Matchers.contains("/redeliveryPolicy/maxAttempts",
                        "/redeliveryPolicy/initialDelayMillis", "/redeliveryPolicy/multiplier"))
                .body("errors[0].message", equalTo("redeliveryPolicy.maxAttempts 0 is out of range; use 1 (never "
                        + "retry) to 100"))
                .body("errors[1].message", equalTo("redeliveryPolicy.initialDelayMillis 5000 is out of range; use 0 "
                        + "to maxDelayMillis (1000)"))
                .body("errors[2].message", equalTo("redeliveryPolicy.multiplier 0.5 is out of range; use 1.0 (a "
                        + "constant delay) to 10.0"));
    }

    @Test
    void showsThePolicyInTheFlowJson() {
        SERVER.request().get("/api/flows/redo/orders").then().statusCode(200)
                .body("spec.redeliveryPolicy.maxAttempts", equalTo(3))
                .body("spec.redeliveryPolicy.initialDelayMillis", equalTo(50))
                .body("spec.redeliveryPolicy.multiplier", equalTo(2.0f))
                .body("spec.redeliveryPolicy.maxDelayMillis", equalTo(30000));
    }
}
