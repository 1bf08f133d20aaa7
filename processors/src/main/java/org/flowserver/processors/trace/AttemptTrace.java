package org.flowserver.processors.trace;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One delivery attempt of a message through its flow's processors.
 *
 * @param number  1 for the first attempt
 * @param start   when it started
 * @param steps   the processor steps in the order they ran
 */
public record AttemptTrace(int number, Instant start, List<StepTrace> steps) {

    public AttemptTrace {
        Objects.requireNonNull(start, "start");
        steps = List.copyOf(steps);
    }
}
