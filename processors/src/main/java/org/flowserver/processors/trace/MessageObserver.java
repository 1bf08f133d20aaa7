package org.flowserver.processors.trace;

/**
 * Sees every message of every flow start and end: the trace recorder and the metrics implement it. Called on
 * the message's own thread, so an implementation must return at once and never block or throw.
 */
public interface MessageObserver {

    /** An observer that does nothing. */
    MessageObserver NONE = new MessageObserver() {
        @Override
        public void started(MessageTrace trace) {
        }

        @Override
        public void finished(MessageTrace trace) {
        }
    };

    /** The message passed preprocessing and its flow is about to run; the trace is {@code IN_FLIGHT}. */
    void started(MessageTrace trace);

    /** The message ended: {@code COMPLETED}, {@code FAILED} or {@code REJECTED} (never started then). */
    void finished(MessageTrace trace);
}
