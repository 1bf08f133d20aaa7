package org.flowserver.server.failures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowserver.server.failures.Traced.awaitTrace;
import static org.flowserver.server.failures.Traced.awaitTraceOf;
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
 * The caller of a RequestResponse flow waits at most request-timeout-ms: then it gets a 504 problem, the flow
 * stops before its next processor or attempt, and the message is a failed one (trace, dead-letter flow).
 */
class RequestTimeoutIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.with(config -> config.toBuilder()
            .requestTimeout(Duration.ofMillis(700)).build());

    @BeforeAll
    static void deploy() {
        SERVER.deployOk(Flow.define("late-dlq", f -> f.ownerId("slow").handoffSource("late-dlq-in")));
        SERVER.deployOk(Flow.define("closed", f -> f.ownerId("slow").handoffSource("closed-in")));
        SERVER.request().contentType("application/json").body("{\"reason\": \"closed for the test\"}")
                .post("/api/flows/slow/closed/disable").then().statusCode(200);
        // The handoff fails transiently at once; the second attempt would come 5 s later, long after the timeout.
        SERVER.deployOk(Flow.define("waiting", f -> f.ownerId("slow")
                .restApi("waiting-in", r -> r.retainPayloadOnFailure(true))
                .handoff("to-closed", "closed")
                .map("reply", "{ 'done': true }")
                .deadLetterStrategy("late-dlq")
                .redeliveryPolicy(p -> p.maxAttempts(3).initialDelay(Duration.ofSeconds(5)))));
        SERVER.deployOk(Flow.define("quick", f -> f.ownerId("slow").restApi("quick-in").map("reply", "{ 'done': true }")));
    }

    @Test
    void answers504WhenTheFlowDoesNotAnswerInTime() {
        // when
        long start = System.nanoTime();
        Response response = SERVER.request().contentType("application/json").header("X-Correlation-Id", "late-1")
                .body("{\"orderId\": 1}").post("/slow/rs/waiting");
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        // then
        String messageId = messageId(response);
        response.then().statusCode(504).contentType("application/problem+json")
                .body("type", equalTo("urn:flowserver:problem:flow-timeout"))
                .body("title", equalTo("Flow timeout"))
                .body("detail", equalTo("The flow did not answer within 700 ms; it stops before its next processor. "
                        + "The trace of message " + messageId + " shows how far it got."));
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(700)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void stopsTheFlowAndRecordsTheMessageAsFailed() {
        // when
        Response response = SERVER.request().contentType("application/json").header("X-Correlation-Id", "late-2")
                .body("{\"orderId\": 2}").post("/slow/rs/waiting");

        // then: the second attempt never ran, and the message went to the dead-letter flow with its payload
        response.then().statusCode(504);
        JsonPath trace = awaitTrace(SERVER, messageId(response), "FAILED");
        assertThat(trace.getList("attempts.number")).containsExactly(1);
        assertThat(trace.getString("error.category")).isEqualTo("processing");
        assertThat(trace.getString("error.type")).isEqualTo("flow-timeout");
        assertThat(trace.getString("error.processorId")).isEqualTo("to-closed");
        assertThat(trace.getString("error.message")).startsWith("The flow did not answer within the request timeout "
                + "of 700 ms; the caller got 504 and the flow failed: Processor 'to-closed' (handoff) failed");
        JsonPath deadLetter = awaitTraceOf(SERVER, "slow", "late-dlq", "late-2", "COMPLETED");
        assertThat(deadLetter.getString("originalMessageId")).isEqualTo(messageId(response));
    }

    @Test
    void answersAsUsualWithinTheTimeout() {
        SERVER.request().contentType("application/json").body("{}").post("/slow/rs/quick")
                .then().statusCode(201).body("done", equalTo(true));
    }
}
