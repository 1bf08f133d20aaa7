package org.flowserver.processors;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * A failure that may pass when the message is tried again later: a timeout or a refused connection (the JDK's
 * networking exceptions), a disabled handoff target, or a processor's own failure that implements this interface
 * (the outbound REST call will report 5xx answers so). A flow retries the message on such failures as its redelivery policy
 * says ({@link org.flowserver.dsl.RedeliveryPolicySpec}); every other failure ends the message at once.
 */
public interface TransientFailure {

    /** How deep a cause chain is followed. */
    int MAX_CAUSE_DEPTH = 32;

    /** Whether this failure is transient; an exception type whose failures are only sometimes transient says so. */
    default boolean isTransient() {
        return true;
    }

    /**
     * Whether the failing processor already retried as long as it was allowed to (an outbound call's own retry
     * policy): the flow then does not try the message again, which would multiply the attempts.
     */
    default boolean exhausted() {
        return false;
    }

    /** Whether {@code failure}, or one of its causes, is a {@link TransientFailure} that used up its own retries. */
    static boolean isExhausted(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_CAUSE_DEPTH; t = t.getCause(), depth++) {
            if (t instanceof TransientFailure transientFailure) {
                return transientFailure.exhausted();
            }
        }
        return false;
    }

    /**
     * Whether {@code failure}, or one of its causes, is transient: a {@link TransientFailure} that says so, or a
     * timeout or refused connection of the JDK's networking.
     */
    static boolean isTransient(Throwable failure) {
        // Bounded: a cause chain may loop (A caused by B caused by A).
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_CAUSE_DEPTH; t = t.getCause(), depth++) {
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
