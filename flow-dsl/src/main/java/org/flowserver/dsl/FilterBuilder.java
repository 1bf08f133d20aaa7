package org.flowserver.dsl;

import java.util.Objects;

/** Configures a {@link FilterSpec}. */
public final class FilterBuilder extends ProcessorBuilder<FilterBuilder> {

    private String expression = "";

    FilterBuilder(String id) {
        super(id);
    }

    @Override
    FilterBuilder self() {
        return this;
    }

    /** The JSONata condition a message must meet to continue. Required. */
    public FilterBuilder expression(String expression) {
        this.expression = Objects.requireNonNull(expression, "expression");
        return this;
    }

    @Override
    FilterSpec build() {
        return new FilterSpec(common(), expression);
    }
}
