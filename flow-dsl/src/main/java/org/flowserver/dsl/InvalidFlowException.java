package org.flowserver.dsl;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A flow that breaks one or more rules. The message lists every problem at once:
 * {@code Flow 'orders' is invalid (2 problems): processors[1].id 'x' does not match ...; ...}.
 */
public class InvalidFlowException extends FlowException {

    private final String flowId;
    private final List<Problem> problems;

    public InvalidFlowException(String flowId, List<Problem> problems) {
        super(describe(flowId, problems));
        this.flowId = flowId;
        this.problems = List.copyOf(problems);
    }

    /** The id of the flow as given, possibly empty or itself invalid. */
    public String flowId() {
        return flowId;
    }

    /** Every problem found: problems of shape (unknown fields, wrong types) first, then broken rules. Never empty. */
    public List<Problem> problems() {
        return problems;
    }

    private static String describe(String flowId, List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid flow has at least one problem");
        }
        String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
        String name = flowId == null || flowId.isEmpty() ? "Flow" : "Flow '" + flowId + "'";
        return name + " is invalid (" + count + "): "
                + problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
    }
}
