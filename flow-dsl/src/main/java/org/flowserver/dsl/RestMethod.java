package org.flowserver.dsl;

/** The HTTP method of a {@link RestRequestSpec}. */
public enum RestMethod {
    GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS;

    /** Whether a request of this method may carry a body (GET, HEAD and OPTIONS may not, here). */
    public boolean allowsBody() {
        return this != GET && this != HEAD && this != OPTIONS;
    }

    /** Whether repeating the request has the effect of sending it once (RFC 9110 §9.2.2): all but POST and PATCH. */
    public boolean idempotent() {
        return this != POST && this != PATCH;
    }
}
