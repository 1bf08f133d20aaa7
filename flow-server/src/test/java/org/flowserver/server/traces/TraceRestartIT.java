package org.flowserver.server.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowserver.server.traces.TraceCalls.awaitTrace;
import static org.flowserver.server.traces.TraceCalls.messageId;

import java.util.ArrayList;
import java.util.List;
import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Traces are kept in the store: they outlive a restart, and a stopping server writes what it still queued. */
class TraceRestartIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();

    @BeforeAll
    static void deployFlow() {
        SERVER.deployOk(Flow.define("orders", f -> f.ownerId("acme").restApi("orders-in").map("to-reply", "payload")));
    }

    @Test
    void tracesSurviveARestart() {
        // given
        String id = messageId(SERVER.request().contentType("application/json").body("{\"n\": 1}").post("/acme/rs/orders"));
        String before = awaitTrace(SERVER, id, "COMPLETED").prettify();

        // when
        SERVER.restart();

        // then
        String after = SERVER.request().get("/api/traces/{messageId}", id).then().statusCode(200).extract().asString();
        assertThat(io.restassured.path.json.JsonPath.from(after).prettify()).isEqualTo(before);
    }

    @Test
    void writesTheQueuedTracesWhenTheServerStops() {
        // given: messages answered, their traces possibly not yet written
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(messageId(SERVER.request().contentType("application/json").body("{}").post("/acme/rs/orders")));
        }

        // when
        SERVER.restart();

        // then: no waiting, every trace is there with its final state
        for (String id : ids) {
            SERVER.request().get("/api/traces/{messageId}", id).then().statusCode(200)
                    .body("state", org.hamcrest.Matchers.equalTo("COMPLETED"));
        }
    }
}
