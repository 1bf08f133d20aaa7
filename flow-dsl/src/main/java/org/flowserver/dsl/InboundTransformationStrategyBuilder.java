package org.flowserver.dsl;

import java.util.Objects;
import java.util.Optional;

/** Chooses how a source turns the incoming entity into the payload, whatever its content type. */
public final class InboundTransformationStrategyBuilder {

    private EntityFormat format = EntityFormat.JSON;
    private Optional<String> charset = Optional.empty();

    InboundTransformationStrategyBuilder() {
    }

    /** Parse the entity as JSON. */
    public InboundTransformationStrategyBuilder json() {
        return format(EntityFormat.JSON);
    }

    /** Decode the entity to a string with the request's charset, else UTF-8. */
    public InboundTransformationStrategyBuilder text() {
        return format(EntityFormat.TEXT);
    }

    /** Decode the entity to a string with {@code charset}, whatever the request says. */
    public InboundTransformationStrategyBuilder text(String charset) {
        return format(EntityFormat.TEXT).charset(charset);
    }

    /** Keep the entity as bytes. */
    public InboundTransformationStrategyBuilder binary() {
        return format(EntityFormat.BINARY);
    }

    /** The format to treat the entity as. */
    public InboundTransformationStrategyBuilder format(EntityFormat format) {
        this.format = Objects.requireNonNull(format, "format");
        return this;
    }

    /** The charset used to decode a TEXT or JSON entity, overriding the request's. */
    public InboundTransformationStrategyBuilder charset(String charset) {
        this.charset = Optional.of(Objects.requireNonNull(charset, "charset"));
        return this;
    }

    InboundTransformationStrategy build() {
        return new InboundTransformationStrategy(format, charset);
    }
}
