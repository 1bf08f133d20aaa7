package org.flowserver.server.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowserver.server.traces.TestTraces.T0;
import static org.flowserver.server.traces.TestTraces.trace;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.flowserver.processors.trace.ArchivedPayload;
import org.flowserver.processors.trace.AttemptTrace;
import org.flowserver.processors.trace.MessageTrace;
import org.flowserver.processors.trace.StepOutcome;
import org.flowserver.processors.trace.StepTrace;
import org.flowserver.processors.trace.TraceError;
import org.flowserver.processors.trace.TraceState;
import org.flowserver.server.store.Database;
import org.flowserver.server.store.StoreTest;
import org.junit.jupiter.api.BeforeEach;

/** Traces in the relational store, on H2 and on PostgreSQL with the real schema. */
class JdbcTraceStoreTest {

    private JdbcTraceStore store;

    @BeforeEach
    void open(Database database) {
        store = new JdbcTraceStore(database.dataSource());
    }

    @StoreTest
    void keepsEveryPartOfATrace() {
        // given
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("http.method", "POST");
        properties.put("http.header.Accept", List.of("application/json", "text/plain"));
        properties.put("inboundEntityByteSize", 17);
        properties.put("nested", Map.of("ok", true));
        StepTrace map = new StepTrace("to-reply", "map", T0.plusNanos(1_234_567), 812, StepOutcome.COMPLETED,
                Optional.of(new ArchivedPayload("json", "{\"a\":1}", 7, false)),
                Optional.of(new ArchivedPayload("text", "tru", 9, true)), Optional.of(properties));
        StepTrace filter = new StepTrace("only-big", "filter", T0.plusMillis(2), 5, StepOutcome.FAILED,
                Optional.empty(), Optional.empty(), Optional.empty());
        MessageTrace trace = new MessageTrace("m-1", "c-1", Optional.of("m-0"), "acme", "orders", "Orders API",
                "restApi", TraceState.FAILED, T0, Optional.of(T0.plusNanos(3_500_000)), 4711, Optional.of("ada"),
                Optional.of(new TraceError(TraceError.PROCESSING, "JException", "a \"quoted\"; message\nline 2",
                        Optional.of("only-big"))),
                List.of(new AttemptTrace(1, T0.plusNanos(1_000), List.of(map, filter))));

        // when
        store.save(List.of(trace));

        // then
        assertThat(store.find("m-1")).hasValue(trace);
        assertThat(store.find("m-2")).isEmpty();
    }

    @StoreTest
    void keepsTimesToTheMicrosecond() {
        // given
        Instant start = T0.plusNanos(123_456_789);

        // when
        store.save(List.of(trace("m-1", TraceState.COMPLETED, start)));

        // then
        MessageTrace found = store.find("m-1").orElseThrow();
        assertThat(found.start()).isEqualTo(T0.plusNanos(123_456_000));
        assertThat(found.processingTime()).hasValue(Duration.ofMillis(3));
    }

    @StoreTest
    void replacesATraceWithALaterSnapshot() {
        // given
        store.save(List.of(trace("m-1", TraceState.IN_FLIGHT, T0)));

        // when
        store.save(List.of(trace("m-1", TraceState.COMPLETED, T0)));

        // then
        assertThat(store.find("m-1").orElseThrow().state()).isEqualTo(TraceState.COMPLETED);
    }

    @StoreTest
    void neverReplacesAFinishedTraceWithAnInFlightSnapshot() {
        // given
        store.save(List.of(trace("m-1", TraceState.FAILED, T0)));

        // when
        store.save(List.of(trace("m-1", TraceState.IN_FLIGHT, T0), trace("m-2", TraceState.IN_FLIGHT, T0)));

        // then
        assertThat(store.find("m-1").orElseThrow().state()).isEqualTo(TraceState.FAILED);
        assertThat(store.find("m-1").orElseThrow().error()).isPresent();
        assertThat(store.find("m-2").orElseThrow().state()).isEqualTo(TraceState.IN_FLIGHT);
    }

    @StoreTest
    void listsNewestFirstAsSummaries() {
        // given
        store.save(List.of(trace("m-1", TraceState.COMPLETED, T0), trace("m-2", TraceState.FAILED, T0.plusSeconds(2)),
                trace("m-3", TraceState.REJECTED, T0.plusSeconds(1))));

        // when
        TracePage page = store.query(TraceQuery.all());

        // then
        assertThat(page.traces()).extracting(MessageTrace::messageId).containsExactly("m-2", "m-3", "m-1");
        assertThat(page.traces()).allSatisfy(trace -> assertThat(trace.attempts()).isEmpty());
        assertThat(page.traces().get(0).error()).isPresent();
        assertThat(page.next()).isEmpty();
    }

    @StoreTest
    void pagesWithACursorWithoutGapsOrRepeatsAlsoWhenStartsAreEqual() {
        // given: three messages share each start time
        List<MessageTrace> traces = new ArrayList<>();
        IntStream.range(0, 9).forEach(i -> traces.add(trace("m-" + i, TraceState.COMPLETED,
                T0.plusSeconds(i / 3))));
        store.save(traces);

        // when
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        Optional<TraceCursor> cursor = Optional.empty();
        do {
            TracePage page = store.query(TraceQuery.builder().limit(2).after(cursor.map(c ->
                    TraceCursor.decode(c.encode()))).build());
            page.traces().forEach(trace -> seen.add(trace.messageId()));
            pageSizes.add(page.traces().size());
            cursor = page.next();
        } while (cursor.isPresent());

        // then
        assertThat(seen).containsExactly("m-8", "m-7", "m-6", "m-5", "m-4", "m-3", "m-2", "m-1", "m-0");
        assertThat(pageSizes).containsExactly(2, 2, 2, 2, 1);
    }

    @StoreTest
    void endsOnAFullLastPageWithoutACursor() {
        // given
        store.save(List.of(trace("m-1", TraceState.COMPLETED, T0), trace("m-2", TraceState.COMPLETED, T0)));

        // when
        TracePage page = store.query(TraceQuery.builder().limit(2).build());

        // then
        assertThat(page.traces()).hasSize(2);
        assertThat(page.next()).isEmpty();
    }

    @StoreTest
    void filtersByOwnerFlowStateTimeMessageAndCorrelation() {
        // given
        store.save(List.of(
                trace("m-1", "acme", "orders", TraceState.COMPLETED, T0),
                trace("m-2", "acme", "orders", TraceState.FAILED, T0.plusSeconds(10)),
                trace("m-3", "acme", "billing", TraceState.REJECTED, T0.plusSeconds(20)),
                trace("m-4", "globex", "orders", TraceState.IN_FLIGHT, T0.plusSeconds(30))));

        // then
        assertThat(ids(TraceQuery.builder().ownerId("acme").build())).containsExactly("m-3", "m-2", "m-1");
        assertThat(ids(TraceQuery.builder().flowId("orders").build())).containsExactly("m-4", "m-2", "m-1");
        assertThat(ids(TraceQuery.builder().ownerId("acme").flowId("orders").build())).containsExactly("m-2", "m-1");
        assertThat(ids(TraceQuery.builder().states(Set.of(TraceState.FAILED, TraceState.REJECTED)).build()))
                .containsExactly("m-3", "m-2");
        assertThat(ids(TraceQuery.builder().from(T0.plusSeconds(10)).to(T0.plusSeconds(30)).build()))
                .as("from is inclusive, to exclusive").containsExactly("m-3", "m-2");
        assertThat(ids(TraceQuery.builder().messageId("m-3").build())).containsExactly("m-3");
        assertThat(ids(TraceQuery.builder().correlationId("corr-m-4").build())).containsExactly("m-4");
        assertThat(ids(TraceQuery.builder().ownerId("initech").build())).isEmpty();
    }

    @StoreTest
    void countsAFlowsMessagesByStateInATimeRange() {
        // given
        store.save(List.of(
                trace("before", TraceState.COMPLETED, T0.minusSeconds(1)),
                trace("m-1", TraceState.COMPLETED, T0),
                trace("m-2", TraceState.COMPLETED, T0.plusSeconds(1)),
                trace("m-3", TraceState.FAILED, T0.plusSeconds(2)),
                trace("m-4", TraceState.REJECTED, T0.plusSeconds(3)),
                trace("m-5", TraceState.IN_FLIGHT, T0.plusSeconds(4)),
                trace("other", "acme", "billing", TraceState.COMPLETED, T0.plusSeconds(4)),
                trace("at-end", TraceState.COMPLETED, T0.plusSeconds(60))));

        // when
        FlowStats stats = store.stats("acme", "orders", T0, T0.plusSeconds(60));

        // then
        assertThat(stats).isEqualTo(new FlowStats(1, 2, 1, 1));
        assertThat(stats.total()).isEqualTo(5);
        assertThat(store.stats("acme", "unknown", T0, T0.plusSeconds(60))).isEqualTo(new FlowStats(0, 0, 0, 0));
    }

    @StoreTest
    void prunesTracesOlderThanAnInstantInBoundedBatches() {
        // given
        List<MessageTrace> traces = new ArrayList<>();
        IntStream.range(0, 5).forEach(i -> traces.add(trace("old-" + i, TraceState.COMPLETED, T0.minusSeconds(i + 1))));
        traces.add(trace("new", TraceState.COMPLETED, T0));
        store.save(traces);

        // when
        int first = store.prune(T0, 3);
        int second = store.prune(T0, 3);
        int third = store.prune(T0, 3);

        // then
        assertThat(List.of(first, second, third)).containsExactly(3, 2, 0);
        assertThat(ids(TraceQuery.all())).containsExactly("new");
    }

    @StoreTest
    void savesALargeBatchInOneCall() {
        // given
        List<MessageTrace> traces = new ArrayList<>();
        IntStream.range(0, 2000).forEach(i -> traces.add(trace("m-" + i, TraceState.COMPLETED, T0.plusMillis(i))));

        // when
        store.save(traces);

        // then
        assertThat(store.stats("acme", "orders", T0, T0.plusSeconds(3600)).completed()).isEqualTo(2000);
    }

    private List<String> ids(TraceQuery query) {
        return store.query(query).traces().stream().map(MessageTrace::messageId).toList();
    }
}
