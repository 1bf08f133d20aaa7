package org.flowserver.processors.outbound;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Whose call this is, for log lines, and whether its caller stopped waiting (retries then stop).
 *
 * @param cancelled  true once the message's caller stopped waiting; checked before every retry
 */
public record CallContext(String ownerId, String flowId, String processorId, String messageId,
                          BooleanSupplier cancelled) {

    public CallContext {
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(flowId, "flowId");
        Objects.requireNonNull(processorId, "processorId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(cancelled, "cancelled");
    }
}
