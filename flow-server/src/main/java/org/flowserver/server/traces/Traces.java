package org.flowserver.server.traces;

import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.flowserver.processors.trace.MessageObserver;

/**
 * Message tracing as the server runs it: the store, the recorder that every message reports to (unless tracing
 * is off), the retention that prunes old traces, and the API that reads them.
 */
public final class Traces implements AutoCloseable {

    private final TraceStore store;
    private final TraceStatistics statistics;
    private final Optional<TraceRecorder> recorder;
    private final TraceRetention retention;
    private final Clock clock;

    private Traces(TraceStore store, TraceStatistics statistics, Optional<TraceRecorder> recorder,
                   TraceRetention retention, Clock clock) {
        this.store = store;
        this.statistics = statistics;
        this.recorder = recorder;
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * Starts recording into the store and pruning it.
     *
     * @throws org.flowserver.server.store.StoreException if the store cannot be reached or is not supported
     */
    public static Traces start(TraceConfig config, DataSource dataSource, Clock clock) {
        JdbcTraceStore store = new JdbcTraceStore(dataSource);
        Optional<TraceRecorder> recorder = config.enabled()
                ? Optional.of(TraceRecorder.start(store, TraceRecorder.Settings.of(config))) : Optional.empty();
        return new Traces(store, store, recorder, TraceRetention.start(store, config.retention(), config.pruneInterval(),
                clock), clock);
    }

    /** What the flows report their messages to: the recorder, or nothing when tracing is off. */
    public MessageObserver observer() {
        return recorder.<MessageObserver>map(r -> r).orElse(MessageObserver.NONE);
    }

    /** The recorder, for its queue depth and drop counts; empty when tracing is off. */
    public Optional<TraceRecorder> recorder() {
        return recorder;
    }

    public TraceStore store() {
        return store;
    }

    /**
     * Adds the trace API and the statistics (per flow, server-wide, over time); the caller's failure handler for
     * {@code /api/*} answers errors.
     */
    public void mount(Router router) {
        new TracesApi(store, statistics, clock).mount(router);
    }

    /** Writes the traces still queued (bounded wait), then stops pruning. Call it after the flows have stopped. */
    @Override
    public void close() {
        recorder.ifPresent(TraceRecorder::close);
        retention.close();
    }
}
