package org.flowserver.dsl;

import java.util.Objects;

/**
 * One thing wrong with a flow, with where it is.
 *
 * @param path    where the problem is, in DSL notation ({@code processors[1].id}); empty for the whole document
 * @param message what is wrong and what is expected, starting with the quoted bad value where there is one
 */
public record Problem(String path, String message) {

    public Problem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /**
     * The path as a JSON pointer into the flow JSON ({@code processors[1].id} becomes {@code /processors/1/id}).
     */
    public String pointer() {
        if (path.isEmpty()) {
            return "";
        }
        return "/" + path.replace("[", "/").replace("]", "").replace('.', '/');
    }

    /** This problem with its path put under {@code parent} ({@code hostname} under {@code processors[1]}). */
    Problem under(String parent) {
        return new Problem(path.isEmpty() ? parent : parent + "." + path, message);
    }

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + " " + message;
    }
}
