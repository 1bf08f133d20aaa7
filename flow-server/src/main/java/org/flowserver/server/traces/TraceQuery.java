package org.flowserver.server.traces;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.flowserver.processors.trace.TraceState;

/**
 * Which traces to read: every filter that is present must match. Times are the message's start, {@code from}
 * inclusive and {@code to} exclusive.
 *
 * @param ownerId        the flow's owner
 * @param flowId         the flow
 * @param states         any of these states; empty means every state
 * @param from           started at or after
 * @param to             started before
 * @param messageId      exactly this message
 * @param correlationId  messages with this correlation id
 * @param limit          at most this many traces, 1 to {@value #MAX_LIMIT}; default {@value #DEFAULT_LIMIT}
 * @param after          the page after this position; empty for the first page
 */
public record TraceQuery(Optional<String> ownerId, Optional<String> flowId, Set<TraceState> states,
                         Optional<Instant> from, Optional<Instant> to, Optional<String> messageId,
                         Optional<String> correlationId, int limit, Optional<TraceCursor> after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public TraceQuery {
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(flowId, "flowId");
        states = Set.copyOf(states);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit " + limit + " is not from 1 to " + MAX_LIMIT);
        }
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            throw new IllegalArgumentException("from " + from.get() + " is after to " + to.get());
        }
    }

    /** Every trace, newest first, in pages of {@value #DEFAULT_LIMIT}. */
    public static TraceQuery all() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.ownerId = ownerId;
        builder.flowId = flowId;
        builder.states = states;
        builder.from = from;
        builder.to = to;
        builder.messageId = messageId;
        builder.correlationId = correlationId;
        builder.limit = limit;
        builder.after = after;
        return builder;
    }

    /** Builds a {@link TraceQuery}; every filter starts absent. */
    public static final class Builder {
        private Optional<String> ownerId = Optional.empty();
        private Optional<String> flowId = Optional.empty();
        private Set<TraceState> states = Set.of();
        private Optional<Instant> from = Optional.empty();
        private Optional<Instant> to = Optional.empty();
        private Optional<String> messageId = Optional.empty();
        private Optional<String> correlationId = Optional.empty();
        private int limit = DEFAULT_LIMIT;
        private Optional<TraceCursor> after = Optional.empty();

        private Builder() {
        }

        public Builder ownerId(String ownerId) {
            this.ownerId = Optional.of(ownerId);
            return this;
        }

        public Builder flowId(String flowId) {
            this.flowId = Optional.of(flowId);
            return this;
        }

        public Builder states(Set<TraceState> states) {
            this.states = states;
            return this;
        }

        public Builder from(Instant from) {
            this.from = Optional.of(from);
            return this;
        }

        public Builder to(Instant to) {
            this.to = Optional.of(to);
            return this;
        }

        public Builder messageId(String messageId) {
            this.messageId = Optional.of(messageId);
            return this;
        }

        public Builder correlationId(String correlationId) {
            this.correlationId = Optional.of(correlationId);
            return this;
        }

        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        public Builder after(Optional<TraceCursor> after) {
            this.after = after;
            return this;
        }

        public TraceQuery build() {
            return new TraceQuery(ownerId, flowId, states, from, to, messageId, correlationId, limit, after);
        }
    }
}
