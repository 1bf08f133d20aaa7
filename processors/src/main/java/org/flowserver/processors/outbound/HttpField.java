package org.flowserver.processors.outbound;

import java.util.Objects;

/** One header of an outbound request or its answer; a repeated header is several fields, in order. */
public record HttpField(String name, String value) {

    public HttpField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
