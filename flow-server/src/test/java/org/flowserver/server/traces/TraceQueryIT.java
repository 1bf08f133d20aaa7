package org.flowserver.server.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.flowserver.server.traces.TraceCalls.awaitTrace;
import static org.flowserver.server.traces.TraceCalls.messageId;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Finding traces: filters, cursor paging, flow statistics for a time range, the CSV export, bad parameters. */
class TraceQueryIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();

    private static final List<String> PAGED = new ArrayList<>();
    private static Instant testStart;
    private static String failedId;
    private static String trickyId;

    @BeforeAll
    static void sendMessages() {
        testStart = Instant.now();
        SERVER.deployOk(Flow.define("paged", f -> f.ownerId("acme").restApi("paged-in").map("to-reply", "payload")));
        SERVER.deployOk(Flow.define("paged", f -> f.ownerId("globex").restApi("paged-in").map("to-reply", "payload")));
        SERVER.deployOk(Flow.define("mixed", f -> f.ownerId("acme").restApi("mixed-in", r -> r.name("Mixed API")
                        .forwardMessagePreprocessingErrors(false))
                .map("maybe-fail", "payload.fail ? $error('asked to fail') : payload")));
        for (int i = 1; i <= 7; i++) {
            PAGED.add(messageId(post("/acme/rs/paged", "batch-" + i, "{\"n\": " + i + "}")));
        }
        post("/globex/rs/paged", "globex-1", "{}");
        post("/acme/rs/mixed", "mixed-ok-1", "{}");
        post("/acme/rs/mixed", "mixed-ok-2", "{}");
        failedId = messageId(post("/acme/rs/mixed", "mixed-fail", "{\"fail\": true}"));
        trickyId = messageId(post("/acme/rs/mixed", "=sum;\"x\"", "{broken"));
        await().atMost(Duration.ofSeconds(10)).until(() -> traces("ownerId=acme&flowId=paged&state=COMPLETED").size() == 7
                && traces("ownerId=acme&flowId=mixed&state=COMPLETED,FAILED,REJECTED").size() == 4
                && traces("ownerId=globex").size() == 1);
    }

    private static Response post(String path, String correlationId, String body) {
        return SERVER.request().header("X-Correlation-Id", correlationId).contentType("application/json").body(body)
                .post(path);
    }

    private static List<Map<String, Object>> traces(String query) {
        return SERVER.request().urlEncodingEnabled(false).get("/api/traces?" + query).then().statusCode(200)
                .extract().jsonPath().getList("traces");
    }

    @Test
    void pagesThroughTracesNewestFirstWithACursor() {
        // when
        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            Response page = SERVER.request().queryParam("ownerId", "acme").queryParam("flowId", "paged")
                    .queryParam("limit", 3).queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor))
                    .get("/api/traces");
            page.then().statusCode(200).contentType("application/json");
            List<String> ids = page.jsonPath().getList("traces.messageId");
            seen.addAll(ids);
            sizes.add(ids.size());
            cursor = page.jsonPath().getString("nextCursor");
        } while (cursor != null);

        // then
        assertThat(sizes).containsExactly(3, 3, 1);
        List<String> newestFirst = new ArrayList<>(PAGED);
        Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void listsSummariesWithoutAttempts() {
        List<Map<String, Object>> traces = traces("messageId=" + failedId);

        assertThat(traces).hasSize(1);
        assertThat(traces.get(0)).containsEntry("state", "FAILED").containsEntry("flowName", "Mixed API")
                .containsEntry("correlationId", "mixed-fail").containsEntry("errorCategories", List.of("processing"))
                .containsKey("error").doesNotContainKey("attempts");
    }

    @Test
    void filtersByOwnerFlowStateAndCorrelationId() {
        assertThat(traces("ownerId=globex")).extracting(trace -> trace.get("correlationId")).containsExactly("globex-1");
        assertThat(traces("flowId=paged")).hasSize(8);
        assertThat(traces("ownerId=acme&flowId=mixed&state=FAILED,REJECTED"))
                .extracting(trace -> trace.get("state")).containsExactly("REJECTED", "FAILED");
        assertThat(traces("state=failed")).extracting(trace -> trace.get("messageId")).containsExactly(failedId);
        assertThat(traces("correlationId=batch-3")).extracting(trace -> trace.get("messageId"))
                .containsExactly(PAGED.get(2));
        assertThat(traces("ownerId=initech")).isEmpty();
    }

    @Test
    void filtersByStartTimeFromInclusiveToExclusive() {
        // given
        String third = awaitTrace(SERVER, PAGED.get(2), "COMPLETED").getString("start");
        String fifth = awaitTrace(SERVER, PAGED.get(4), "COMPLETED").getString("start");

        // when
        List<String> ids = SERVER.request().queryParam("flowId", "paged").queryParam("from", third)
                .queryParam("to", fifth).get("/api/traces").then().statusCode(200).extract().jsonPath()
                .getList("traces.messageId");

        // then
        assertThat(ids).containsExactly(PAGED.get(3), PAGED.get(2));
    }

    @Test
    void countsAFlowsMessagesByStateInATimeRange() {
        SERVER.request().queryParam("from", testStart.minusSeconds(60).toString())
                .queryParam("to", Instant.now().plusSeconds(60).toString())
                .get("/api/flows/acme/mixed/stats")
                .then().statusCode(200).contentType("application/json")
                .body("ownerId", equalTo("acme")).body("flowId", equalTo("mixed"))
                .body("inFlight", equalTo(0)).body("completed", equalTo(2)).body("failed", equalTo(1))
                .body("rejected", equalTo(1)).body("total", equalTo(4));
    }

    @Test
    void countsTheLastHourByDefault() {
        JsonPath stats = SERVER.request().get("/api/flows/acme/mixed/stats").then().statusCode(200).extract().jsonPath();

        assertThat(stats.getInt("total")).isEqualTo(4);
        assertThat(Duration.between(Instant.parse(stats.getString("from")), Instant.parse(stats.getString("to"))))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void countsNothingInARangeWithoutMessages() {
        SERVER.request().queryParam("from", "2020-01-01T00:00:00Z").queryParam("to", "2020-01-02T00:00:00+01:00")
                .get("/api/flows/acme/mixed/stats")
                .then().statusCode(200).body("total", equalTo(0)).body("to", equalTo("2020-01-01T23:00:00Z"));
    }

    @Test
    void keepsTheFlowRoutesBesideTheStatistics() {
        SERVER.request().get("/api/flows/acme/mixed").then().statusCode(200).body("id", equalTo("mixed"));
        SERVER.request().post("/api/flows/acme/mixed/stats").then().statusCode(405).header("Allow", "GET");
        SERVER.request().get("/api/flows/acme/no-such-flow/stats").then().statusCode(200).body("total", equalTo(0));
        SERVER.request().get("/api/flows/acme/x/stats").then().statusCode(400)
                .body("detail", equalTo("The flowId 'x' of the path does not match [a-zA-Z][a-zA-Z0-9_-]{2,29}"));
    }

    @Test
    void exportsCsvWithTheHeaderAndARowPerTrace() {
        // when
        Response response = SERVER.request().queryParam("messageId", failedId).get("/api/traces/export");

        // then
        response.then().statusCode(200).contentType("text/csv; charset=utf-8");
        String[] lines = response.asString().split("\r\n", -1);
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo("START_TIME;END_TIME;PROCESSING_TIME;ORIGIN;FLOW_ID;FLOW_NAME;STATE;PRINCIPAL;"
                + "MESSAGE_SIZE;MESSAGE_ID;CORRELATION_ID;ERROR_CATEGORIES");
        String[] fields = lines[1].split(";", -1);
        assertThat(fields).hasSize(12);
        assertThat(fields[0]).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat(fields[1]).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat(fields[2]).matches("\\d+\\.\\d{3}");
        assertThat(List.of(fields).subList(3, 12)).containsExactly("restApi", "mixed", "Mixed API", "FAILED", FlowServerExtension.TESTER,
                "14", failedId, "mixed-fail", "processing");
        assertThat(lines[2]).isEmpty();
    }

    @Test
    void quotesCsvFieldsWithSeparatorsOrQuotesAndDefusesFormulas() {
        // when
        String csv = SERVER.request().queryParam("messageId", trickyId).get("/api/traces/export").asString();

        // then
        String row = csv.split("\r\n")[1];
        assertThat(row).endsWith(";" + trickyId + ";\"'=sum;\"\"x\"\"\";preprocessing");
    }

    @Test
    void exportsEveryTraceThatMatches() {
        String csv = SERVER.request().queryParam("ownerId", "acme").get("/api/traces/export").asString();

        assertThat(csv.split("\r\n")).hasSize(1 + 7 + 4);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "state=DONE|/state|The query parameter 'state' is 'DONE'; it must be IN_FLIGHT, COMPLETED, FAILED or REJECTED, or several of them comma-separated",
        "from=yesterday|/from|The query parameter 'from' is 'yesterday'; it must be an ISO-8601 date and time with an offset, for example 2026-01-31T12:00:00Z",
        "to=2026-01-01T00:00:00|/to|The query parameter 'to' is '2026-01-01T00:00:00'; it must be an ISO-8601 date and time with an offset, for example 2026-01-31T12:00:00Z",
        "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z|/from|The query parameter 'from' (2026-01-02T00:00:00Z) is after 'to' (2026-01-01T00:00:00Z); the range must not end before it starts",
        "limit=0|/limit|The query parameter 'limit' is '0'; it must be a whole number from 1 to 500",
        "limit=501|/limit|The query parameter 'limit' is '501'; it must be a whole number from 1 to 500",
        "limit=ten|/limit|The query parameter 'limit' is 'ten'; it must be a whole number from 1 to 500",
        "cursor=not-a-cursor|/cursor|The query parameter 'cursor' is 'not-a-cursor'; it must be the nextCursor of a previous page, unchanged",
        "ownerId=a%20b|/ownerId|The query parameter 'ownerId' is 'a b'; it must match [a-zA-Z][a-zA-Z0-9_-]{2,29}",
        "flow=orders|/flow|The query parameter 'flow' is not known; known parameters: correlationId, cursor, flowId, from, limit, messageId, ownerId, state, to",
        "ownerId=acme&ownerId=globex|/ownerId|The query parameter 'ownerId' is given 2 times; give it once",
    })
    void refusesABadQueryParameterNamingItAndItsRule(String query, String pointer, String message) {
        SERVER.request().urlEncodingEnabled(false).get("/api/traces?" + query)
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:flowserver:problem:malformed-request"))
                .body("detail", equalTo(message))
                .body("errors[0].location", equalTo("query"))
                .body("errors[0].pointer", equalTo(pointer))
                .body("errors[0].message", equalTo(message));
    }

    @Test
    void listsEveryBadParameterInOneProblem() {
        SERVER.request().urlEncodingEnabled(false).get("/api/traces?limit=0&state=DONE")
                .then().statusCode(400)
                .body("detail", equalTo("The query has 2 problems: The query parameter 'state' is 'DONE'; it must be "
                        + "IN_FLIGHT, COMPLETED, FAILED or REJECTED, or several of them comma-separated; The query "
                        + "parameter 'limit' is '0'; it must be a whole number from 1 to 500"))
                .body("errors.pointer", org.hamcrest.Matchers.contains("/state", "/limit"));
    }

    @Test
    void refusesABadRangeForStatistics() {
        SERVER.request().queryParam("from", "2026-01-02T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z")
                .get("/api/flows/acme/mixed/stats")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/from"));
        SERVER.request().queryParam("limit", "5").get("/api/flows/acme/mixed/stats")
                .then().statusCode(400).body("detail", equalTo("The query parameter 'limit' is not known; known "
                        + "parameters: from, to"));
    }

    @Test
    void refusesPagingParametersOnTheExport() {
        SERVER.request().queryParam("limit", "5").get("/api/traces/export")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("/limit"));
    }
}
