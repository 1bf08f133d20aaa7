package org.flowserver.server.failures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowserver.server.failures.Traced.awaitTrace;
import static org.flowserver.server.failures.Traced.awaitTraceOf;
import static org.flowserver.server.failures.Traced.messageId;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code handoff} processor and source over HTTP: a copy of the message goes to the target flow as a new
 * message with the sender as its original message, the sender goes on unchanged, a target's failure is the
 * target's, and targets that are not there are refused at deploy or fail the message.
 */
class HandoffIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();

    @BeforeAll
    static void deploy() {
        SERVER.deployOk(Flow.define("audit", f -> f.ownerId("hand")
                .handoffSource("audit-in", h -> h.exchangeProperty("kind", "audit"))
                .map("record", m -> m.mapSpec("{ 'audited': payload.orderId, 'tenant': properties.tenant }")
                        .payloadArchivingStrategy(a -> { }))));
        SERVER.deployOk(Flow.define("fragile", f -> f.ownerId("hand")
                .handoffSource("fragile-in")
                .map("explode", "$error('target broke')")));
        SERVER.deployOk(Flow.define("orders", f -> f.ownerId("hand")
                .restApi("orders-in", r -> r.exchangeProperty("tenant", "acme"))
                .map("enrich", "{ 'orderId': payload.orderId, 'checked': true }")
                .handoff("to-audit", "audit")
                .handoff("to-fragile", "fragile")
                .map("reply", "{ 'received': payload.orderId, 'checked': payload.checked }")));
    }

    @Test
    void theTargetReceivesTheCurrentPayloadAndPropertiesAsANewMessageOfTheSameLineage() {
        // when
        Response response = SERVER.request().contentType("application/json").header("X-Correlation-Id", "order-7")
                .body("{\"orderId\": 7}").post("/hand/rs/orders");

        // then the sender went on unchanged, also past a failing target
        response.then().statusCode(201).body("received", equalTo(7)).body("checked", equalTo(true));
        String senderId = messageId(response);
        JsonPath sender = awaitTrace(SERVER, senderId, "COMPLETED");
        assertThat(sender.getList("attempts[0].steps.processorId"))
                .containsExactly("enrich", "to-audit", "to-fragile", "reply");
        JsonPath audit = awaitTraceOf(SERVER, "hand", "audit", "order-7", "COMPLETED");
        assertThat(audit.getString("originalMessageId")).isEqualTo(senderId);
        assertThat(audit.getString("messageId")).isNotEqualTo(senderId);
        assertThat(audit.getString("origin")).isEqualTo("handoff");
        assertThat(audit.getString("attempts[0].steps[0].payloadBefore.content"))
                .isEqualTo("{\"orderId\":7,\"checked\":true}");
        assertThat(audit.getString("attempts[0].steps[0].payloadAfter.content"))
                .isEqualTo("{\"audited\":7,\"tenant\":\"acme\"}");
        assertThat(audit.getString("attempts[0].steps[0].properties.kind")).isEqualTo("audit");
        assertThat(audit.getString("attempts[0].steps[0].properties.'http.method'")).isEqualTo("POST");
    }

    @Test
    void aTargetThatFailsRecordsItsOwnFailure() {
        // when
        Response response = SERVER.request().contentType("application/json").header("X-Correlation-Id", "order-8")
                .body("{\"orderId\": 8}").post("/hand/rs/orders");

        // then
        response.then().statusCode(201);
        JsonPath fragile = awaitTraceOf(SERVER, "hand", "fragile", "order-8", "FAILED");
        assertThat(fragile.getString("originalMessageId")).isEqualTo(messageId(response));
        assertThat(fragile.getString("error.category")).isEqualTo("processing");
        assertThat(fragile.getString("error.processorId")).isEqualTo("explode");
    }

    @Test
    void aHandoffFlowHasNoEndpoint() {
        SERVER.request().contentType("application/json").body("{}").post("/hand/rs/audit")
                .then().statusCode(404);
    }

    @Test
    void aFlowWhoseTargetIsNotRunningIsRefused() {
        SERVER.deployJson("hand", "lost", """
                        {"id": "lost", "ownerId": "hand", "processors": [{"type": "restApi", "id": "lost-in"},
                          {"type": "handoff", "id": "to-nowhere", "flowId": "nowhere"}]}""")
                .then().statusCode(400)
                .body("errors[0].pointer", equalTo("/processors/1/flowId"))
                .body("errors[0].message", equalTo("processors[1].flowId 'nowhere' is not a running flow of owner "
                        + "'hand'; deploy it first, with a handoff source"));
        SERVER.request().get("/api/flows/hand/lost").then().statusCode(404);
    }

    @Test
    void aTargetMustHaveAHandoffSource() {
        SERVER.deployJson("hand", "misled", """
                        {"id": "misled", "ownerId": "hand", "processors": [{"type": "restApi", "id": "misled-in"},
                          {"type": "handoff", "id": "to-orders", "flowId": "orders"}]}""")
                .then().statusCode(400)
                .body("errors[0].message", equalTo("processors[1].flowId 'orders' has a restApi source; a flow that "
                        + "receives messages from other flows starts with a handoff source"));
    }

    @Test
    void aTargetUndeployedLaterFailsTheMessage() {
        // given
        SERVER.deployOk(Flow.define("brief", f -> f.ownerId("hand").handoffSource("brief-in")));
        SERVER.deployOk(Flow.define("sender", f -> f.ownerId("hand").restApi("sender-in").handoff("to-brief", "brief")));
        SERVER.request().delete("/api/flows/hand/brief").then().statusCode(204);

        // when
        Response response = SERVER.request().contentType("application/json").body("{}").post("/hand/rs/sender");

        // then
        response.then().statusCode(500).body("type", equalTo("urn:flowserver:problem:processing-failed"));
        JsonPath trace = awaitTrace(SERVER, messageId(response), "FAILED");
        assertThat(trace.getString("error.type")).isEqualTo("handoff-target-missing");
        assertThat(trace.getString("error.processorId")).isEqualTo("to-brief");
        assertThat(trace.getString("error.message")).isEqualTo("Processor 'to-brief' (handoff) failed: Flow 'brief' "
                + "of owner 'hand' is not deployed; deploy it with a handoff source");
    }
}
