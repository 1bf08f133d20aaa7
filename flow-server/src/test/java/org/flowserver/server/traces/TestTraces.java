package org.flowserver.server.traces;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.flowserver.processors.trace.AttemptTrace;
import org.flowserver.processors.trace.MessageTrace;
import org.flowserver.processors.trace.TraceError;
import org.flowserver.processors.trace.TraceState;

/** Trace snapshots for store and recorder tests. */
final class TestTraces {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private TestTraces() {
    }

    /** A finished or in-flight snapshot of a message of acme/orders without steps. */
    static MessageTrace trace(String messageId, TraceState state, Instant start) {
        return trace(messageId, "acme", "orders", state, start);
    }

    static MessageTrace trace(String messageId, String ownerId, String flowId, TraceState state, Instant start) {
        Optional<Instant> end = state == TraceState.IN_FLIGHT ? Optional.empty() : Optional.of(start.plusMillis(3));
        Optional<TraceError> error = switch (state) {
            case FAILED -> Optional.of(new TraceError(TraceError.PROCESSING, "JException", "boom", Optional.of("to-reply")));
            case REJECTED -> Optional.of(new TraceError(TraceError.PREPROCESSING, "malformed-json", "bad JSON",
                    Optional.of("orders-in")));
            default -> Optional.empty();
        };
        List<AttemptTrace> attempts = state == TraceState.REJECTED ? List.of() : List.of(new AttemptTrace(1, start, List.of()));
        return new MessageTrace(messageId, "corr-" + messageId, Optional.empty(), ownerId, flowId, flowId + " API",
                "restApi", state, start, end, 42, Optional.empty(), error, attempts);
    }
}
