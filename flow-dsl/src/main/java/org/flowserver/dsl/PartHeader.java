package org.flowserver.dsl;

import java.util.Objects;

/** One header of a multipart part: the default value, left out, or a value of its own. */
public sealed interface PartHeader permits PartHeader.Default, PartHeader.Omitted, PartHeader.Custom {

    /** The header as the part's content makes it. */
    PartHeader DEFAULT = new Default();
    /** No such header in the part. */
    PartHeader OMITTED = new Omitted();

    /** The header as the part's content makes it. */
    record Default() implements PartHeader {
    }

    /** No such header in the part. */
    record Omitted() implements PartHeader {
    }

    /** This exact value, sent as written. */
    record Custom(String value) implements PartHeader {
        public Custom {
            Objects.requireNonNull(value, "value");
        }
    }
}
