package org.flowserver.server.failures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowserver.server.failures.Traced.awaitTrace;
import static org.flowserver.server.failures.Traced.awaitTraceOf;
import static org.flowserver.server.failures.Traced.messageId;
import static org.hamcrest.Matchers.equalTo;

import ch.qos.logback.classic.Level;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.flowserver.dsl.ExchangePattern;
import org.flowserver.dsl.Flow;
import org.flowserver.processors.handoff.DeadLetters;
import org.flowserver.server.FlowServerExtension;
import org.flowserver.server.LogCapture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Dead-letter flows over HTTP: a failed message reaches its flow's dead-letter flow with the error, its lineage
 * and exchange properties as {@code deadLetter.*} properties, and its payload only when
 * {@code retainPayloadOnFailure} keeps it; a delivery that fails is logged and recorded, never dropped.
 */
class DeadLetterIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();

    @BeforeAll
    static void deploy() {
        SERVER.deployOk(Flow.define("dlq", f -> f.ownerId("dead")
                .handoffSource("dlq-in")
                .setPayload("keep", s -> s.source("payload").payloadArchivingStrategy(a -> a.archiveAfter(false)))));
        SERVER.deployOk(Flow.define("broken-dlq", f -> f.ownerId("dead")
                .handoffSource("broken-dlq-in")
                .map("explode-too", "$error('the dead-letter flow broke')")));
        SERVER.deployOk(Flow.define("retains", f -> f.ownerId("dead")
                .restApi("retains-in", r -> r.exchangeProperty("tenant", "acme"))
                .map("enrich", "{ 'orderId': payload.orderId, 'enriched': true }")
                .map("explode", m -> m.mapSpec("$error('boom')").retainPayloadOnFailure(true))
                .deadLetterStrategy("dlq")));
        SERVER.deployOk(Flow.define("forgets", f -> f.ownerId("dead")
                .restApi("forgets-in")
                .map("explode", "$error('boom')")
                .deadLetterStrategy("dlq")));
        SERVER.deployOk(Flow.define("source-keeps", f -> f.ownerId("dead")
                .restApi("source-keeps-in", r -> r.retainPayloadOnFailure(true))
                .map("enrich", "{ 'enriched': true }")
                .map("explode", "$error('boom')")
                .deadLetterStrategy("dlq")));
        SERVER.deployOk(Flow.define("one-way", f -> f.ownerId("dead").exchangePattern(ExchangePattern.OneWay)
                .restApi("one-way-in", r -> r.retainPayloadOnFailure(true))
                .map("explode", "$error('boom')")
                .deadLetterStrategy("dlq")));
        SERVER.deployOk(Flow.define("to-broken", f -> f.ownerId("dead")
                .restApi("to-broken-in")
                .map("explode", "$error('boom')")
                .deadLetterStrategy("broken-dlq")));
    }

    @Test
    void aProcessingErrorReachesTheDeadLetterFlowWithThePayloadTheFailingProcessorRetained() {
        // when
        Response response = post("/dead/rs/retains", "dl-retained", "{\"orderId\": 11}");

        // then the caller has its 500 and the dead letter has everything
        response.then().statusCode(500).body("type", equalTo("urn:flowserver:problem:processing-failed"));
        String failedId = messageId(response);
        awaitTrace(SERVER, failedId, "FAILED");
        JsonPath dead = awaitTraceOf(SERVER, "dead", "dlq", "dl-retained", "COMPLETED");
        assertThat(dead.getString("originalMessageId")).isEqualTo(failedId);
        assertThat(dead.getString("attempts[0].steps[0].payloadBefore.content"))
                .isEqualTo("{\"orderId\":11,\"enriched\":true}");
        JsonPath properties = JsonPath.from(dead.prettify());
        String at = "attempts[0].steps[0].properties.";
        assertThat(properties.getString(at + "'deadLetter.originalMessageId'")).isEqualTo(failedId);
        assertThat(properties.getString(at + "'deadLetter.flowId'")).isEqualTo("retains");
        assertThat(properties.getString(at + "'deadLetter.error.category'")).isEqualTo("processing");
        assertThat(properties.getString(at + "'deadLetter.error.type'")).isEqualTo("JException");
        assertThat(properties.getString(at + "'deadLetter.error.message'"))
                .isEqualTo("Processor 'explode' (map) failed: boom");
        assertThat(properties.getString(at + "'deadLetter.error.processorId'")).isEqualTo("explode");
        assertThat(properties.getString(at + "tenant")).isEqualTo("acme");
        assertThat(properties.getString(at + "'http.method'")).isEqualTo("POST");
    }

    @Test
    void withoutRetainPayloadOnFailureTheDeadLetterHasNoPayload() {
        // when
        Response response = post("/dead/rs/forgets", "dl-forgets", "{\"secret\": \"kept out\"}");

        // then
        response.then().statusCode(500);
        JsonPath dead = awaitTraceOf(SERVER, "dead", "dlq", "dl-forgets", "COMPLETED");
        assertThat(dead.getString("attempts[0].steps[0].payloadBefore.kind")).isEqualTo("none");
        assertThat(dead.getString("attempts[0].steps[0].properties.'deadLetter.error.processorId'"))
                .isEqualTo("explode");
    }

    @Test
    void retainPayloadOnFailureOnTheSourceKeepsThePayloadAsItEnteredTheFlow() {
        // when
        Response response = post("/dead/rs/source-keeps", "dl-source", "{\"orderId\": 12}");

        // then
        response.then().statusCode(500);
        JsonPath dead = awaitTraceOf(SERVER, "dead", "dlq", "dl-source", "COMPLETED");
        assertThat(dead.getString("attempts[0].steps[0].payloadBefore.content")).isEqualTo("{\"orderId\":12}");
    }

    @Test
    void aOneWayMessageThatFailsAfterItsAnswerReachesTheDeadLetterFlow() {
        // when
        Response response = post("/dead/rs/one-way", "dl-one-way", "{\"orderId\": 13}");

        // then
        response.then().statusCode(202);
        JsonPath dead = awaitTraceOf(SERVER, "dead", "dlq", "dl-one-way", "COMPLETED");
        assertThat(dead.getString("originalMessageId")).isEqualTo(messageId(response));
        assertThat(dead.getString("attempts[0].steps[0].payloadBefore.content")).isEqualTo("{\"orderId\":13}");
    }

    @Test
    void aDeadLetterFlowThatFailsIsLoggedAndRecordedAsFailed() {
        try (LogCapture log = LogCapture.of(DeadLetters.class, Level.ERROR)) {
            // when
            Response response = post("/dead/rs/to-broken", "dl-broken", "{}");

            // then
            response.then().statusCode(500);
            JsonPath dead = awaitTraceOf(SERVER, "dead", "broken-dlq", "dl-broken", "FAILED");
            assertThat(dead.getString("originalMessageId")).isEqualTo(messageId(response));
            assertThat(dead.getString("error.processorId")).isEqualTo("explode-too");
            assertThat(log.events()).anySatisfy(event -> assertThat(event.getFormattedMessage())
                    .isEqualTo("The dead-letter flow failed on the dead letter: Processor 'explode-too' (map) "
                            + "failed: the dead-letter flow broke"));
        }
    }

    @Test
    void aDeadLetterFlowUndeployedLaterLeavesAFailedTraceAndAnErrorLog() {
        // given
        SERVER.deployOk(Flow.define("short-dlq", f -> f.ownerId("dead").handoffSource("short-dlq-in")));
        SERVER.deployOk(Flow.define("orphan", f -> f.ownerId("dead").restApi("orphan-in")
                .map("explode", "$error('boom')").deadLetterStrategy("short-dlq")));
        SERVER.request().delete("/api/flows/dead/short-dlq").then().statusCode(204);

        try (LogCapture log = LogCapture.of(DeadLetters.class, Level.ERROR)) {
            // when
            Response response = post("/dead/rs/orphan", "dl-orphan", "{}");

            // then
            response.then().statusCode(500);
            JsonPath dead = awaitTraceOf(SERVER, "dead", "short-dlq", "dl-orphan", "FAILED");
            assertThat(dead.getString("originalMessageId")).isEqualTo(messageId(response));
            assertThat(dead.getString("error.type")).isEqualTo("dead-letter-undeliverable");
            assertThat(dead.getString("error.message")).isEqualTo("The dead letter of message "
                    + messageId(response) + " of flow 'orphan' could not be delivered: Flow 'short-dlq' of owner "
                    + "'dead' is not deployed; deploy it with a handoff source");
            assertThat(log.events()).anySatisfy(event -> assertThat(event.getFormattedMessage())
                    .startsWith("The dead letter could not be delivered: Flow 'short-dlq'"));
        }
    }

    @Test
    void aFlowWhoseDeadLetterFlowIsNotRunningIsRefused() {
        SERVER.deployJson("dead", "hopeful", """
                        {"id": "hopeful", "ownerId": "dead", "processors": [{"type": "restApi", "id": "hopeful-in"}],
                         "deadLetterStrategy": {"flowId": "missing-dlq"}}""")
                .then().statusCode(400)
                .body("errors[0].pointer", equalTo("/deadLetterStrategy/flowId"))
                .body("errors[0].message", equalTo("deadLetterStrategy.flowId 'missing-dlq' is not a running flow "
                        + "of owner 'dead'; deploy it first, with a handoff source"));
    }

    private static Response post(String path, String correlationId, String body) {
        return SERVER.request().contentType("application/json").header("X-Correlation-Id", correlationId)
                .body(body).post(path);
    }
}
