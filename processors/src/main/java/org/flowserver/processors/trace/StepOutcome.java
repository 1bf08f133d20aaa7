package org.flowserver.processors.trace;

/** How a processor step ended. */
public enum StepOutcome {
    /** The step did its work and the message went on. */
    COMPLETED,
    /** The step was a filter that stopped the message; the flow answered with the payload at that point. */
    FILTERED,
    /** The step threw; the message failed there. */
    FAILED
}
