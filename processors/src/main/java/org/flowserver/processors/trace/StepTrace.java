package org.flowserver.processors.trace;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One processor's work on a message.
 *
 * @param processorId     the processor's id in the flow
 * @param processorType   its type, for example {@code map}
 * @param start           when it started
 * @param durationMicros  how long it ran
 * @param outcome         how it ended
 * @param payloadBefore   the payload it received, when its archiving strategy keeps it
 * @param payloadAfter    the payload it left, when its archiving strategy keeps it
 * @param properties      the exchange properties it left, credentials hidden, when payloads are archived
 */
public record StepTrace(String processorId, String processorType, Instant start, long durationMicros,
                        StepOutcome outcome, Optional<ArchivedPayload> payloadBefore,
                        Optional<ArchivedPayload> payloadAfter, Optional<Map<String, Object>> properties) {

    public StepTrace {
        Objects.requireNonNull(processorId, "processorId");
        Objects.requireNonNull(processorType, "processorType");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(payloadBefore, "payloadBefore");
        Objects.requireNonNull(payloadAfter, "payloadAfter");
        Objects.requireNonNull(properties, "properties");
    }
}
