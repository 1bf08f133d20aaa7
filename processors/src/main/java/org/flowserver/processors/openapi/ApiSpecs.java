package org.flowserver.processors.openapi;

import java.util.OptionalInt;

/**
 * Where the translator finds the OpenAPI specs that flows name. The server's spec registry implements it;
 * revisions are immutable, so a resolved revision always means the same document.
 */
public interface ApiSpecs {

    /**
     * The stored revision of an owner's spec, parsed.
     *
     * @param ownerId     the owner of the flow, and so of the spec
     * @param resourceId  the spec's id within the owner
     * @param revision    a revision number, or empty for the newest revision
     * @throws ApiSpecNotFoundException saying what is missing, when there is no such spec or revision
     */
    ResolvedApiSpec resolve(String ownerId, String resourceId, OptionalInt revision);
}
