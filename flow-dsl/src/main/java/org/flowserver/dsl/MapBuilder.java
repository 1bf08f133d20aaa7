package org.flowserver.dsl;

import java.util.Objects;

/** Configures a {@link MapSpec}. */
public final class MapBuilder extends ProcessorBuilder<MapBuilder> {

    private String mapSpec = "";

    MapBuilder(String id) {
        super(id);
    }

    @Override
    MapBuilder self() {
        return this;
    }

    /** The JSONata mapping whose result becomes the payload. Required. */
    public MapBuilder mapSpec(String mapSpec) {
        this.mapSpec = Objects.requireNonNull(mapSpec, "mapSpec");
        return this;
    }

    @Override
    MapSpec build() {
        return new MapSpec(common(), mapSpec);
    }
}
