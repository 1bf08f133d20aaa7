package org.flowserver.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.flowserver.processors.trace.MessageObserver;
import org.flowserver.processors.trace.MessageTrace;
import org.flowserver.processors.trace.TraceError;

/**
 * The message metrics of every flow, fed by the same events as the traces:
 * <ul>
 *   <li>{@code flowserver_messages_total{owner,flow,outcome}}: messages that ended, by outcome
 *       ({@code completed}, {@code failed}, {@code rejected});</li>
 *   <li>{@code flowserver_message_processing_seconds{owner,flow,outcome}}: time from arrival to the end, a
 *       histogram;</li>
 *   <li>{@code flowserver_messages_in_flight{owner,flow}}: messages running now;</li>
 *   <li>{@code flowserver_rejections_total{owner,flow,reason}}: requests refused before the flow ran, by the
 *       problem type ({@code invalid-request}, {@code malformed-json}, ..., {@code flow-disabled}), whether the
 *       source forwards them as failed messages or not.</li>
 * </ul>
 * The meters of a flow are created on its first message and kept in a map, so a message costs a map lookup and
 * a few atomic increments.
 */
public final class FlowMetrics implements MessageObserver {

    private final MeterRegistry registry;
    private final Map<String, FlowMeters> flows = new ConcurrentHashMap<>();

    public FlowMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void started(MessageTrace trace) {
        meters(trace).inFlight.incrementAndGet();
    }

    @Override
    public void finished(MessageTrace trace) {
        FlowMeters meters = meters(trace);
        Duration time = trace.processingTime().orElse(Duration.ZERO);
        switch (trace.state()) {
            case COMPLETED -> {
                meters.inFlight.decrementAndGet();
                meters.completed.increment();
                meters.completedTime.record(time);
            }
            case FAILED -> {
                if (!trace.attempts().isEmpty()) {
                    meters.inFlight.decrementAndGet(); // a preprocessing failure never started
                }
                meters.failed.increment();
                meters.failedTime.record(time);
                countRefusal(meters, trace);
            }
            case REJECTED -> {
                meters.rejected.increment();
                meters.rejectedTime.record(time);
                countRefusal(meters, trace);
            }
            case IN_FLIGHT -> {
                // A finished message is never in flight.
            }
        }
    }

    /** Counts a request refused before its flow ran, whether it was then forwarded as a failure or not. */
    private void countRefusal(FlowMeters meters, MessageTrace trace) {
        trace.error().filter(error -> !error.category().equals(TraceError.PROCESSING)).ifPresent(error ->
                Counter.builder("flowserver_rejections").description("Requests refused before the flow ran")
                        .tags(meters.tags).tag("reason", error.type()).register(registry).increment());
    }

    private FlowMeters meters(MessageTrace trace) {
        String key = trace.ownerId() + '/' + trace.flowId();
        FlowMeters meters = flows.get(key);
        return meters != null ? meters : flows.computeIfAbsent(key, k -> new FlowMeters(registry, trace));
    }

    private static final class FlowMeters {
        private final Tags tags;
        private final AtomicInteger inFlight = new AtomicInteger();
        private final Counter completed;
        private final Counter failed;
        private final Counter rejected;
        private final Timer completedTime;
        private final Timer failedTime;
        private final Timer rejectedTime;

        FlowMeters(MeterRegistry registry, MessageTrace trace) {
            tags = Tags.of("owner", trace.ownerId(), "flow", trace.flowId());
            completed = counter(registry, "completed");
            failed = counter(registry, "failed");
            rejected = counter(registry, "rejected");
            completedTime = timer(registry, "completed");
            failedTime = timer(registry, "failed");
            rejectedTime = timer(registry, "rejected");
            Gauge.builder("flowserver_messages_in_flight", inFlight, AtomicInteger::get)
                    .description("Messages of the flow running now").tags(tags).register(registry);
        }

        private Counter counter(MeterRegistry registry, String outcome) {
            return Counter.builder("flowserver_messages").description("Messages that ended, by outcome")
                    .tags(tags).tag("outcome", outcome).register(registry);
        }

        private Timer timer(MeterRegistry registry, String outcome) {
            return Timer.builder("flowserver_message_processing").description("Time from arrival to the end")
                    .tags(tags).tag("outcome", outcome).publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                    .register(registry);
        }
    }
}
