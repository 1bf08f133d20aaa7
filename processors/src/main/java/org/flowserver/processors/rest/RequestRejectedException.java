package org.flowserver.processors.rest;

import java.util.Map;
import org.flowserver.dsl.FlowException;
import org.flowserver.processors.http.ProblemDetail;

/** A request that failed preprocessing (routing, parsing, validation) and is answered with a 4xx problem. */
final class RequestRejectedException extends FlowException {

    private final ProblemDetail problem;
    private final Map<String, String> headers;

    RequestRejectedException(ProblemDetail problem) {
        this(problem, Map.of());
    }

    /** @param headers  headers the answer must carry, such as {@code Allow} with a 405 */
    RequestRejectedException(ProblemDetail problem, Map<String, String> headers) {
        super(problem.detail());
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    ProblemDetail problem() {
        return problem;
    }

    Map<String, String> headers() {
        return headers;
    }
}
