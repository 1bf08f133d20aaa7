package org.flowserver.server.flows;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A flow as the store keeps it: its JSON form, read back by the registry, so that a row that can no longer be
 * read (after an upgrade tightened a rule, say) is shown with its error instead of stopping the server.
 *
 * @param key              the owner and id
 * @param specJson         the flow JSON (DESIGN.md §4.1)
 * @param apiSpecRevision  the spec revision the source's {@code apiSpecId} resolved to when the flow was deployed
 *                         (a restart keeps the flow on it, even when the apiSpecId says {@code latest}); empty for
 *                         a generic endpoint
 * @param version          1 on the first deploy, one more on each redeploy
 * @param createdAt        when it was first deployed
 * @param updatedAt        when it was last deployed
 */
public record StoredFlow(FlowKey key, String specJson, OptionalInt apiSpecRevision, int version, Instant createdAt,
                         Instant updatedAt) {

    public StoredFlow {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(specJson, "specJson");
        Objects.requireNonNull(apiSpecRevision, "apiSpecRevision");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (version < 1) {
            throw new IllegalArgumentException("Flow " + key + " has version " + version + "; versions start at 1");
        }
    }
}
