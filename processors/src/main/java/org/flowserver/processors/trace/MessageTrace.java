package org.flowserver.processors.trace;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one message, as far as it is known: a snapshot taken when the message started and another
 * when it ended. Immutable; observers may keep it and read it from any thread.
 *
 * @param messageId          the message's id, returned to REST callers in {@code X-Message-Id}
 * @param correlationId      the caller's {@code X-Correlation-Id}, else the message id
 * @param originalMessageId  for a message handed on from another message, that message's id
 * @param ownerId            the flow's owner
 * @param flowId             the flow
 * @param flowName           the source processor's {@code name}, else the flow id
 * @param origin             the source type the message came through, for example {@code restApi}
 * @param state              where the message is
 * @param start              when the message arrived
 * @param end                when it ended; empty while in flight
 * @param messageSize        the size of the inbound entity in bytes
 * @param principal          the caller's account, once access control knows it
 * @param error              why it failed or was rejected
 * @param attempts           the delivery attempts with their steps; empty for a rejected message
 */
public record MessageTrace(String messageId, String correlationId, Optional<String> originalMessageId, String ownerId,
                           String flowId, String flowName, String origin, TraceState state, Instant start,
                           Optional<Instant> end, long messageSize, Optional<String> principal,
                           Optional<TraceError> error, List<AttemptTrace> attempts) {

    public MessageTrace {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(originalMessageId, "originalMessageId");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(flowId, "flowId");
        Objects.requireNonNull(flowName, "flowName");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(error, "error");
        attempts = List.copyOf(attempts);
    }

    /** The time from arrival to the end; empty while in flight. */
    public Optional<Duration> processingTime() {
        return end.map(e -> Duration.between(start, e));
    }

    /** The error categories, for filtering and export: the error's, if there is one. */
    public List<String> errorCategories() {
        return error.map(e -> List.of(e.category())).orElse(List.of());
    }
}
