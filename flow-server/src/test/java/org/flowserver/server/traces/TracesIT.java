package org.flowserver.server.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowserver.server.traces.TraceCalls.awaitTrace;
import static org.flowserver.server.traces.TraceCalls.messageId;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The full trace of a message over HTTP: after a success, a failure and a rejection; archived payloads. */
class TracesIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();

    private static final String SPEC = """
            openapi: 3.0.3
            info: {title: Orders, version: "1"}
            paths:
              /orders:
                post:
                  operationId: createOrder
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema: {type: object, required: [qty], properties: {qty: {type: integer, minimum: 1}}}
                  responses:
                    "201": {description: created}
            """;

    @BeforeAll
    static void deployFlows() {
        SERVER.deployOk(Flow.define("orders", f -> f.ownerId("acme")
                .restApi("orders-in", r -> r.name("Order intake"))
                .setExchangeProperty("set-status", "httpResponseCode", "202")
                .map("to-reply", "{ 'received': payload.orderId }")));
        SERVER.deployOk(Flow.define("retaining", f -> f.ownerId("acme").restApi("retaining-in")
                .map("explode", m -> m.mapSpec("$error('boom')").retainPayloadOnFailure(true))));
        SERVER.deployOk(Flow.define("failing", f -> f.ownerId("acme").restApi("failing-in")
                .setPayload("prepare", "{ 'step': 1 }")
                .map("explode", "$error('boom')")));
        SERVER.deployOk(Flow.define("archived", f -> f.ownerId("acme").restApi("archived-in")
                .map("to-reply", m -> m.mapSpec("{ 'user': payload.user, 'note': payload.note }")
                        .payloadArchivingStrategy(a -> a.maxBytes(40)))));
        SERVER.uploadSpecOk("acme", "orders", SPEC);
        SERVER.deployOk(Flow.define("specced", f -> f.ownerId("acme")
                .restApi("specced-in", r -> r.apiSpecId("OpenAPIv3:orders:1"))));
        SERVER.deployOk(Flow.define("strict", f -> f.ownerId("acme")
                .restApi("strict-in", r -> r.forwardMessagePreprocessingErrors(false))));
    }

    @Test
    void recordsTheStepsOfACompletedMessageUnderItsIdAndCorrelationId() {
        // given
        Instant before = Instant.now();
        String body = "{\"orderId\": 4711}";

        // when
        Response response = SERVER.request().header("X-Correlation-Id", "order-4711").contentType("application/json")
                .body(body).post("/acme/rs/orders");

        // then
        response.then().statusCode(202);
        JsonPath trace = awaitTrace(SERVER, messageId(response), "COMPLETED");
        assertThat(trace.getString("messageId")).isEqualTo(messageId(response));
        assertThat(trace.getString("correlationId")).isEqualTo("order-4711");
        assertThat(trace.getString("ownerId")).isEqualTo("acme");
        assertThat(trace.getString("flowId")).isEqualTo("orders");
        assertThat(trace.getString("flowName")).isEqualTo("Order intake");
        assertThat(trace.getString("origin")).isEqualTo("restApi");
        assertThat(trace.getLong("messageSize")).isEqualTo(body.getBytes(StandardCharsets.UTF_8).length);
        Instant start = Instant.parse(trace.getString("start"));
        Instant end = Instant.parse(trace.getString("end"));
        assertThat(start).isBetween(before.minusSeconds(1), end);
        assertThat(trace.getDouble("processingTimeMs")).isGreaterThanOrEqualTo(0);
        assertThat(trace.getList("errorCategories")).isEmpty();
        assertThat(trace.getMap("error")).isNull();
        assertThat(trace.getList("attempts")).hasSize(1);
        assertThat(trace.getInt("attempts[0].number")).isEqualTo(1);
        assertThat(trace.getList("attempts[0].steps.processorId")).containsExactly("set-status", "to-reply");
        assertThat(trace.getList("attempts[0].steps.processorType")).containsExactly("setExchangeProperty", "map");
        assertThat(trace.getList("attempts[0].steps.outcome")).containsExactly("COMPLETED", "COMPLETED");
        assertThat(trace.getList("attempts[0].steps.durationMicros", Long.class)).allSatisfy(micros ->
                assertThat(micros).isNotNegative());
        Instant firstStep = Instant.parse(trace.getString("attempts[0].steps[0].start"));
        Instant secondStep = Instant.parse(trace.getString("attempts[0].steps[1].start"));
        assertThat(firstStep).isAfterOrEqualTo(start).isBeforeOrEqualTo(secondStep);
        assertThat(secondStep).isBeforeOrEqualTo(end);
    }

    @Test
    void usesTheMessageIdAsCorrelationIdWhenTheCallerSendsNone() {
        // when
        Response response = SERVER.request().contentType("application/json").body("{}").post("/acme/rs/orders");

        // then
        JsonPath trace = awaitTrace(SERVER, messageId(response), "COMPLETED");
        assertThat(trace.getString("correlationId")).isEqualTo(messageId(response))
                .isEqualTo(response.header("X-Correlation-Id"));
    }

    @Test
    void retainPayloadOnFailureKeepsThePayloadTheFailingStepReceivedInTheTrace() {
        // when
        Response retained = SERVER.request().contentType("application/json").body("{\"orderId\": 7}")
                .post("/acme/rs/retaining");
        Response plain = SERVER.request().contentType("application/json").body("{\"orderId\": 7}")
                .post("/acme/rs/failing");

        // then
        JsonPath trace = awaitTrace(SERVER, messageId(retained), "FAILED");
        assertThat(trace.getString("attempts[0].steps[0].outcome")).isEqualTo("FAILED");
        assertThat(trace.getString("attempts[0].steps[0].payloadBefore.content")).isEqualTo("{\"orderId\":7}");
        JsonPath without = awaitTrace(SERVER, messageId(plain), "FAILED");
        assertThat(without.getMap("attempts[0].steps[1]")).doesNotContainKey("payloadBefore");
    }

    @Test
    void recordsAFailedMessageWithTheProcessorThatFailed() {
        // when
        Response response = SERVER.request().contentType("application/json").body("{}").post("/acme/rs/failing");

        // then
        response.then().statusCode(500);
        JsonPath trace = awaitTrace(SERVER, messageId(response), "FAILED");
        assertThat(trace.getList("errorCategories")).containsExactly("processing");
        assertThat(trace.getString("error.category")).isEqualTo("processing");
        assertThat(trace.getString("error.processorId")).isEqualTo("explode");
        assertThat(trace.getString("error.type")).isEqualTo("JException");
        assertThat(trace.getString("error.message")).isEqualTo("Processor 'explode' (map) failed: boom");
        assertThat(trace.getList("attempts[0].steps.processorId")).containsExactly("prepare", "explode");
        assertThat(trace.getList("attempts[0].steps.outcome")).containsExactly("COMPLETED", "FAILED");
        assertThat(trace.getString("end")).isNotNull();
    }

    @Test
    void recordsARejectedMalformedRequestWithoutAttempts() {
        // when: a source that does not forward preprocessing errors
        Response response = SERVER.request().contentType("application/json").body("{\"orderId\": ")
                .post("/acme/rs/strict");

        // then
        response.then().statusCode(400);
        JsonPath trace = awaitTrace(SERVER, messageId(response), "REJECTED");
        assertThat(trace.getList("errorCategories")).containsExactly("preprocessing");
        assertThat(trace.getString("error.category")).isEqualTo("preprocessing");
        assertThat(trace.getString("error.type")).isEqualTo("malformed-json");
        assertThat(trace.getString("error.processorId")).isEqualTo("strict-in");
        assertThat(trace.getList("attempts")).isEmpty();
    }

    @Test
    void recordsARequestThatBreaksTheApiSpecAsAFailedMessageByDefault() {
        // when
        Response response = SERVER.request().contentType("application/json").body("{\"qty\": 0}")
                .post("/acme/rs/specced/orders");

        // then
        response.then().statusCode(400);
        JsonPath trace = awaitTrace(SERVER, messageId(response), "FAILED");
        assertThat(trace.getString("error.category")).isEqualTo("preprocessing");
        assertThat(trace.getString("error.type")).isEqualTo("invalid-request");
        assertThat(trace.getString("error.message")).contains("/qty");
        assertThat(trace.getString("error.processorId")).isEqualTo("specced-in");
    }

    @Test
    void archivesPayloadsCutToTheCapWithCredentialsHidden() {
        // when
        Response response = SERVER.request().header("Authorization", SERVER.tester())
                .header("X-Auth-Token", "t-secret").contentType("application/json")
                .body("{\"user\": \"ada\", \"password\": \"hunter2\", \"note\": \"a note that is long enough to be cut\"}")
                .post("/acme/rs/archived");

        // then
        response.then().statusCode(201);
        awaitTrace(SERVER, messageId(response), "COMPLETED");
        Response full = SERVER.request().get("/api/traces/{messageId}", messageId(response));
        assertThat(full.asString()).doesNotContain(SERVER.tester().substring("Basic ".length()))
                .doesNotContain("t-secret").doesNotContain("hunter2");
        JsonPath trace = full.jsonPath();
        Map<String, Object> before = trace.getMap("attempts[0].steps[0].payloadBefore");
        assertThat(before).containsEntry("kind", "json").containsEntry("truncated", true);
        assertThat((String) before.get("content")).isEqualTo("{\"user\":\"ada\",\"password\":\"***\",\"note\":\"a");
        assertThat(((Number) before.get("sizeBytes")).intValue()).isGreaterThan(40);
        Map<String, Object> after = trace.getMap("attempts[0].steps[0].payloadAfter");
        assertThat(after).containsEntry("kind", "json").containsEntry("truncated", true)
                .containsEntry("content", "{\"user\":\"ada\",\"note\":\"a note that is lon");
        Map<String, Object> properties = trace.getMap("attempts[0].steps[0].properties");
        assertThat(properties).doesNotContainKey("http.header.Authorization")
                .containsEntry("http.header.X-Auth-Token", "***").containsEntry("http.method", "POST");
    }

    @Test
    void archivesNothingWithoutAStrategy() {
        // when
        Response response = SERVER.request().contentType("application/json").body("{\"orderId\": 1}")
                .post("/acme/rs/orders");

        // then
        JsonPath trace = awaitTrace(SERVER, messageId(response), "COMPLETED");
        List<Map<String, Object>> steps = trace.getList("attempts[0].steps");
        assertThat(steps).allSatisfy(step -> assertThat(step).doesNotContainKeys("payloadBefore", "payloadAfter",
                "properties"));
    }

    @Test
    void answers404ForAnUnknownMessage() {
        SERVER.request().get("/api/traces/no-such-message")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("No trace of message 'no-such-message' is stored; a trace is stored a moment "
                        + "after its message and kept for the trace retention"));
    }

    @Test
    void answers405ForAnotherMethodOnATrace() {
        SERVER.request().delete("/api/traces/some-message")
                .then().statusCode(405).header("Allow", "GET");
    }
}
