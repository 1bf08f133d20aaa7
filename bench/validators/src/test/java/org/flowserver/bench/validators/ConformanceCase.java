package org.flowserver.bench.validators;

import java.util.List;

/**
 * One conformance case: a request against a spec, and either "accept" or the violations that must be reported.
 *
 * @param id          the test's name, also the matrix row
 * @param title       what the row says
 * @param spec        a resource under src/test/resources
 * @param request     the request
 * @param expected    empty: the request must be accepted; otherwise the violations it must be rejected with
 * @param mustNameAll true when rejecting is not enough: every expected violation must be identified
 *                    (several violations at once, the bad field behind a discriminator, 3.1 keywords)
 */
record ConformanceCase(String id, String title, String spec, Request request, List<Expected> expected,
                       boolean mustNameAll) {

    boolean accept() {
        return expected.isEmpty();
    }

    /**
     * A violation that must be reported.
     *
     * @param location body, path, query, header or cookie
     * @param pointer  the exact JSON pointer ("" for the whole body)
     * @param hint     a word that identifies the field in a message when the pointer is missing ("limit", "body")
     */
    record Expected(String location, String pointer, String hint) {
    }
}
