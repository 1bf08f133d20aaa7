package org.flowserver.processors.outbound;

import org.flowserver.dsl.FlowException;

/**
 * The body of an outbound call cannot be encoded: its expression gave no value, a form body is nested, text has
 * characters its charset cannot hold, a multipart part holds the boundary.
 */
public final class RequestBodyException extends FlowException {

    public RequestBodyException(String message) {
        super(message);
    }

    public RequestBodyException(String message, Throwable cause) {
        super(message, cause);
    }
}
