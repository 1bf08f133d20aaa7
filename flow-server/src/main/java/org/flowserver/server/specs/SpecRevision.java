package org.flowserver.server.specs;

import java.time.Instant;
import java.util.Objects;
import org.flowserver.dsl.ApiSpecId;

/**
 * One uploaded revision of a spec, without its document.
 *
 * @param key             the owner and resource id
 * @param number          1 for the first upload, one more for each upload after it
 * @param format          how the document is written
 * @param openapiVersion  the document's {@code openapi} field, for example {@code 3.0.3}
 * @param createdAt       when it was uploaded
 */
public record SpecRevision(SpecKey key, int number, SpecFormat format, String openapiVersion, Instant createdAt) {

    public SpecRevision {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(openapiVersion, "openapiVersion");
        Objects.requireNonNull(createdAt, "createdAt");
        if (number < 1) {
            throw new IllegalArgumentException("Spec " + key + " has revision " + number + "; revisions start at 1");
        }
    }

    /** The apiSpecId that names exactly this revision, for example {@code OpenAPIv3:orders:3}. */
    public String apiSpecId() {
        return ApiSpecId.OPENAPI_V3 + ":" + key.resourceId() + ":" + number;
    }
}
