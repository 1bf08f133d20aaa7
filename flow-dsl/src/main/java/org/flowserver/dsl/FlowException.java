package org.flowserver.dsl;

/**
 * Root of every exception the flow server and its DSL throw. Unchecked; subclasses say what failed
 * and keep the cause.
 */
public class FlowException extends RuntimeException {

    public FlowException(String message) {
        super(message);
    }

    public FlowException(String message, Throwable cause) {
        super(message, cause);
    }
}
