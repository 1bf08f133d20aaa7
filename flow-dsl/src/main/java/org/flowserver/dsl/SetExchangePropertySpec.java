package org.flowserver.dsl;

import java.util.Objects;

/**
 * Sets one exchange property to the result of a JSONata expression.
 *
 * @param common        the properties every processor has
 * @param propertyName  the property to set, for example {@code httpResponseCode}
 * @param source        a JSONata expression evaluated against the message document; {@code "202"} sets
 *                      the number 202 and {@code "'text'"} a string
 */
public record SetExchangePropertySpec(CommonProperties common, String propertyName, String source)
        implements ProcessorSpec {

    public static final String TYPE = "setExchangeProperty";

    public SetExchangePropertySpec {
        Objects.requireNonNull(common, "common");
        Objects.requireNonNull(propertyName, "propertyName");
        Objects.requireNonNull(source, "source");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public <R> R accept(ProcessorVisitor<R> visitor) {
        return visitor.setExchangeProperty(this);
    }
}
