package org.flowserver.dsl;

import java.util.Objects;

/** Configures a {@link SetExchangePropertySpec}. */
public final class SetExchangePropertyBuilder extends ProcessorBuilder<SetExchangePropertyBuilder> {

    private String propertyName = "";
    private String source = "";

    SetExchangePropertyBuilder(String id) {
        super(id);
    }

    @Override
    SetExchangePropertyBuilder self() {
        return this;
    }

    /** The property to set. Required. */
    public SetExchangePropertyBuilder propertyName(String propertyName) {
        this.propertyName = Objects.requireNonNull(propertyName, "propertyName");
        return this;
    }

    /** The JSONata expression whose result becomes the property's value. Required. */
    public SetExchangePropertyBuilder source(String source) {
        this.source = Objects.requireNonNull(source, "source");
        return this;
    }

    @Override
    SetExchangePropertySpec build() {
        return new SetExchangePropertySpec(common(), propertyName, source);
    }
}
