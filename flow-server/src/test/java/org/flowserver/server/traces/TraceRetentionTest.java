package org.flowserver.server.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.flowserver.server.traces.TestTraces.T0;
import static org.flowserver.server.traces.TestTraces.trace;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.flowserver.processors.trace.MessageTrace;
import org.flowserver.processors.trace.TraceState;
import org.flowserver.server.LogCapture;
import org.flowserver.server.store.Database;
import org.flowserver.server.store.StoreTest;
import org.junit.jupiter.api.BeforeEach;

/** Pruning traces older than the retention, on a store of both kinds and a fixed clock. */
class TraceRetentionTest {

    private static final Duration RETENTION = Duration.ofDays(7);
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    private JdbcTraceStore store;

    @BeforeEach
    void open(Database database) {
        store = new JdbcTraceStore(database.dataSource());
        List<MessageTrace> traces = new ArrayList<>();
        IntStream.range(0, 2 * TraceRetention.BATCH_SIZE + 5).forEach(i -> traces.add(trace("old-" + i,
                TraceState.COMPLETED, T0.minus(RETENTION).minusSeconds(i + 1))));
        traces.add(trace("kept", TraceState.COMPLETED, T0.minus(RETENTION).plusSeconds(1)));
        traces.add(trace("new", TraceState.IN_FLIGHT, T0));
        store.save(traces);
    }

    @StoreTest
    void removesEveryTraceOlderThanTheRetentionBatchByBatchAndLogsHowMany() {
        try (LogCapture log = LogCapture.of(TraceRetention.class, Level.INFO)) {
            // when
            int removed = new TraceRetention(store, RETENTION, CLOCK).prune();

            // then
            assertThat(removed).isEqualTo(2 * TraceRetention.BATCH_SIZE + 5);
            assertThat(remaining()).containsExactly("new", "kept");
            assertThat(log.events()).hasSize(1);
            ILoggingEvent event = log.events().get(0);
            assertThat(event.getFormattedMessage()).isEqualTo("Old traces pruned");
            assertThat(values(event)).containsEntry("removed", 2 * TraceRetention.BATCH_SIZE + 5)
                    .containsEntry("olderThan", T0.minus(RETENTION)).containsEntry("retention", RETENTION);
        }
    }

    @StoreTest
    void prunesInTheBackgroundEveryInterval() {
        // when
        try (TraceRetention retention = TraceRetention.start(store, RETENTION, Duration.ofMillis(50), CLOCK)) {

            // then
            await().atMost(Duration.ofSeconds(10)).until(() -> remaining().size() == 2);
        }
    }

    private List<String> remaining() {
        return store.query(TraceQuery.builder().limit(TraceQuery.MAX_LIMIT).build()).traces().stream()
                .map(MessageTrace::messageId).toList();
    }

    private static Map<String, Object> values(ILoggingEvent event) {
        return event.getKeyValuePairs().stream().collect(Collectors.toMap(pair -> pair.key, pair -> pair.value));
    }
}
