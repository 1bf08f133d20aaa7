package org.flowserver.server.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With traces-enabled=false no message is traced, and the trace API still answers. */
class TracesDisabledIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.with(config -> config.toBuilder()
            .traces(TraceConfig.builder().enabled(false).build()).build());

    @BeforeAll
    static void deployFlow() {
        SERVER.deployOk(Flow.define("orders", f -> f.ownerId("acme").restApi("orders-in").map("to-reply", "payload")));
    }

    @Test
    void recordsNoTraces() {
        // when
        SERVER.request().contentType("application/json").body("{}").post("/acme/rs/orders").then().statusCode(201)
                .header("X-Message-Id", org.hamcrest.Matchers.notNullValue());

        // then: there is no recorder that could still write one
        assertThat(SERVER.server().traces().recorder()).isEmpty();
        SERVER.request().get("/api/traces").then().statusCode(200).body("traces", empty());
        SERVER.request().get("/api/flows/acme/orders/stats").then().statusCode(200).body("total", equalTo(0));
    }
}
