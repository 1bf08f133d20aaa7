package org.flowserver.server.traces;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flowserver.processors.trace.AttemptTrace;
import org.flowserver.processors.trace.MessageTrace;
import org.flowserver.processors.trace.TraceState;
import org.flowserver.server.store.StoreException;

/**
 * Traces in a relational store (H2 or PostgreSQL), one row per message (V3__traces.sql). Times are kept to the
 * microsecond, which both databases store exactly; they are cut to it before writing, so that a cursor made from
 * a row finds that row again.
 */
public final class JdbcTraceStore implements TraceStore, TraceStatistics {

    private static final String COLUMNS = "message_id, correlation_id, original_message_id, owner_id, flow_id, "
            + "flow_name, origin, state, start_time, end_time, processing_micros, message_size, principal, "
            + "error_categories, error, attempts";
    private static final String SUMMARY_COLUMNS = COLUMNS.replace(", attempts", "");
    private static final String[] TYPES = {"VARCHAR(128)", "VARCHAR(128)", "VARCHAR(128)", "VARCHAR(30)",
        "VARCHAR(30)", "TEXT", "VARCHAR(64)", "VARCHAR(16)", "TIMESTAMP WITH TIME ZONE", "TIMESTAMP WITH TIME ZONE",
        "BIGINT", "BIGINT", "TEXT", "VARCHAR(200)", "TEXT", "TEXT"};
    /** A later snapshot replaces the stored one, unless it is in flight and the stored one has finished. */
    private static final String REPLACES = "%1$s.state <> 'IN_FLIGHT' OR message_traces.state = 'IN_FLIGHT'";

    private final DataSource dataSource;
    private final Dialect dialect;

    /**
     * @throws StoreException if the store cannot be reached, or is neither H2 nor PostgreSQL
     */
    public JdbcTraceStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.dialect = Dialect.of(product(dataSource));
    }

    /**
     * The statements that differ between the two databases. {@code bucket} is the index of a message's time bucket:
     * the whole microseconds from the first parameter (the timeline's start) to its start, divided by the second
     * (the bucket width in microseconds), rounded down.
     */
    record Dialect(String upsert, String prune, String bucket) {

        static Dialect of(String product) {
            String lower = product.toLowerCase(Locale.ROOT);
            if (lower.contains("postgresql")) {
                return new Dialect(postgresqlUpsert(), "DELETE FROM message_traces WHERE message_id IN "
                        + "(SELECT message_id FROM message_traces WHERE start_time < ? LIMIT ?)",
                        "FLOOR(EXTRACT(EPOCH FROM (start_time - CAST(? AS TIMESTAMP WITH TIME ZONE))) * 1000000 "
                                + "/ CAST(? AS BIGINT))");
            }
            if (lower.equals("h2")) {
                // H2 runs DELETE ... IN (subquery) in quadratic time (2 s for 5000 rows); its own form is linear.
                return new Dialect(h2Upsert(), "DELETE FROM message_traces WHERE start_time < ? FETCH FIRST ? ROWS ONLY",
                        "DATEDIFF(MICROSECOND, CAST(? AS TIMESTAMP WITH TIME ZONE), start_time) / CAST(? AS BIGINT)");
            }
            throw new StoreException("The trace store works on H2 and PostgreSQL, not on '" + product + "'", null);
        }
    }

    private static String product(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new StoreException("The trace store cannot be reached: " + e.getMessage(), e);
        }
    }

    private static String updates() {
        return List.of(COLUMNS.split(", ")).stream().skip(1).map(column -> column + " = %1$s." + column)
                .collect(Collectors.joining(", "));
    }

    private static String postgresqlUpsert() {
        return ("INSERT INTO message_traces (" + COLUMNS + ") VALUES (" + "?, ".repeat(TYPES.length - 1) + "?) "
                + "ON CONFLICT (message_id) DO UPDATE SET " + updates() + " WHERE " + REPLACES).formatted("EXCLUDED");
    }

    /** The standard MERGE: H2 has no ON CONFLICT ... DO UPDATE, and its MERGE ... KEY cannot keep finished rows. */
    private static String h2Upsert() {
        List<String> casts = new ArrayList<>();
        for (String type : TYPES) {
            casts.add("CAST(? AS " + type + ")");
        }
        return ("MERGE INTO message_traces USING (VALUES (" + String.join(", ", casts) + ")) AS s (" + COLUMNS
                + ") ON message_traces.message_id = s.message_id WHEN MATCHED AND (" + REPLACES + ") THEN UPDATE SET "
                + updates() + " WHEN NOT MATCHED THEN INSERT (" + COLUMNS + ") VALUES (" + List.of(COLUMNS.split(", "))
                .stream().map(column -> "s." + column).collect(Collectors.joining(", ")) + ")").formatted("s");
    }

    @Override
    public void save(Collection<MessageTrace> traces) {
        if (traces.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(dialect.upsert())) {
                for (MessageTrace trace : traces) {
                    bind(statement, trace);
                    statement.addBatch();
                }
                statement.executeBatch();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(traces.size() + " traces cannot be saved in the store: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement statement, MessageTrace trace) throws SQLException {
        Instant start = micros(trace.start());
        Optional<Instant> end = trace.end().map(JdbcTraceStore::micros);
        statement.setString(1, trace.messageId());
        statement.setString(2, trace.correlationId());
        setText(statement, 3, trace.originalMessageId());
        statement.setString(4, trace.ownerId());
        statement.setString(5, trace.flowId());
        statement.setString(6, trace.flowName());
        statement.setString(7, trace.origin());
        statement.setString(8, trace.state().name());
        statement.setObject(9, time(start));
        if (end.isPresent()) {
            statement.setObject(10, time(end.get()));
            statement.setLong(11, ChronoUnit.MICROS.between(start, end.get()));
        } else {
            statement.setNull(10, Types.TIMESTAMP_WITH_TIMEZONE);
            statement.setNull(11, Types.BIGINT);
        }
        statement.setLong(12, trace.messageSize());
        setText(statement, 13, trace.principal());
        setText(statement, 14, trace.errorCategories().isEmpty() ? Optional.empty()
                : Optional.of(String.join(",", trace.errorCategories())));
        setText(statement, 15, trace.error().map(TraceJson::errorText));
        statement.setString(16, TraceJson.attemptsText(trace.attempts()));
    }

    @Override
    public TracePage query(TraceQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + SUMMARY_COLUMNS + " FROM message_traces WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        query.ownerId().ifPresent(owner -> condition(sql, parameters, " AND owner_id = ?", owner));
        query.flowId().ifPresent(flow -> condition(sql, parameters, " AND flow_id = ?", flow));
        if (!query.states().isEmpty()) {
            List<TraceState> states = query.states().stream().sorted().toList();
            sql.append(" AND state IN (").append("?, ".repeat(states.size() - 1)).append("?)");
            states.forEach(state -> parameters.add(state.name()));
        }
        query.from().ifPresent(from -> condition(sql, parameters, " AND start_time >= ?", time(micros(from))));
        query.to().ifPresent(to -> condition(sql, parameters, " AND start_time < ?", time(micros(to))));
        query.messageId().ifPresent(id -> condition(sql, parameters, " AND message_id = ?", id));
        query.correlationId().ifPresent(id -> condition(sql, parameters, " AND correlation_id = ?", id));
        query.after().ifPresent(after -> {
            // The bound on start_time alone lets both databases scan the index from the cursor on.
            OffsetDateTime start = time(micros(after.start()));
            sql.append(" AND start_time <= ? AND (start_time < ? OR message_id < ?)");
            parameters.add(start);
            parameters.add(start);
            parameters.add(after.messageId());
        });
        sql.append(" ORDER BY ").append(order(query)).append("start_time DESC, message_id DESC LIMIT ?");
        parameters.add(query.limit() + 1);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            List<MessageTrace> traces = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    traces.add(trace(rows, List.of()));
                }
            }
            if (traces.size() <= query.limit()) {
                return new TracePage(traces, Optional.empty());
            }
            List<MessageTrace> page = traces.subList(0, query.limit());
            MessageTrace last = page.get(page.size() - 1);
            return new TracePage(page, Optional.of(new TraceCursor(last.start(), last.messageId())));
        } catch (SQLException e) {
            throw new StoreException("The traces cannot be read from the store: " + e.getMessage(), e);
        }
    }

    /**
     * The columns fixed by the filters that lead the index the query runs on. They change nothing in the order,
     * but H2 reads a page straight from the index only when ORDER BY names the index's columns from the first
     * (without them: 150 ms instead of 0.5 ms for a page of a flow with 200,000 traces).
     */
    private static String order(TraceQuery query) {
        if (query.ownerId().isPresent() && query.flowId().isPresent()) {
            return "owner_id, flow_id, ";
        }
        if (query.states().size() == 1) {
            return "state, ";
        }
        return "";
    }

    private static void condition(StringBuilder sql, List<Object> parameters, String condition, Object value) {
        sql.append(condition);
        parameters.add(value);
    }

    @Override
    public Optional<MessageTrace> find(String messageId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                     + " FROM message_traces WHERE message_id = ?")) {
            select.setString(1, messageId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                String attempts = rows.getString("attempts");
                try {
                    return Optional.of(trace(rows, TraceJson.readAttempts(attempts)));
                } catch (RuntimeException e) {
                    throw new StoreException("The trace of message '" + messageId + "' in the store cannot be read: "
                            + e.getMessage(), e);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("The trace of message '" + messageId + "' cannot be read from the store: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public FlowStats stats(String ownerId, String flowId, Instant from, Instant to) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT state, COUNT(*) FROM message_traces "
                     + "WHERE owner_id = ? AND flow_id = ? AND start_time >= ? AND start_time < ? GROUP BY state")) {
            select.setString(1, ownerId);
            select.setString(2, flowId);
            select.setObject(3, time(micros(from)));
            select.setObject(4, time(micros(to)));
            long[] counts = new long[TraceState.values().length];
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counts[TraceState.valueOf(rows.getString(1)).ordinal()] = rows.getLong(2);
                }
            }
            return new FlowStats(counts[TraceState.IN_FLIGHT.ordinal()], counts[TraceState.COMPLETED.ordinal()],
                    counts[TraceState.FAILED.ordinal()], counts[TraceState.REJECTED.ordinal()]);
        } catch (SQLException | IllegalArgumentException e) {
            throw new StoreException("The statistics of flow '" + flowId + "' of owner '" + ownerId
                    + "' cannot be read from the store: " + e.getMessage(), e);
        }
    }

    @Override
    public List<FlowCounts> countsByFlow(Optional<String> ownerId, Instant from, Instant to) {
        String sql = "SELECT owner_id, flow_id, state, COUNT(*) FROM message_traces WHERE start_time >= ? "
                + "AND start_time < ?" + (ownerId.isPresent() ? " AND owner_id = ?" : "")
                + " GROUP BY owner_id, flow_id, state";
        // Sorted here: PostgreSQL sorts text by the database's collation, which need not be the order of the ids.
        Map<List<String>, long[]> counts = new TreeMap<>(Comparator.comparing((List<String> key) -> key.get(0))
                .thenComparing(key -> key.get(1)));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, time(micros(from)));
            select.setObject(2, time(micros(to)));
            if (ownerId.isPresent()) {
                select.setString(3, ownerId.get());
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long[] flow = counts.computeIfAbsent(List.of(rows.getString(1), rows.getString(2)),
                            key -> new long[TraceState.values().length]);
                    flow[TraceState.valueOf(rows.getString(3)).ordinal()] = rows.getLong(4);
                }
            }
        } catch (SQLException | IllegalArgumentException e) {
            throw new StoreException("The message counts by flow cannot be read from the store: " + e.getMessage(), e);
        }
        List<FlowCounts> flows = new ArrayList<>();
        counts.forEach((key, flow) -> flows.add(new FlowCounts(key.get(0), key.get(1), countsOf(flow))));
        return flows;
    }

    @Override
    public Timeline timeline(Optional<String> ownerId, Optional<String> flowId, Instant from, Instant to,
                             Duration width) {
        Instant start = micros(from);
        Instant end = micros(to);
        int size = Timeline.bucketCount(start, end, width);
        String sql = "SELECT bucket, state, COUNT(*) FROM (SELECT " + dialect.bucket() + " AS bucket, state "
                + "FROM message_traces WHERE start_time >= ? AND start_time < ?"
                + ownerId.map(owner -> " AND owner_id = ?").orElse("") + flowId.map(flow -> " AND flow_id = ?").orElse("")
                + ") AS timed GROUP BY bucket, state";
        long[][] counts = new long[size][TraceState.values().length];
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            int index = 1;
            select.setObject(index++, time(start));
            select.setLong(index++, Timeline.micros(width));
            select.setObject(index++, time(start));
            select.setObject(index++, time(end));
            if (ownerId.isPresent()) {
                select.setString(index++, ownerId.get());
            }
            if (flowId.isPresent()) {
                select.setString(index, flowId.get());
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long bucket = rows.getLong(1);
                    if (bucket >= 0 && bucket < size) {
                        counts[(int) bucket][TraceState.valueOf(rows.getString(2)).ordinal()] = rows.getLong(3);
                    }
                }
            }
        } catch (SQLException | IllegalArgumentException e) {
            throw new StoreException("The message timeline cannot be read from the store: " + e.getMessage(), e);
        }
        List<FlowStats> buckets = new ArrayList<>(size);
        for (long[] bucket : counts) {
            buckets.add(countsOf(bucket));
        }
        return new Timeline(start, end, width, buckets);
    }

    private static FlowStats countsOf(long[] counts) {
        return new FlowStats(counts[TraceState.IN_FLIGHT.ordinal()], counts[TraceState.COMPLETED.ordinal()],
                counts[TraceState.FAILED.ordinal()], counts[TraceState.REJECTED.ordinal()]);
    }

    @Override
    public int prune(Instant olderThan, int maxRows) {
        // Without ORDER BY: any old rows will do, and the start_time index finds them without sorting.
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(dialect.prune())) {
            delete.setObject(1, time(micros(olderThan)));
            delete.setInt(2, maxRows);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Traces older than " + olderThan + " cannot be removed from the store: "
                    + e.getMessage(), e);
        }
    }

    private static MessageTrace trace(ResultSet rows, List<AttemptTrace> attempts)
            throws SQLException {
        String messageId = rows.getString("message_id");
        String error = rows.getString("error");
        TraceState state;
        try {
            state = TraceState.valueOf(rows.getString("state"));
        } catch (IllegalArgumentException e) {
            throw new SQLException("the trace of message '" + messageId + "' has the unknown state '"
                    + rows.getString("state") + "'", e);
        }
        OffsetDateTime end = rows.getObject("end_time", OffsetDateTime.class);
        try {
            return new MessageTrace(messageId, rows.getString("correlation_id"),
                    Optional.ofNullable(rows.getString("original_message_id")), rows.getString("owner_id"),
                    rows.getString("flow_id"), rows.getString("flow_name"), rows.getString("origin"), state,
                    rows.getObject("start_time", OffsetDateTime.class).toInstant(),
                    Optional.ofNullable(end).map(OffsetDateTime::toInstant), rows.getLong("message_size"),
                    Optional.ofNullable(rows.getString("principal")),
                    Optional.ofNullable(error).map(TraceJson::readError), attempts);
        } catch (IllegalArgumentException e) {
            throw new SQLException("the error of message '" + messageId + "' cannot be read: " + e.getMessage(), e);
        }
    }

    private static void setText(PreparedStatement statement, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            statement.setString(index, value.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
