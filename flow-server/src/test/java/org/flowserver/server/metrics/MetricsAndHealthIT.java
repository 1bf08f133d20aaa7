package org.flowserver.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /metrics} in Prometheus text and {@code /health}, over HTTP. */
class MetricsAndHealthIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();

    @BeforeAll
    static void deploy() {
        SERVER.deployOk(Flow.define("counted", f -> f.ownerId("metrics-test")
                .restApi("counted-in")
                .map("maybe-fail", "payload.fail ? $error('asked to fail') : payload")));
        SERVER.deployOk(Flow.define("strict", f -> f.ownerId("metrics-test")
                .restApi("strict-in", r -> r.forwardMessagePreprocessingErrors(false))));
    }

    @Test
    void messagesAreCountedPerFlowAndOutcome() {
        SERVER.request().contentType("application/json").body("{\"fail\": false}").post("/metrics-test/rs/counted")
                .then().statusCode(201);
        SERVER.request().contentType("application/json").body("{\"fail\": false}").post("/metrics-test/rs/counted")
                .then().statusCode(201);
        SERVER.request().contentType("application/json").body("{\"fail\": true}").post("/metrics-test/rs/counted")
                .then().statusCode(500);
        SERVER.request().contentType("application/json").body("{\"fail\": ").post("/metrics-test/rs/counted")
                .then().statusCode(400);
        SERVER.request().contentType("application/json").body("{\"fail\": ").post("/metrics-test/rs/strict")
                .then().statusCode(400);

        String metrics = scrape();

        assertThat(metrics)
                .contains("flowserver_messages_total{flow=\"counted\",outcome=\"completed\",owner=\"metrics-test\"} 2.0")
                // a malformed request is a failed message of a source that forwards preprocessing errors (the default)
                .contains("flowserver_messages_total{flow=\"counted\",outcome=\"failed\",owner=\"metrics-test\"} 2.0")
                .contains("flowserver_messages_total{flow=\"strict\",outcome=\"rejected\",owner=\"metrics-test\"} 1.0")
                .contains("flowserver_rejections_total{flow=\"strict\",owner=\"metrics-test\",reason=\"malformed-json\"} 1.0")
                .contains("flowserver_rejections_total{flow=\"counted\",owner=\"metrics-test\",reason=\"malformed-json\"} 1.0")
                .contains("flowserver_messages_in_flight{flow=\"counted\",owner=\"metrics-test\"} 0.0")
                .contains("flowserver_message_processing_seconds_count{flow=\"counted\",outcome=\"completed\",owner=\"metrics-test\"} 2")
                .contains("flowserver_message_processing_seconds_bucket{flow=\"counted\",outcome=\"completed\",owner=\"metrics-test\",le=\"");
    }

    @Test
    void jvmHttpAndPoolMetricsArePublished() {
        SERVER.request().get("/api/flows").then().statusCode(200);

        assertThat(scrape())
                .contains("jvm_memory_used_bytes{")
                .contains("jvm_gc_memory_allocated_bytes_total")
                .contains("process_uptime_seconds")
                .contains("flowserver_http_server_requests_seconds_count{area=\"api\",method=\"GET\",status=\"200\"}")
                .contains("hikaricp_connections_active{pool=\"flowserver-store\"}")
                .contains("flowserver_trace_queue_depth ")
                .contains("flowserver_trace_dropped_total ")
                .contains("flowserver_trace_write_failures_total ")
                .contains("flowserver_trace_written_total ");
    }

    @Test
    void metricsAreOnlyRead() {
        SERVER.request().post("/metrics").then().statusCode(405).header("Allow", "GET");
    }

    @Test
    void healthReportsTheStoreAndTheFlows() {
        SERVER.request().get("/health").then().statusCode(200).contentType("application/json")
                .body("status", equalTo("UP"))
                .body("checks.store.status", equalTo("UP"))
                .body("checks.flows.status", equalTo("UP"))
                .body("checks.flows.failed", equalTo(0));
        SERVER.request().get("/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        SERVER.request().get("/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static String scrape() {
        return SERVER.request().get("/metrics").then().statusCode(200)
                .contentType(startsWith("text/plain; version=0.0.4")).extract().asString();
    }
}
