package org.flowserver.dsl;

import java.util.Objects;

/**
 * Replaces the payload with the result of a JSONata expression.
 *
 * @param common  the properties every processor has
 * @param source  a JSONata expression evaluated against the message document
 */
public record SetPayloadSpec(CommonProperties common, String source) implements ProcessorSpec {

    public static final String TYPE = "setPayload";

    public SetPayloadSpec {
        Objects.requireNonNull(common, "common");
        Objects.requireNonNull(source, "source");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public <R> R accept(ProcessorVisitor<R> visitor) {
        return visitor.setPayload(this);
    }
}
