package org.flowserver.server.traces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.flowserver.dsl.Ids;
import org.flowserver.processors.http.FieldError;
import org.flowserver.processors.http.ProblemDetail;
import org.flowserver.processors.http.ProblemType;
import org.flowserver.processors.trace.MessageTrace;
import org.flowserver.processors.trace.TraceState;
import org.flowserver.server.http.ApiException;
import org.flowserver.server.http.PathParams;
import org.flowserver.server.http.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trace part of the management API (DESIGN.md §4.2, docs/traces.md): message traces newest first with
 * filters and cursor paging, one trace in full, the same filters as a CSV download, per-flow statistics for a
 * time range, and the server-wide statistics and timeline that Heartbeat shows. Every bad query parameter is
 * answered with one 400 that names each and its rule.
 */
public final class TracesApi {

    private static final Logger LOG = LoggerFactory.getLogger(TracesApi.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String LIST = "/api/traces";
    private static final String EXPORT = "/api/traces/export";
    private static final String ONE = "/api/traces/:messageId";
    private static final String STATS = "/api/flows/:ownerId/:flowId/stats";
    private static final String SERVER_STATS = "/api/stats";
    private static final String TIMELINE = "/api/stats/timeline";
    private static final Set<String> SERVER_STATS_PARAMS = Set.of("from", "to", "ownerId");
    private static final Set<String> TIMELINE_PARAMS = Set.of("from", "to", "ownerId", "flowId", "buckets");
    private static final int DEFAULT_BUCKETS = 60;
    private static final int MAX_BUCKETS = 500;
    private static final Set<String> FILTERS = Set.of("ownerId", "flowId", "state", "from", "to", "messageId",
            "correlationId");
    private static final Set<String> PAGE = Set.of("limit", "cursor");
    private static final Set<String> RANGE = Set.of("from", "to");
    private static final Duration DEFAULT_STATS_RANGE = Duration.ofHours(1);
    private static final int MAX_TOKEN_LENGTH = 128;
    private static final long EXPORT_STALL_MILLIS = 60_000;

    private final TraceStore store;
    private final TraceStatistics statistics;
    private final Clock clock;

    public TracesApi(TraceStore store, TraceStatistics statistics, Clock clock) {
        this.store = store;
        this.statistics = statistics;
        this.clock = clock;
    }

    /** Adds the routes. The export route comes before the one of a single trace, which would take it for an id. */
    public void mount(Router router) {
        router.get(LIST).blockingHandler(this::list, false);
        router.route(LIST).handler(context -> Problems.methodNotAllowed(context, "GET"));
        router.get(EXPORT).blockingHandler(this::export, false);
        router.route(EXPORT).handler(context -> Problems.methodNotAllowed(context, "GET"));
        router.get(ONE).blockingHandler(this::one, false);
        router.route(ONE).handler(context -> Problems.methodNotAllowed(context, "GET"));
        router.get(STATS).blockingHandler(this::stats, false);
        router.route(STATS).handler(context -> Problems.methodNotAllowed(context, "GET"));
        router.get(SERVER_STATS).blockingHandler(this::serverStats, false);
        router.route(SERVER_STATS).handler(context -> Problems.methodNotAllowed(context, "GET"));
        router.get(TIMELINE).blockingHandler(this::timeline, false);
        router.route(TIMELINE).handler(context -> Problems.methodNotAllowed(context, "GET"));
    }

    private void list(RoutingContext context) {
        QueryParams params = QueryParams.of(context, union(FILTERS, PAGE));
        TraceQuery.Builder query = filters(params);
        params.limit().ifPresent(query::limit);
        query.after(params.cursor());
        params.throwIfInvalid();
        TracePage page = store.query(query.build());
        ObjectNode body = NODES.objectNode();
        ArrayNode traces = body.putArray("traces");
        page.traces().forEach(trace -> traces.add(TraceJson.summary(trace)));
        page.next().ifPresent(next -> body.put("nextCursor", next.encode()));
        send(context, body);
    }

    private void one(RoutingContext context) {
        String messageId = context.pathParam("messageId");
        if (!isToken(messageId)) {
            throw new ApiException(ProblemType.MALFORMED_REQUEST, "The messageId '" + messageId + "' of the path "
                    + "must be 1 to " + MAX_TOKEN_LENGTH + " visible ASCII characters");
        }
        QueryParams.of(context, Set.of()).throwIfInvalid();
        MessageTrace trace = store.find(messageId).orElseThrow(() -> new ApiException(ProblemType.NOT_FOUND,
                "No trace of message '" + messageId + "' is stored; a trace is stored a moment after its message "
                        + "and kept for the trace retention"));
        send(context, TraceJson.full(trace));
    }

    private void stats(RoutingContext context) {
        String ownerId = PathParams.id(context, "ownerId");
        String flowId = PathParams.id(context, "flowId");
        TimeRange range = range(QueryParams.of(context, RANGE));
        FlowStats stats = store.stats(ownerId, flowId, range.from(), range.to());
        ObjectNode body = NODES.objectNode();
        body.put("ownerId", ownerId);
        body.put("flowId", flowId);
        body.put("from", range.from().toString());
        body.put("to", range.to().toString());
        body.put("inFlight", stats.inFlight());
        body.put("completed", stats.completed());
        body.put("failed", stats.failed());
        body.put("rejected", stats.rejected());
        body.put("total", stats.total());
        send(context, body);
    }

    /** Every flow's counts for a range (by default the last hour), and their sums. */
    private void serverStats(RoutingContext context) {
        QueryParams params = QueryParams.of(context, SERVER_STATS_PARAMS);
        Optional<String> ownerId = params.id("ownerId");
        TimeRange range = range(params);
        List<FlowCounts> flows = statistics.countsByFlow(ownerId, range.from(), range.to());
        ObjectNode body = NODES.objectNode();
        ownerId.ifPresent(owner -> body.put("ownerId", owner));
        body.put("from", range.from().toString());
        body.put("to", range.to().toString());
        counts(body, flows.stream().map(FlowCounts::stats).reduce(FlowStats.NONE, FlowStats::plus));
        ArrayNode list = NODES.arrayNode();
        for (FlowCounts flow : flows) {
            counts(list.addObject().put("ownerId", flow.ownerId()).put("flowId", flow.flowId()), flow.stats());
        }
        body.set("flows", list);
        send(context, body);
    }

    /** The counts of a range (by default the last hour) in equal buckets, of every flow or of the ones named. */
    private void timeline(RoutingContext context) {
        QueryParams params = QueryParams.of(context, TIMELINE_PARAMS);
        Optional<String> ownerId = params.id("ownerId");
        Optional<String> flowId = params.id("flowId");
        int buckets = params.wholeNumber("buckets", 1, MAX_BUCKETS).orElse(DEFAULT_BUCKETS);
        TimeRange range = range(params);
        Instant from = JdbcTraceStore.micros(range.from());
        Instant to = JdbcTraceStore.micros(range.to());
        if (!from.isBefore(to)) {
            params.problem("from", "The query parameter 'from' (" + range.from() + ") is not before 'to' ("
                    + range.to() + "); a timeline needs a range that is not empty");
        }
        params.throwIfInvalid();
        Timeline timeline = statistics.timeline(ownerId, flowId, from, to, Timeline.widthFor(from, to, buckets));
        ObjectNode body = NODES.objectNode();
        ownerId.ifPresent(owner -> body.put("ownerId", owner));
        flowId.ifPresent(flow -> body.put("flowId", flow));
        body.put("from", timeline.from().toString());
        body.put("to", timeline.to().toString());
        body.put("bucketMillis", timeline.width().toMillis());
        ArrayNode list = body.putArray("buckets");
        for (int i = 0; i < timeline.buckets().size(); i++) {
            counts(list.addObject().put("start", timeline.bucketStart(i).toString()), timeline.buckets().get(i));
        }
        send(context, body);
    }

    /** {@code [from, to)} of the query: as given, by default the hour before {@code to}, and {@code to} now. */
    private TimeRange range(QueryParams params) {
        Optional<Instant> from = params.time("from");
        Optional<Instant> to = params.time("to");
        params.throwIfInvalid();
        Instant end = to.orElseGet(clock::instant);
        Instant start = from.orElse(end.minus(DEFAULT_STATS_RANGE));
        params.checkRange(start, end);
        params.throwIfInvalid();
        return new TimeRange(start, end);
    }

    private record TimeRange(Instant from, Instant to) {
    }

    private static void counts(ObjectNode node, FlowStats stats) {
        node.put("inFlight", stats.inFlight());
        node.put("completed", stats.completed());
        node.put("failed", stats.failed());
        node.put("rejected", stats.rejected());
        node.put("total", stats.total());
    }

    /**
     * Streams every matching trace, newest first, page by page from the store; a slow reader holds the next page
     * back (up to a minute) rather than filling memory. A store failure after the first row was sent can no
     * longer become a problem: the connection is reset, so that the download is seen to be incomplete.
     */
    private void export(RoutingContext context) {
        QueryParams params = QueryParams.of(context, FILTERS);
        TraceQuery.Builder query = filters(params).limit(TraceQuery.MAX_LIMIT);
        params.throwIfInvalid();
        TracePage page = store.query(query.build());
        HttpServerResponse response = context.response();
        response.setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, "text/csv; charset=utf-8")
                .putHeader("Content-Disposition", "attachment; filename=\"traces.csv\"");
        StringBuilder chunk = new StringBuilder(TraceCsv.HEADER).append(TraceCsv.LINE_END);
        try {
            while (true) {
                page.traces().forEach(trace -> TraceCsv.appendRow(chunk, trace));
                response.write(Buffer.buffer(chunk.toString().getBytes(StandardCharsets.UTF_8)));
                chunk.setLength(0);
                if (page.next().isEmpty()) {
                    response.end();
                    return;
                }
                if (!awaitDrained(response)) {
                    return;
                }
                page = store.query(query.after(page.next()).build());
            }
        } catch (RuntimeException e) {
            LOG.atError().setCause(e).log("Trace export failed after it began; the download is cut off");
            response.reset();
        }
    }

    /** Waits until the response can take more; false if the reader went away or stalled. */
    private static boolean awaitDrained(HttpServerResponse response) {
        long deadline = System.currentTimeMillis() + EXPORT_STALL_MILLIS;
        while (response.writeQueueFull() && !response.closed()) {
            if (System.currentTimeMillis() > deadline) {
                LOG.warn("Trace export stopped: the reader took no data for a minute");
                response.reset();
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !response.closed();
    }

    private static TraceQuery.Builder filters(QueryParams params) {
        TraceQuery.Builder query = TraceQuery.builder();
        params.id("ownerId").ifPresent(query::ownerId);
        params.id("flowId").ifPresent(query::flowId);
        query.states(params.states());
        Optional<Instant> from = params.time("from");
        Optional<Instant> to = params.time("to");
        from.ifPresent(query::from);
        to.ifPresent(query::to);
        if (from.isPresent() && to.isPresent()) {
            params.checkRange(from.get(), to.get());
        }
        params.token("messageId").ifPresent(query::messageId);
        params.token("correlationId").ifPresent(query::correlationId);
        return query;
    }

    private static boolean isToken(String value) {
        return !value.isEmpty() && value.length() <= MAX_TOKEN_LENGTH
                && value.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    }

    private static Set<String> union(Set<String> first, Set<String> second) {
        Set<String> union = new TreeSet<>(first);
        union.addAll(second);
        return union;
    }

    private static void send(RoutingContext context, JsonNode body) {
        context.response().setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Buffer.buffer(body.toString()));
    }

    /** The query parameters of one call, read against their rules; every problem is kept for one 400. */
    private static final class QueryParams {

        private static final String TIME_RULE = "an ISO-8601 date and time with an offset, for example "
                + "2026-01-31T12:00:00Z";

        private final MultiMap params;
        private final List<FieldError> problems = new ArrayList<>();

        private QueryParams(MultiMap params) {
            this.params = params;
        }

        static QueryParams of(RoutingContext context, Set<String> known) {
            MultiMap params;
            try {
                params = context.queryParams();
            } catch (IllegalArgumentException e) {
                throw new ApiException(ProblemType.MALFORMED_REQUEST, "The query string cannot be decoded: "
                        + e.getMessage());
            }
            QueryParams query = new QueryParams(params);
            for (String name : new TreeSet<>(params.names())) {
                if (!known.contains(name)) {
                    query.problem(name, "The query parameter '" + name + "' is not known; " + (known.isEmpty()
                            ? "this call takes none" : "known parameters: " + String.join(", ", new TreeSet<>(known))));
                } else if (params.getAll(name).size() > 1) {
                    query.problem(name, "The query parameter '" + name + "' is given " + params.getAll(name).size()
                            + " times; give it once");
                }
            }
            return query;
        }

        Optional<String> id(String name) {
            return value(name).filter(value -> check(name, value, Ids.isValid(value), "it must match "
                    + Ids.PATTERN_TEXT));
        }

        Optional<String> token(String name) {
            return value(name).filter(value -> check(name, value, isToken(value), "it must be 1 to "
                    + MAX_TOKEN_LENGTH + " visible ASCII characters"));
        }

        Set<TraceState> states() {
            Optional<String> text = value("state");
            if (text.isEmpty()) {
                return Set.of();
            }
            Set<TraceState> states = EnumSet.noneOf(TraceState.class);
            for (String name : text.get().split(",", -1)) {
                try {
                    states.add(TraceState.valueOf(name.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    check("state", text.get(), false, "it must be " + stateNames() + ", or several of them "
                            + "comma-separated");
                    return Set.of();
                }
            }
            return states;
        }

        Optional<Instant> time(String name) {
            Optional<String> text = value(name);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            // An unencoded '+' of an offset arrives as a space.
            String value = text.get().replace(' ', '+');
            try {
                return Optional.of(OffsetDateTime.parse(value).toInstant());
            } catch (DateTimeParseException e) {
                check(name, text.get(), false, "it must be " + TIME_RULE);
                return Optional.empty();
            }
        }

        Optional<Integer> limit() {
            return wholeNumber("limit", 1, TraceQuery.MAX_LIMIT);
        }

        /** A whole number from {@code min} to {@code max} (at most four digits). */
        Optional<Integer> wholeNumber(String name, int min, int max) {
            Optional<String> text = value(name);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            String value = text.get();
            boolean digits = !value.isEmpty() && value.length() <= 4 && value.chars().allMatch(Character::isDigit);
            int number = digits ? Integer.parseInt(value) : min - 1;
            boolean valid = number >= min && number <= max;
            check(name, value, valid, "it must be a whole number from " + min + " to " + max);
            return valid ? Optional.of(number) : Optional.empty();
        }

        Optional<TraceCursor> cursor() {
            Optional<String> text = value("cursor");
            if (text.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(TraceCursor.decode(text.get()));
            } catch (IllegalArgumentException e) {
                check("cursor", text.get(), false, "it must be the nextCursor of a previous page, unchanged");
                return Optional.empty();
            }
        }

        void checkRange(Instant from, Instant to) {
            if (from.isAfter(to)) {
                problem("from", "The query parameter 'from' (" + from + ") is after 'to' (" + to + "); the range "
                        + "must not end before it starts");
            }
        }

        /**
         * @throws ApiException a 400 listing every problem, if there is one
         */
        void throwIfInvalid() {
            if (problems.isEmpty()) {
                return;
            }
            String detail = problems.size() == 1 ? problems.get(0).message() : "The query has " + problems.size()
                    + " problems: " + problems.stream().map(FieldError::message).collect(Collectors.joining("; "));
            throw new ApiException(new ProblemDetail(ProblemType.MALFORMED_REQUEST, detail, problems));
        }

        /** The value of a parameter given once; a repeated one is already a problem. */
        private Optional<String> value(String name) {
            List<String> values = params.getAll(name);
            return values.size() == 1 ? Optional.of(values.get(0)) : Optional.empty();
        }

        private boolean check(String name, String value, boolean valid, String rule) {
            if (!valid) {
                problem(name, "The query parameter '" + name + "' is '" + value + "'; " + rule);
            }
            return valid;
        }

        private void problem(String name, String message) {
            problems.add(new FieldError("query", "/" + name, message));
        }

        private static String stateNames() {
            TraceState[] states = TraceState.values();
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < states.length; i++) {
                names.append(i == 0 ? "" : i == states.length - 1 ? " or " : ", ").append(states[i].name());
            }
            return names.toString();
        }
    }
}
