package org.flowserver.dsl;

import java.util.Objects;

/** Configures a {@link HandoffSpec}. */
public final class HandoffBuilder extends ProcessorBuilder<HandoffBuilder> {

    private String flowId = "";

    HandoffBuilder(String id) {
        super(id);
    }

    @Override
    HandoffBuilder self() {
        return this;
    }

    /** The target flow, another flow of the same owner with a handoff source. Required. */
    public HandoffBuilder flowId(String flowId) {
        this.flowId = Objects.requireNonNull(flowId, "flowId");
        return this;
    }

    @Override
    HandoffSpec build() {
        return new HandoffSpec(common(), flowId);
    }
}
