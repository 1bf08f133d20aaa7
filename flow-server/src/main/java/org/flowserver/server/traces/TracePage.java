package org.flowserver.server.traces;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.flowserver.processors.trace.MessageTrace;

/**
 * One page of a trace query.
 *
 * @param traces  the traces, newest first, as summaries: every field but {@code attempts}, which is empty
 * @param next    where the next page starts; empty on the last page
 */
public record TracePage(List<MessageTrace> traces, Optional<TraceCursor> next) {

    public TracePage {
        traces = List.copyOf(traces);
        Objects.requireNonNull(next, "next");
    }
}
