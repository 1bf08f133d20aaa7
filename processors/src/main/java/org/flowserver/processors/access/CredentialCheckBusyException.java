package org.flowserver.processors.access;

import org.flowserver.dsl.FlowException;

/**
 * Every slot for verifying a password is taken (someone may be guessing): the caller is asked to retry shortly
 * ({@code 503} with {@code Retry-After}) rather than queue up and hold a worker thread meanwhile.
 */
public final class CredentialCheckBusyException extends FlowException {

    /** Seconds the caller is asked to wait. */
    public static final int RETRY_AFTER_SECONDS = 1;

    public CredentialCheckBusyException() {
        super("Too many passwords are being verified at once; retry in " + RETRY_AFTER_SECONDS + " second");
    }
}
