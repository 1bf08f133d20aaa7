package org.flowserver.processors;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * A failure that may pass when the message is tried again later: a timeout, a 5xx or a lost connection of an
 * outbound call, a disabled handoff target. A flow retries the message on such failures as its redelivery policy
 * says ({@link org.flowserver.dsl.RedeliveryPolicySpec}); every other failure ends the message at once.
 */
public interface TransientFailure {

    /** Whether this failure is transient; an exception type whose failures are only sometimes transient says so. */
    default boolean isTransient() {
        return true;
    }

    /**
     * Whether {@code failure}, or one of its causes, is transient: a {@link TransientFailure} that says so, or a
     * timeout or refused connection of the JDK's networking.
     */
    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientFailure transientFailure) {
                return transientFailure.isTransient();
            }
            if (t instanceof SocketTimeoutException || t instanceof ConnectException
                    || t instanceof HttpTimeoutException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
