package org.flowserver.server.failures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowserver.server.failures.Traced.awaitTrace;
import static org.flowserver.server.failures.Traced.messageId;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code forwardMessagePreprocessingErrors} on the source and on the dead-letter strategy, all four
 * combinations: the caller always gets its 4xx; with the source flag on the request is a FAILED message of the
 * flow, handed to the dead-letter flow only when the strategy's flag is on too; with it off the request is
 * REJECTED and goes nowhere.
 */
class PreprocessingErrorsIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();

    @BeforeAll
    static void deploy() {
        SERVER.deployOk(Flow.define("dlq", f -> f.ownerId("pre").handoffSource("dlq-in")));
        deploy("both-on", true, true);
        deploy("source-on", true, false);
        deploy("strategy-on", false, true);
        deploy("both-off", false, false);
    }

    private static void deploy(String flowId, boolean sourceForwards, boolean strategyForwards) {
        SERVER.deployOk(Flow.define(flowId, f -> f.ownerId("pre")
                .restApi(flowId + "-in", r -> r.forwardMessagePreprocessingErrors(sourceForwards)
                        .retainPayloadOnFailure(true))
                .deadLetterStrategy(d -> d.flowId("dlq").forwardMessagePreprocessingErrors(strategyForwards))));
    }

    @Test
    void bothOnTheRequestFailsAndReachesTheDeadLetterFlowWithItsError() {
        Response response = post("both-on");

        String id = messageId(response);
        JsonPath trace = awaitTrace(SERVER, id, "FAILED");
        assertThat(trace.getString("error.category")).isEqualTo("preprocessing");
        assertThat(trace.getString("error.type")).isEqualTo("malformed-json");
        JsonPath dead = Traced.awaitTraceOf(SERVER, "pre", "dlq", "pre-both-on", "COMPLETED");
        assertThat(dead.getString("originalMessageId")).isEqualTo(id);
    }

    @Test
    void sourceOnlyTheRequestFailsButStaysOutOfTheDeadLetterFlow() {
        Response response = post("source-on");

        awaitTrace(SERVER, messageId(response), "FAILED");
        assertNoDeadLetter("pre-source-on");
    }

    @Test
    void strategyOnlyTheRequestIsRejectedAndGoesNowhere() {
        Response response = post("strategy-on");

        JsonPath trace = awaitTrace(SERVER, messageId(response), "REJECTED");
        assertThat(trace.getString("error.category")).isEqualTo("preprocessing");
        assertNoDeadLetter("pre-strategy-on");
    }

    @Test
    void bothOffTheRequestIsRejectedAndGoesNowhere() {
        Response response = post("both-off");

        awaitTrace(SERVER, messageId(response), "REJECTED");
        assertNoDeadLetter("pre-both-off");
    }

    private static Response post(String flowId) {
        Response response = SERVER.request().contentType("application/json").header("X-Correlation-Id", "pre-" + flowId)
                .body("{\"broken\": ").post("/pre/rs/" + flowId);
        response.then().statusCode(400).body("type", equalTo("urn:flowserver:problem:malformed-json"));
        return response;
    }

    private static void assertNoDeadLetter(String correlationId) {
        // A dead letter would be written right after the message's own trace: none may appear for a while.
        org.awaitility.Awaitility.await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3))
                .until(() -> SERVER.request().queryParam("ownerId", "pre").queryParam("flowId", "dlq")
                        .queryParam("correlationId", correlationId).get("/api/traces")
                        .then().statusCode(200).extract().jsonPath().getList("traces").isEmpty());
    }
}
