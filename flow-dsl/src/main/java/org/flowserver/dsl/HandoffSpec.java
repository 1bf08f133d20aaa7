package org.flowserver.dsl;

import java.util.Objects;

/**
 * Hands the message on to another flow of the same owner, one whose source is a {@link HandoffSourceSpec}:
 * the target receives a copy of the current payload and exchange properties as a new message whose trace
 * names this message as its {@code originalMessageId}. The target runs at once, on the same thread; this
 * message then goes on unchanged, whatever the target did (fire and forget). In JSON the type is
 * {@code handoff} with a {@code flowId}, anywhere after the source.
 *
 * @param common  the properties every processor has
 * @param flowId  the target flow, {@code [a-zA-Z][a-zA-Z0-9_-]{2,29}}, another flow of the same owner; the
 *                server refuses to deploy a flow whose target is not deployed with a handoff source
 */
public record HandoffSpec(CommonProperties common, String flowId) implements ProcessorSpec {

    public static final String TYPE = "handoff";

    public HandoffSpec {
        Objects.requireNonNull(common, "common");
        Objects.requireNonNull(flowId, "flowId");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public <R> R accept(ProcessorVisitor<R> visitor) {
        return visitor.handoff(this);
    }
}
