package org.flowserver.server.specs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Where uploaded specs are kept. Revisions are immutable: once stored, a revision never changes or goes away. */
public interface SpecStore {

    /**
     * Stores a document as the spec's next revision: 1 for a new spec, otherwise one more than the newest, also
     * when several uploads of the same spec arrive at once.
     */
    SpecRevision add(SpecKey key, String document, SpecFormat format, String openapiVersion, Instant now);

    Optional<StoredSpec> find(SpecKey key, int revision);

    /** The number of the spec's newest revision; empty if the owner has no such spec. */
    OptionalInt latest(SpecKey key);

    /** Every revision of the spec, oldest first; empty if the owner has no such spec. */
    List<SpecRevision> revisions(SpecKey key);

    /** The newest revision of each of the owner's specs, by resource id. */
    List<SpecRevision> latestRevisions(String ownerId);
}
