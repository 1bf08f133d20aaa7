package org.flowserver.server.outbound;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.flowserver.dsl.FlowException;
import org.flowserver.dsl.Problem;

/**
 * An outbound config that cannot be used. The message lists every problem at once, each with its JSON path:
 * {@code Outbound config /etc/flowserver/outbound.json is invalid (2 problems): services[0].baseUrl 'ftp://x' is
 * not an absolute http or https URL; ...}. No message holds the value of a secret.
 */
public final class InvalidOutboundConfigException extends FlowException {

    private final Optional<String> source;
    private final List<Problem> problems;

    /**
     * @param source    the file the config was read from, if any
     * @param problems  every problem, at least one
     */
    public InvalidOutboundConfigException(Optional<String> source, List<Problem> problems) {
        super(describe(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** The file the config was read from, as the setting names it; empty for a config given as text. */
    public Optional<String> source() {
        return source;
    }

    /** Every problem found, in the order of the document; never empty. */
    public List<Problem> problems() {
        return problems;
    }

    private static String describe(Optional<String> source, List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid outbound config has at least one problem");
        }
        String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
        return "Outbound config " + source.map(file -> file + " ").orElse("") + "is invalid (" + count + "): "
                + problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
    }
}
