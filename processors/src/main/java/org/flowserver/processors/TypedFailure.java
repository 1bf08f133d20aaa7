package org.flowserver.processors;

/** A failure that names its own error type for traces ({@code handoff-target-missing}, {@code rest-not-found}). */
public interface TypedFailure {

    /** The error type in traces and dead-letter messages. */
    String type();

    /** The trace's error type of a processor's failure: its own type, else the exception's class name. */
    static String of(Throwable cause) {
        return cause instanceof TypedFailure typed ? typed.type() : cause.getClass().getSimpleName();
    }
}
