package org.flowserver.dsl;

import java.util.Objects;

/**
 * Transforms the payload with a JSONata mapping: the result of {@code mapSpec} becomes the payload.
 *
 * @param common   the properties every processor has
 * @param mapSpec  a JSONata expression evaluated against the message document, for example
 *                 {@code { 'received': payload.orderId }}
 */
public record MapSpec(CommonProperties common, String mapSpec) implements ProcessorSpec {

    public static final String TYPE = "map";

    public MapSpec {
        Objects.requireNonNull(common, "common");
        Objects.requireNonNull(mapSpec, "mapSpec");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public <R> R accept(ProcessorVisitor<R> visitor) {
        return visitor.map(this);
    }
}
