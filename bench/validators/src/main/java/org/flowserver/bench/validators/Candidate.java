package org.flowserver.bench.validators;

import java.util.List;

/**
 * One request validator under evaluation, built once per OpenAPI spec.
 * Implementations must be thread-safe after construction.
 */
public interface Candidate {

    /** A short, stable name, used in the conformance matrix and the JMH parameters. */
    String name();

    /** Every violation of the request, all at once; an empty list when the request is valid. */
    List<Violation> validate(Request request);
}
