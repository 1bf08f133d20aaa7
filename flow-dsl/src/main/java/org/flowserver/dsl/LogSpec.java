package org.flowserver.dsl;

import java.util.Objects;
import java.util.Optional;

/**
 * Writes a line to the server log and passes the message on unchanged.
 *
 * @param common      the properties every processor has
 * @param level       the level of the line; default {@link LogLevel#INFO}
 * @param expression  a JSONata expression whose result is logged; absent logs the message id and the kind
 *                    and size of the payload, never the payload itself
 */
public record LogSpec(CommonProperties common, LogLevel level, Optional<String> expression) implements ProcessorSpec {

    public static final String TYPE = "log";

    public LogSpec {
        Objects.requireNonNull(common, "common");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(expression, "expression");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public <R> R accept(ProcessorVisitor<R> visitor) {
        return visitor.log(this);
    }
}
