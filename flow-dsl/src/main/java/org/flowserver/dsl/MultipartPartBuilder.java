package org.flowserver.dsl;

import java.util.Objects;
import java.util.Optional;

/**
 * Configures one {@link MultipartPartSpec}: a text {@code value}, or a file's {@code content} (with an optional
 * {@code filename}); exactly one of the two, checked by {@link FlowBuilder#build()}. Each part header is the
 * default (computed from the content), left out ({@code false}), or a value sent as written.
 * Methods taking an object throw {@link NullPointerException} for {@code null}.
 */
public final class MultipartPartBuilder {

    private final String name;
    private Optional<String> value = Optional.empty();
    private Optional<String> content = Optional.empty();
    private Optional<String> filename = Optional.empty();
    private PartHeader contentType = PartHeader.DEFAULT;
    private PartHeader contentDisposition = PartHeader.DEFAULT;
    private PartHeader contentLength = PartHeader.DEFAULT;

    MultipartPartBuilder(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The part's text, a template with {@code {JSONata}} placeholders; instead of {@code content}. */
    public MultipartPartBuilder value(String value) {
        this.value = Optional.of(Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * A JSONata expression whose result is the file's content (text as UTF-8, binary as is, JSON written as
     * JSON), for example {@code payload}; instead of {@code value}.
     */
    public MultipartPartBuilder content(String content) {
        this.content = Optional.of(Objects.requireNonNull(content, "content"));
        return this;
    }

    /** The file's name in the default {@code Content-Disposition}, a template; only with {@code content}. */
    public MultipartPartBuilder filename(String filename) {
        this.filename = Optional.of(Objects.requireNonNull(filename, "filename"));
        return this;
    }

    /** The part's {@code Content-Type}, sent as written, instead of the one its content makes. */
    public MultipartPartBuilder contentType(String contentType) {
        this.contentType = new PartHeader.Custom(Objects.requireNonNull(contentType, "contentType"));
        return this;
    }

    /** {@code false} leaves the part's {@code Content-Type} out; {@code true} sends the default (as unset). */
    public MultipartPartBuilder contentType(boolean send) {
        this.contentType = send ? PartHeader.DEFAULT : PartHeader.OMITTED;
        return this;
    }

    /**
     * The part's {@code Content-Disposition}, sent as written, instead of
     * {@code form-data; name="<name>"[; filename="<filename>"]}.
     */
    public MultipartPartBuilder contentDisposition(String contentDisposition) {
        this.contentDisposition = new PartHeader.Custom(Objects.requireNonNull(contentDisposition,
                "contentDisposition"));
        return this;
    }

    /** {@code false} leaves the part's {@code Content-Disposition} out; {@code true} sends the default. */
    public MultipartPartBuilder contentDisposition(boolean send) {
        this.contentDisposition = send ? PartHeader.DEFAULT : PartHeader.OMITTED;
        return this;
    }

    /** The part's {@code Content-Length}, sent as written, instead of its length in bytes. */
    public MultipartPartBuilder contentLength(String contentLength) {
        this.contentLength = new PartHeader.Custom(Objects.requireNonNull(contentLength, "contentLength"));
        return this;
    }

    /** {@code false} leaves the part's {@code Content-Length} out; {@code true} sends the default. */
    public MultipartPartBuilder contentLength(boolean send) {
        this.contentLength = send ? PartHeader.DEFAULT : PartHeader.OMITTED;
        return this;
    }

    MultipartPartSpec build() {
        return new MultipartPartSpec(name, value, content, filename, contentType, contentDisposition, contentLength);
    }
}
