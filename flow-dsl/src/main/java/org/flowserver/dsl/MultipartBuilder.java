package org.flowserver.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Configures the {@link MultipartSpec} body of a {@code restRequest}: the envelope's content type and boundary, and
 * the parts in the order they are added (at least one, checked by {@link FlowBuilder#build()}).
 * Methods taking an object throw {@link NullPointerException} for {@code null}.
 */
public final class MultipartBuilder {

    private Optional<String> contentType = Optional.empty();
    private Optional<String> boundary = Optional.empty();
    private final List<MultipartPartSpec> parts = new ArrayList<>();

    MultipartBuilder() {
    }

    /**
     * The envelope's media type without its boundary parameter (the boundary is added to it); default
     * {@value MultipartSpec#DEFAULT_CONTENT_TYPE}; {@code multipart/form-data} for form posts.
     */
    public MultipartBuilder contentType(String contentType) {
        this.contentType = Optional.of(Objects.requireNonNull(contentType, "contentType"));
        return this;
    }

    /** The boundary, 1 to 70 RFC 2046 characters not ending in a space; default 32 random hexadecimal digits. */
    public MultipartBuilder boundary(String boundary) {
        this.boundary = Optional.of(Objects.requireNonNull(boundary, "boundary"));
        return this;
    }

    /** Adds the part {@code name}, configured by {@code configurator}. */
    public MultipartBuilder part(String name, Consumer<MultipartPartBuilder> configurator) {
        MultipartPartBuilder builder = new MultipartPartBuilder(name);
        configurator.accept(builder);
        parts.add(builder.build());
        return this;
    }

    MultipartSpec build() {
        return new MultipartSpec(contentType, boundary, parts);
    }
}
