package org.flowserver.server.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The server-wide statistics and the timeline of message counts (Heartbeat's overview and charts). */
class StatsApiIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();

    private static Instant testStart;

    @BeforeAll
    static void sendMessages() {
        testStart = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        SERVER.deployOk(Flow.define("orders", f -> f.ownerId("acme").restApi("orders-in")
                .map("maybe-fail", "payload.fail ? $error('asked to fail') : payload")));
        SERVER.deployOk(Flow.define("billing", f -> f.ownerId("globex").restApi("billing-in")));
        post("/acme/rs/orders", "{}");
        post("/acme/rs/orders", "{}");
        post("/acme/rs/orders", "{\"fail\": true}");
        post("/globex/rs/billing", "{}");
        await().atMost(Duration.ofSeconds(10)).until(() -> SERVER.request().get("/api/traces").then().extract()
                .jsonPath().getList("traces").size() == 4);
    }

    private static void post(String path, String body) {
        SERVER.request().contentType("application/json").body(body).post(path);
    }

    @Test
    void countsEveryFlowsMessagesAndTheirSumsForTheLastHourByDefault() {
        // when
        JsonPath stats = SERVER.request().get("/api/stats").then().statusCode(200).contentType("application/json")
                .extract().jsonPath();

        // then
        assertThat(Duration.between(Instant.parse(stats.getString("from")), Instant.parse(stats.getString("to"))))
                .isEqualTo(Duration.ofHours(1));
        assertThat(List.of(stats.getInt("inFlight"), stats.getInt("completed"), stats.getInt("failed"),
                stats.getInt("rejected"), stats.getInt("total"))).containsExactly(0, 3, 1, 0, 4);
        assertThat(stats.getList("flows", Map.class)).containsExactly(
                Map.of("ownerId", "acme", "flowId", "orders", "inFlight", 0, "completed", 2, "failed", 1,
                        "rejected", 0, "total", 3),
                Map.of("ownerId", "globex", "flowId", "billing", "inFlight", 0, "completed", 1, "failed", 0,
                        "rejected", 0, "total", 1));
    }

    @Test
    void keepsOneOwnersFlowsWhenAsked() {
        SERVER.request().queryParam("ownerId", "globex").get("/api/stats")
                .then().statusCode(200).body("ownerId", equalTo("globex")).body("total", equalTo(1))
                .body("flows.flowId", org.hamcrest.Matchers.contains("billing"));
    }

    @Test
    void cutsTheRangeIntoBucketsOfOneFlowOrOfAll() {
        // given
        String from = testStart.toString();
        String to = testStart.plus(Duration.ofMinutes(10)).toString();

        // when
        JsonPath flow = SERVER.request().queryParam("from", from).queryParam("to", to).queryParam("buckets", 10)
                .queryParam("ownerId", "acme").queryParam("flowId", "orders").get("/api/stats/timeline")
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
        JsonPath all = SERVER.request().queryParam("from", from).queryParam("to", to).queryParam("buckets", 1)
                .get("/api/stats/timeline").then().statusCode(200).extract().jsonPath();

        // then
        assertThat(flow.getString("from")).isEqualTo(from);
        assertThat(flow.getString("to")).isEqualTo(to);
        assertThat(flow.getLong("bucketMillis")).isEqualTo(60_000);
        assertThat(flow.getList("buckets.start")).hasSize(10).first().isEqualTo(from);
        assertThat(flow.getList("buckets.start").get(1)).isEqualTo(testStart.plusSeconds(60).toString());
        assertThat(flow.getList("buckets.total", Integer.class).stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);
        assertThat(flow.getList("buckets.failed", Integer.class).stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);
        assertThat(all.getList("buckets", Map.class)).containsExactly(Map.of("start", from, "inFlight", 0,
                "completed", 3, "failed", 1, "rejected", 0, "total", 4));
    }

    @Test
    void takesSixtyBucketsOfTheLastHourByDefault() {
        JsonPath timeline = SERVER.request().get("/api/stats/timeline").then().statusCode(200).extract().jsonPath();

        assertThat(timeline.getLong("bucketMillis")).isEqualTo(60_000);
        assertThat(timeline.getList("buckets")).hasSize(60);
    }

    @Test
    void answersOnlyGet() {
        SERVER.request().post("/api/stats").then().statusCode(405).header("Allow", "GET");
        SERVER.request().delete("/api/stats/timeline").then().statusCode(405).header("Allow", "GET");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/api/stats?from=yesterday|/from|The query parameter 'from' is 'yesterday'; it must be an ISO-8601 date and time with an offset, for example 2026-01-31T12:00:00Z",
        "/api/stats?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z|/from|The query parameter 'from' (2026-01-02T00:00:00Z) is after 'to' (2026-01-01T00:00:00Z); the range must not end before it starts",
        "/api/stats?ownerId=a%20b|/ownerId|The query parameter 'ownerId' is 'a b'; it must match [a-zA-Z][a-zA-Z0-9_-]{2,29}",
        "/api/stats?flowId=orders|/flowId|The query parameter 'flowId' is not known; known parameters: from, ownerId, to",
        "/api/stats/timeline?buckets=0|/buckets|The query parameter 'buckets' is '0'; it must be a whole number from 1 to 500",
        "/api/stats/timeline?buckets=501|/buckets|The query parameter 'buckets' is '501'; it must be a whole number from 1 to 500",
        "/api/stats/timeline?buckets=many|/buckets|The query parameter 'buckets' is 'many'; it must be a whole number from 1 to 500",
        "/api/stats/timeline?to=2026-01-01T00:00:00|/to|The query parameter 'to' is '2026-01-01T00:00:00'; it must be an ISO-8601 date and time with an offset, for example 2026-01-31T12:00:00Z",
        "/api/stats/timeline?from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00Z|/from|The query parameter 'from' (2026-01-01T00:00:00Z) is not before 'to' (2026-01-01T00:00:00Z); a timeline needs a range that is not empty",
        "/api/stats/timeline?flowId=x|/flowId|The query parameter 'flowId' is 'x'; it must match [a-zA-Z][a-zA-Z0-9_-]{2,29}",
        "/api/stats/timeline?state=FAILED|/state|The query parameter 'state' is not known; known parameters: buckets, flowId, from, ownerId, to",
    })
    void refusesABadQueryParameterNamingItAndItsRule(String call, String pointer, String message) {
        SERVER.request().urlEncodingEnabled(false).get(call)
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:flowserver:problem:malformed-request"))
                .body("detail", equalTo(message))
                .body("errors[0].location", equalTo("query"))
                .body("errors[0].pointer", equalTo(pointer))
                .body("errors[0].message", equalTo(message));
    }

    @Test
    void listsEveryBadParameterInOneProblem() {
        SERVER.request().urlEncodingEnabled(false).get("/api/stats/timeline?buckets=0&ownerId=a%20b&from=soon")
                .then().statusCode(400)
                .body("errors.pointer", org.hamcrest.Matchers.contains("/ownerId", "/buckets", "/from"));
    }
}
