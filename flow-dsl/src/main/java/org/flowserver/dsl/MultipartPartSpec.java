package org.flowserver.dsl;

import java.util.Objects;
import java.util.Optional;

/**
 * One part of a {@link MultipartSpec}: a text {@code value} or a file's {@code content}.
 *
 * @param name                the part's name in its {@code Content-Disposition}
 * @param value               a text template ({@code {JSONata}} placeholders); exactly one of this and content
 * @param content             a JSONata expression whose result is the file's content (text as UTF-8, binary as is,
 *                            JSON written as JSON)
 * @param filename            the file's name, a text template; only with {@code content}
 * @param contentType         default {@code text/plain; charset=utf-8} for text, {@code application/octet-stream}
 *                            for binary, {@code application/json} for JSON
 * @param contentDisposition  default {@code form-data; name="<name>"[; filename="<filename>"]}
 * @param contentLength       default the part's length in bytes
 */
public record MultipartPartSpec(String name, Optional<String> value, Optional<String> content,
                                Optional<String> filename, PartHeader contentType, PartHeader contentDisposition,
                                PartHeader contentLength) {

    public MultipartPartSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(contentDisposition, "contentDisposition");
        Objects.requireNonNull(contentLength, "contentLength");
    }
}
