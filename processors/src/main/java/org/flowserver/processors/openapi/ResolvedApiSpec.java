package org.flowserver.processors.openapi;

import java.util.Objects;
import org.flowserver.dsl.ApiSpecId;

/**
 * One stored revision of a spec, parsed.
 *
 * @param ownerId     the spec's owner
 * @param resourceId  the spec's id within the owner
 * @param revision    the revision number, 1 for the first upload
 * @param spec        the parsed document
 */
public record ResolvedApiSpec(String ownerId, String resourceId, int revision, LoadedSpec spec) {

    public ResolvedApiSpec {
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(spec, "spec");
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be at least 1, not " + revision);
        }
    }

    /** The apiSpecId of exactly this revision, for example {@code OpenAPIv3:orders:3}. */
    public String apiSpecId() {
        return ApiSpecId.OPENAPI_V3 + ":" + resourceId + ":" + revision;
    }
}
