package org.flowserver.server.specs;

import java.util.Objects;

/**
 * A revision of a spec with its document.
 *
 * @param revision  what is known about the revision
 * @param document  the document exactly as it was uploaded
 */
public record StoredSpec(SpecRevision revision, String document) {

    public StoredSpec {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(document, "document");
    }
}
