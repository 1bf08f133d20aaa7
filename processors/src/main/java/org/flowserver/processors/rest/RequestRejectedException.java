package org.flowserver.processors.rest;

import org.flowserver.dsl.FlowException;
import org.flowserver.processors.http.ProblemDetail;

/** A request that failed preprocessing (parsing, validation) and is answered with a 4xx problem. */
final class RequestRejectedException extends FlowException {

    private final ProblemDetail problem;

    RequestRejectedException(ProblemDetail problem) {
        super(problem.detail());
        this.problem = problem;
    }

    ProblemDetail problem() {
        return problem;
    }
}
