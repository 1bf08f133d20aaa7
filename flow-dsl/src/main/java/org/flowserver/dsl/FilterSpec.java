package org.flowserver.dsl;

import java.util.Objects;

/**
 * Lets a message continue only when a JSONata condition holds. A message that is filtered out skips the
 * rest of the flow; a REST caller receives the payload as it was at the filter.
 *
 * @param common      the properties every processor has
 * @param expression  a JSONata expression evaluated against the message document; the message continues
 *                    when the result is truthy in JSONata's sense
 */
public record FilterSpec(CommonProperties common, String expression) implements ProcessorSpec {

    public static final String TYPE = "filter";

    public FilterSpec {
        Objects.requireNonNull(common, "common");
        Objects.requireNonNull(expression, "expression");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public <R> R accept(ProcessorVisitor<R> visitor) {
        return visitor.filter(this);
    }
}
