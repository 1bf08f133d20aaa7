package org.flowserver.server.flows;

import java.time.Instant;
import java.util.Objects;

/**
 * A flow as the store keeps it: its JSON form, read back by the registry, so that a row that can no longer be
 * read (after an upgrade tightened a rule, say) is shown with its error instead of stopping the server.
 *
 * @param key        the owner and id
 * @param specJson   the flow JSON (DESIGN.md §4.1)
 * @param version    1 on the first deploy, one more on each redeploy
 * @param createdAt  when it was first deployed
 * @param updatedAt  when it was last deployed
 */
public record StoredFlow(FlowKey key, String specJson, int version, Instant createdAt, Instant updatedAt) {

    public StoredFlow {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(specJson, "specJson");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (version < 1) {
            throw new IllegalArgumentException("Flow " + key + " has version " + version + "; versions start at 1");
        }
    }
}
