package org.flowserver.dsl;

import java.util.Objects;

/** Configures a {@link SetPayloadSpec}. */
public final class SetPayloadBuilder extends ProcessorBuilder<SetPayloadBuilder> {

    private String source = "";

    SetPayloadBuilder(String id) {
        super(id);
    }

    @Override
    SetPayloadBuilder self() {
        return this;
    }

    /** The JSONata expression whose result becomes the payload. Required. */
    public SetPayloadBuilder source(String source) {
        this.source = Objects.requireNonNull(source, "source");
        return this;
    }

    @Override
    SetPayloadSpec build() {
        return new SetPayloadSpec(common(), source);
    }
}
