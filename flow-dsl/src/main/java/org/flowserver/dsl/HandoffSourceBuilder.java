package org.flowserver.dsl;

/** Configures a {@link HandoffSourceSpec}; it has only the properties every processor has. */
public final class HandoffSourceBuilder extends ProcessorBuilder<HandoffSourceBuilder> {

    HandoffSourceBuilder(String id) {
        super(id);
    }

    @Override
    HandoffSourceBuilder self() {
        return this;
    }

    @Override
    HandoffSourceSpec build() {
        return new HandoffSourceSpec(common());
    }
}
