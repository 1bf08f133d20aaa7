package org.flowserver.server.flows;

import java.time.Instant;
import java.util.Objects;
import org.flowserver.dsl.FlowSpec;

/**
 * A flow as the store keeps it.
 *
 * @param spec       the flow
 * @param version    1 on the first deploy, one more on each redeploy
 * @param createdAt  when it was first deployed
 * @param updatedAt  when it was last deployed
 */
public record StoredFlow(FlowSpec spec, int version, Instant createdAt, Instant updatedAt) {

    public StoredFlow {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public FlowKey key() {
        return new FlowKey(spec.ownerId(), spec.id());
    }
}
