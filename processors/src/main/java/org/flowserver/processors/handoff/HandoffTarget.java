package org.flowserver.processors.handoff;

import java.util.Optional;
import org.flowserver.processors.trace.TraceError;

/** A deployed flow, as a receiver of handed-off messages. */
public interface HandoffTarget {

    /**
     * Runs the flow on a new message made of {@code handoff}, on the caller's thread, and records it.
     *
     * @return the error the new message failed with, empty when it completed
     * @throws HandoffException when the flow does not take the message at all: it has no handoff source, it
     *                          is disabled, or the chain of handoffs is too deep
     */
    Optional<TraceError> receive(Handoff handoff);
}
