package org.flowserver.server.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flowserver.server.traces.TestTraces.T0;
import static org.flowserver.server.traces.TestTraces.trace;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.flowserver.processors.trace.TraceState;
import org.flowserver.server.store.Database;
import org.flowserver.server.store.StoreTest;
import org.junit.jupiter.api.BeforeEach;

/** Message counts by flow and over time, on H2 and on PostgreSQL with the real schema. */
class TraceStatisticsTest {

    private JdbcTraceStore store;

    @BeforeEach
    void open(Database database) {
        store = new JdbcTraceStore(database.dataSource());
    }

    @StoreTest
    void countsEveryFlowWithMessagesInTheRangeOrderedByOwnerAndFlow() {
        // given
        store.save(List.of(
                trace("before", "acme", "orders", TraceState.COMPLETED, T0.minusNanos(1_000)),
                trace("m-1", "acme", "orders", TraceState.COMPLETED, T0),
                trace("m-2", "acme", "orders", TraceState.FAILED, T0.plusSeconds(1)),
                trace("m-3", "Zeta", "billing", TraceState.REJECTED, T0.plusSeconds(2)),
                trace("m-4", "acme", "Billing", TraceState.IN_FLIGHT, T0.plusSeconds(3)),
                trace("at-end", "acme", "orders", TraceState.COMPLETED, T0.plusSeconds(60))));

        // when
        List<FlowCounts> all = store.countsByFlow(Optional.empty(), T0, T0.plusSeconds(60));
        List<FlowCounts> acme = store.countsByFlow(Optional.of("acme"), T0, T0.plusSeconds(60));

        // then
        assertThat(all).containsExactly(
                new FlowCounts("Zeta", "billing", new FlowStats(0, 0, 0, 1)),
                new FlowCounts("acme", "Billing", new FlowStats(1, 0, 0, 0)),
                new FlowCounts("acme", "orders", new FlowStats(0, 1, 1, 0)));
        assertThat(acme).extracting(FlowCounts::flowId).containsExactly("Billing", "orders");
        assertThat(store.countsByFlow(Optional.empty(), T0.minusSeconds(7200), T0.minusSeconds(3600))).isEmpty();
    }

    @StoreTest
    void countsMessagesInBucketsOfTheRangeWithEmptyBucketsAndAShorterLastOne() {
        // given
        store.save(List.of(
                trace("before", TraceState.COMPLETED, T0.minusNanos(1_000)),
                trace("m-1", TraceState.COMPLETED, T0),
                trace("m-2", TraceState.FAILED, T0.plusSeconds(10).minusNanos(1_000)),
                trace("m-3", TraceState.COMPLETED, T0.plusSeconds(10)),
                trace("m-4", TraceState.REJECTED, T0.plusSeconds(34)),
                trace("other", "acme", "billing", TraceState.COMPLETED, T0.plusSeconds(5)),
                trace("at-end", TraceState.COMPLETED, T0.plusSeconds(35))));

        // when
        Timeline timeline = store.timeline(Optional.of("acme"), Optional.of("orders"), T0, T0.plusSeconds(35),
                Duration.ofSeconds(10));

        // then
        assertThat(timeline.buckets()).containsExactly(new FlowStats(0, 1, 1, 0), new FlowStats(0, 1, 0, 0),
                new FlowStats(0, 0, 0, 0), new FlowStats(0, 0, 0, 1));
        assertThat(timeline.bucketStart(3)).isEqualTo(T0.plusSeconds(30));
        assertThat(store.timeline(Optional.empty(), Optional.empty(), T0, T0.plusSeconds(35), Duration.ofSeconds(35))
                .buckets()).containsExactly(new FlowStats(0, 3, 1, 1));
    }

    @StoreTest
    void refusesAnEmptyRange() {
        assertThatThrownBy(() -> store.timeline(Optional.empty(), Optional.empty(), T0, T0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("from 2026-03-01T10:00:00Z is not before to 2026-03-01T10:00:00Z");
    }
}
