package org.flowserver.server.specs;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.flowserver.processors.openapi.ApiSpecLoader;
import org.flowserver.processors.openapi.ApiSpecNotFoundException;
import org.flowserver.processors.openapi.ApiSpecs;
import org.flowserver.processors.openapi.InvalidApiSpecException;
import org.flowserver.processors.openapi.LoadedSpec;
import org.flowserver.processors.openapi.ResolvedApiSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAPI specs of every owner (DESIGN.md §4.2). Every upload is checked with {@link ApiSpecLoader} and
 * becomes a new numbered revision; revisions never change, so a parsed revision is kept in a small
 * least-recently-used cache and shared by the flows that name it.
 */
public final class SpecRegistry implements ApiSpecs {

    private static final Logger LOG = LoggerFactory.getLogger(SpecRegistry.class);
    /** Parsed specs kept; a flow holds the spec it runs on anyway, this only saves parsing it again. */
    static final int CACHE_SIZE = 16;

    private final SpecStore store;
    private final Clock clock;
    private final Map<Revision, LoadedSpec> parsed = new LinkedHashMap<>(CACHE_SIZE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Revision, LoadedSpec> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public SpecRegistry(SpecStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Checks a document and stores it as the spec's next revision.
     *
     * @throws InvalidApiSpecException with the parser's messages, if it is not a usable OpenAPI v3 document;
     *                                 nothing is stored then
     */
    public SpecRevision upload(SpecKey key, String document, SpecFormat format) {
        LoadedSpec spec = ApiSpecLoader.load(document);
        SpecRevision revision = store.add(key, document, format, spec.version(), clock.instant());
        cache(new Revision(key, revision.number()), spec);
        LOG.atInfo().addKeyValue("owner", key.ownerId()).addKeyValue("spec", key.resourceId())
                .addKeyValue("revision", revision.number()).log("Spec uploaded");
        return revision;
    }

    /**
     * A stored revision with its document.
     *
     * @param revision a revision number, or empty for the newest
     * @throws ApiSpecNotFoundException saying what is missing
     */
    public StoredSpec find(SpecKey key, OptionalInt revision) {
        int latest = latest(key);
        int number = revision.orElse(latest);
        return store.find(key, number).orElseThrow(() -> noRevision(key, number, latest));
    }

    /** Every revision of a spec, oldest first; empty if the owner has no such spec. */
    public List<SpecRevision> revisions(SpecKey key) {
        return store.revisions(key);
    }

    /** The newest revision of each of an owner's specs, by resource id. */
    public List<SpecRevision> latestRevisions(String ownerId) {
        return store.latestRevisions(ownerId);
    }

    @Override
    public ResolvedApiSpec resolve(String ownerId, String resourceId, OptionalInt revision) {
        SpecKey key = new SpecKey(ownerId, resourceId);
        int latest = latest(key);
        int number = revision.orElse(latest);
        if (number < 1 || number > latest) {
            throw noRevision(key, number, latest);
        }
        Revision cacheKey = new Revision(key, number);
        LoadedSpec spec = cached(cacheKey);
        if (spec == null) {
            StoredSpec stored = store.find(key, number).orElseThrow(() -> noRevision(key, number, latest));
            try {
                spec = ApiSpecLoader.load(stored.document());
            } catch (InvalidApiSpecException e) {
                // Stored while an older server accepted it; only a new upload can fix it.
                throw new ApiSpecNotFoundException("revision " + number + " of spec '" + resourceId + "' of owner '"
                        + ownerId + "' can no longer be loaded (" + e.getMessage() + "); upload a corrected revision");
            }
            cache(cacheKey, spec);
        }
        return new ResolvedApiSpec(ownerId, resourceId, number, spec);
    }

    /** What is said when a spec is missing; starts in lower case, to follow a flow's apiSpecId. */
    static String noSpecMessage(SpecKey key) {
        return "owner '" + key.ownerId() + "' has no spec '" + key.resourceId() + "'; upload it with PUT /api/specs/"
                + key.ownerId() + "/" + key.resourceId();
    }

    private int latest(SpecKey key) {
        return store.latest(key).orElseThrow(() -> new ApiSpecNotFoundException(noSpecMessage(key)));
    }

    private static ApiSpecNotFoundException noRevision(SpecKey key, int revision, int latest) {
        return new ApiSpecNotFoundException("spec '" + key.resourceId() + "' of owner '" + key.ownerId()
                + "' has no revision " + revision + "; " + (latest == 1 ? "its only revision is 1"
                : "its revisions are 1 to " + latest));
    }

    private LoadedSpec cached(Revision revision) {
        synchronized (parsed) {
            return parsed.get(revision);
        }
    }

    private void cache(Revision revision, LoadedSpec spec) {
        synchronized (parsed) {
            parsed.put(revision, spec);
        }
    }

    private record Revision(SpecKey key, int number) {
    }
}
