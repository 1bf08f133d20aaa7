package org.flowserver.server.traces;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Old traces disappear from the API once they are older than trace-retention, without a restart. */
class TraceRetentionIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.with(config -> config.toBuilder()
            .traces(TraceConfig.builder().retention(Duration.ofSeconds(2)).pruneInterval(Duration.ofSeconds(1))
                    .build()).build());

    @BeforeAll
    static void deployFlow() {
        SERVER.deployOk(Flow.define("orders", f -> f.ownerId("acme").restApi("orders-in").map("to-reply", "payload")));
    }

    @Test
    void prunesATraceOnceItIsOlderThanTheRetention() {
        // given: a message whose trace is stored and counted
        String messageId = TraceCalls.messageId(SERVER.request().contentType("application/json").body("{}")
                .post("/acme/rs/orders").then().statusCode(201).extract().response());
        TraceCalls.awaitTrace(SERVER, messageId, "COMPLETED");

        // when: the retention passes
        // then: the background pruning removes it from the trace API, the list and the statistics
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> SERVER.request().get("/api/traces/{messageId}", messageId).statusCode() == 404);
        SERVER.request().get("/api/traces?messageId={id}", messageId).then().statusCode(200)
                .body("traces.size()", equalTo(0));
        SERVER.request().get("/api/flows/acme/orders/stats?from=2000-01-01T00:00:00Z").then().statusCode(200)
                .body("total", equalTo(0));
    }
}
