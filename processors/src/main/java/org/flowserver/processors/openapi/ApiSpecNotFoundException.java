package org.flowserver.processors.openapi;

import org.flowserver.dsl.FlowException;

/** A flow names a spec, or a revision of one, that its owner has not uploaded. */
public final class ApiSpecNotFoundException extends FlowException {

    public ApiSpecNotFoundException(String message) {
        super(message);
    }
}
