package org.flowserver.server.http;

import org.flowserver.dsl.FlowException;
import org.flowserver.processors.http.ProblemDetail;
import org.flowserver.processors.http.ProblemType;

/** A management API request that is answered with a problem (404, 415, ...). */
public final class ApiException extends FlowException {

    private final ProblemDetail problem;

    public ApiException(ProblemDetail problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public ApiException(ProblemType type, String detail) {
        this(ProblemDetail.of(type, detail));
    }

    public ProblemDetail problem() {
        return problem;
    }
}
