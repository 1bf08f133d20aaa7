package org.flowserver.dsl;

import java.util.Objects;
import java.util.Optional;

/** Configures a {@link LogSpec}. */
public final class LogBuilder extends ProcessorBuilder<LogBuilder> {

    private LogLevel level = LogLevel.INFO;
    private Optional<String> expression = Optional.empty();

    LogBuilder(String id) {
        super(id);
    }

    @Override
    LogBuilder self() {
        return this;
    }

    /** The level of the line; default INFO. */
    public LogBuilder level(LogLevel level) {
        this.level = Objects.requireNonNull(level, "level");
        return this;
    }

    /** The JSONata expression whose result is logged; by default a summary without the payload. */
    public LogBuilder expression(String expression) {
        this.expression = Optional.of(Objects.requireNonNull(expression, "expression"));
        return this;
    }

    @Override
    LogSpec build() {
        return new LogSpec(common(), level, expression);
    }
}
