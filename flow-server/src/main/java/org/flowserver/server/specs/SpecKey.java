package org.flowserver.server.specs;

import java.util.Objects;

/** A spec's identity: its owner and its resource id within the owner. */
public record SpecKey(String ownerId, String resourceId) {

    public SpecKey {
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(resourceId, "resourceId");
    }

    @Override
    public String toString() {
        return ownerId + "/" + resourceId;
    }
}
