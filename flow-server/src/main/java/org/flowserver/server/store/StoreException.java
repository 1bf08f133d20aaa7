package org.flowserver.server.store;

import org.flowserver.dsl.FlowException;

/** The store failed to read or write. */
public final class StoreException extends FlowException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
