package org.flowserver.server.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowserver.server.traces.TestTraces.T0;
import static org.flowserver.server.traces.TestTraces.trace;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.flowserver.processors.trace.MessageTrace;
import org.flowserver.processors.trace.TraceState;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The CSV export streams a result of several store pages, newest first, without a gap or a repeat. */
class TraceExportIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();

    @Test
    void streamsEveryPageOfALargeResult() {
        // given: more traces than three pages of the store hold
        int count = 2 * TraceQuery.MAX_LIMIT + 201;
        List<MessageTrace> traces = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> traces.add(trace(String.format("m-%05d", i), TraceState.COMPLETED,
                T0.plusSeconds(i / 2))));
        SERVER.server().traces().store().save(traces);

        // when
        Response response = SERVER.request().queryParam("flowId", "orders").get("/api/traces/export");

        // then
        response.then().statusCode(200).header("Content-Disposition", "attachment; filename=\"traces.csv\"");
        String[] lines = response.asString().split("\r\n");
        assertThat(lines).hasSize(1 + count);
        List<String> ids = IntStream.range(1, lines.length).mapToObj(i -> lines[i].split(";")[9]).toList();
        List<String> expected = IntStream.range(0, count).mapToObj(i -> String.format("m-%05d", count - 1 - i)).toList();
        assertThat(ids).isEqualTo(expected);
    }
}
