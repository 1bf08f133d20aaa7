package org.flowserver.dsl;

import java.util.Objects;

/**
 * The {@code handoff} source: the flow has no endpoint and receives only messages handed to it by
 * {@link HandoffSpec handoff} processors and the dead-letter strategies of other flows of the same owner.
 * In JSON the type is {@code handoff}, without a {@code flowId}, as the first processor.
 *
 * @param common  the properties every processor has; its {@code exchangeProperties} are set on every message
 *                received, after the sender's properties
 */
public record HandoffSourceSpec(CommonProperties common) implements SourceSpec {

    public static final String TYPE = "handoff";

    public HandoffSourceSpec {
        Objects.requireNonNull(common, "common");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public <R> R accept(ProcessorVisitor<R> visitor) {
        return visitor.handoffSource(this);
    }
}
