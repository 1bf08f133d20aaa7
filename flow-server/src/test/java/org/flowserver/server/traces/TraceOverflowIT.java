package org.flowserver.server.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.flowserver.server.traces.TraceCalls.awaitTrace;
import static org.flowserver.server.traces.TraceCalls.messageId;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.flowserver.dsl.Access;
import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.flowserver.server.LogCapture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A store that stops answering does not stop the flows: with a tiny trace queue and the embedded store paused
 * (H2's exclusive mode holds every other connection's statements), requests are still answered and the dropped
 * traces are counted and logged once.
 */
class TraceOverflowIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.with(config -> config.toBuilder()
            .traces(TraceConfig.builder().queueCapacity(4).batchSize(2).build()).build());

    @BeforeAll
    static void deployFlow() {
        // Public: a caller's credentials are checked against the store, which this test locks.
        SERVER.deployOk(Flow.define("orders", f -> f.ownerId("acme")
                .restApi("orders-in", r -> r.access(Access.PUBLIC)).map("to-reply", "payload")));
    }

    @Test
    void answersEveryRequestAndCountsTheDroppedTracesWhileTheStoreIsStuck() throws SQLException {
        TraceRecorder recorder = SERVER.server().traces().recorder().orElseThrow();
        try (LogCapture log = LogCapture.of(TraceRecorder.class, Level.WARN);
             Connection admin = DriverManager.getConnection("jdbc:h2:file:" + SERVER.dataDir().toAbsolutePath()
                     .resolve("flowserver") + ";DB_CLOSE_ON_EXIT=FALSE", "flowserver", "");
             Statement statement = admin.createStatement()) {
            // given
            statement.execute("SET EXCLUSIVE 1");
            try {
                // when
                long start = System.nanoTime();
                for (int i = 0; i < 40; i++) {
                    SERVER.request().contentType("application/json").body("{}").post("/acme/rs/orders")
                            .then().statusCode(201);
                }

                // then
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
                assertThat(recorder.overflowCount()).isGreaterThanOrEqualTo(40 - 4 - 2);
                assertThat(log.events()).extracting(ILoggingEvent::getFormattedMessage)
                        .containsExactly("Traces were dropped: the store does not keep up, or the writer keeps to its "
                                + "CPU share on a busy CPU (see trace-writer-cpu-percent)");
            } finally {
                statement.execute("SET EXCLUSIVE 0");
            }
        }

        // and once the store answers again and the queue has room, messages are traced again
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.queueDepth() == 0);
        String id = messageId(SERVER.request().contentType("application/json").body("{}").post("/acme/rs/orders"));
        awaitTrace(SERVER, id, "COMPLETED");
    }
}
