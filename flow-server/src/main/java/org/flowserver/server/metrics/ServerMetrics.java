package org.flowserver.server.metrics;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.flowserver.server.http.MethodNames;
import org.flowserver.server.http.Problems;

/**
 * The server's meter registry and its Prometheus endpoint, {@code GET /metrics}: the flows' message metrics
 * ({@link FlowMetrics}), JVM metrics (memory, GC, threads, class loading, CPU, uptime), every HTTP request the
 * server answers ({@code flowserver_http_server_requests_seconds{method,status,area}}, where {@code area} is
 * {@code flow}, {@code api}, {@code heartbeat}, {@code metrics}, {@code health} or {@code other}, so that no
 * label takes a value from the request path), and whatever other parts bind to {@link #registry()}.
 */
public final class ServerMetrics implements AutoCloseable {

    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    /** Method, status and area have few values each, so this map stays small. */
    private final Map<String, Timer> requestTimers = new ConcurrentHashMap<>();

    public ServerMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * Publishes the trace recorder's state: {@code flowserver_trace_queue_depth} (snapshots waiting),
     * {@code flowserver_trace_dropped_total} (dropped because the queue was full),
     * {@code flowserver_trace_write_failures_total} (dropped after the store failed) and
     * {@code flowserver_trace_written_total}.
     */
    public void bindTraceRecorder(org.flowserver.server.traces.TraceRecorder recorder) {
        io.micrometer.core.instrument.Gauge.builder("flowserver_trace_queue_depth", recorder,
                        org.flowserver.server.traces.TraceRecorder::queueDepth)
                .description("Trace snapshots waiting to be written").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("flowserver_trace_dropped", recorder,
                        r -> r.overflowCount())
                .description("Trace snapshots dropped because the queue was full").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("flowserver_trace_write_failures", recorder,
                        r -> r.failedWriteCount())
                .description("Trace snapshots dropped because the store failed").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("flowserver_trace_written", recorder,
                        r -> r.writtenCount())
                .description("Trace snapshots written to the store").register(registry);
    }

    /** Times every request; mount it first, before any other route. */
    public void measureRequests(Router router) {
        router.route().order(-1_000).handler(this::measure);
    }

    /** Mounts {@code GET /metrics}. */
    public void mount(Router router) {
        router.get("/metrics").blockingHandler(context -> context.response()
                .putHeader("Content-Type", CONTENT_TYPE).end(Buffer.buffer(registry.scrape())), false);
        router.route("/metrics").handler(context -> Problems.methodNotAllowed(context, "GET"));
    }

    private void measure(RoutingContext context) {
        long start = System.nanoTime();
        // Methods outside HTTP's own become OTHER: a client must not grow the series without bound.
        String method = MethodNames.bounded(context.request().method());
        String area = area(context.request().path());
        context.addEndHandler(done -> requestTimer(method, context.response().getStatusCode(), area)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
        context.next();
    }

    private Timer requestTimer(String method, int status, String area) {
        String key = method + ' ' + status + ' ' + area;
        Timer timer = requestTimers.get(key);
        return timer != null ? timer : requestTimers.computeIfAbsent(key, k -> Timer
                .builder("flowserver_http_server_requests").description("HTTP requests the server answered")
                .tag("method", method).tag("status", String.valueOf(status)).tag("area", area).register(registry));
    }

    private static String area(String path) {
        if (path == null) {
            return "other";
        }
        if (path.startsWith("/api/")) {
            return "api";
        }
        if (path.startsWith("/heartbeat")) {
            return "heartbeat";
        }
        if (path.equals("/metrics")) {
            return "metrics";
        }
        if (path.startsWith("/health")) {
            return "health";
        }
        int rs = path.indexOf("/rs/");
        return rs > 0 && path.indexOf('/', 1) == rs ? "flow" : "other";
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
