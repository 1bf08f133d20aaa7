package org.flowserver.dsl;

import java.util.List;

/** The server refused a deployer call, or could not be reached (status 0). */
public final class FlowDeploymentException extends FlowException {

    private final int status;
    private final List<String> problems;

    FlowDeploymentException(String message, int status, List<String> problems, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    /** The HTTP status the server answered, or 0 if it could not be reached. */
    public int status() {
        return status;
    }

    /** Each problem the server listed, with its path; empty when it listed none. */
    public List<String> problems() {
        return problems;
    }
}
