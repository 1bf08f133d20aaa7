package org.flowserver.processors.rest;

import org.flowserver.dsl.FlowException;
import org.flowserver.processors.http.ProblemDetail;

/** A request that failed preprocessing (parsing, validation) and is answered with a 4xx problem. */
public final class RequestRejectedException extends FlowException {

    private final ProblemDetail problem;

    public RequestRejectedException(ProblemDetail problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public ProblemDetail problem() {
        return problem;
    }
}
