package org.flowserver.processors.outbound;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.flowserver.dsl.MultipartSpec;
import org.flowserver.dsl.PartHeader;
import org.flowserver.processors.payload.Json;

/**
 * A multipart body (RFC 2046), byte for byte as Cloudomation's REST connector writes it (design record §2): every
 * line ends in CR LF; each part is {@code --boundary}, its headers in the order {@code Content-Type},
 * {@code Content-Disposition}, {@code Content-Length} (each the default, left out, or a value of the call's own),
 * a blank line, the content and CR LF; then {@code --boundary--} and CR LF.
 */
public final class MultipartBody {

    /** What a part's content is, which chooses its default {@code Content-Type}. */
    public enum Kind {
        /** UTF-8 text: {@code text/plain; charset=utf-8}. */
        TEXT,
        /** Bytes: {@code application/octet-stream}. */
        BINARY,
        /** JSON text: {@code application/json}. */
        JSON
    }

    /**
     * One part.
     *
     * @param name                its name in the default {@code Content-Disposition}
     * @param content             its bytes; not copied, do not modify
     * @param filename            the file name in the default {@code Content-Disposition}, if any
     * @param kind                what the content is
     * @param contentType         default by {@code kind}; a custom value is sent as written
     * @param contentDisposition  default {@code form-data; name="<name>"[; filename="<filename>"]}
     * @param contentLength       default the content's length in bytes
     */
    public record Part(String name, byte[] content, Optional<String> filename, Kind kind, PartHeader contentType,
                       PartHeader contentDisposition, PartHeader contentLength) {

        public Part {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(filename, "filename");
            Objects.requireNonNull(kind, "kind");
            requireOneLine(name, "Content-Type", contentType);
            requireOneLine(name, "Content-Disposition", contentDisposition);
            requireOneLine(name, "Content-Length", contentLength);
        }

        private static void requireOneLine(String name, String header, PartHeader value) {
            Objects.requireNonNull(value, header);
            if (value instanceof PartHeader.Custom custom
                    && (custom.value().indexOf('\r') >= 0 || custom.value().indexOf('\n') >= 0)) {
                throw new IllegalArgumentException("part '" + name + "' " + header + " holds a line break; a header "
                        + "value is one line");
            }
        }
    }

    private static final byte[] CRLF = {'\r', '\n'};

    private MultipartBody() {
    }

    /**
     * A part from the value a part's {@code content} expression gave: text as UTF-8 ({@link Kind#TEXT}), binary as
     * it is ({@link Kind#BINARY}), anything else as JSON ({@link Kind#JSON}).
     *
     * @throws RequestBodyException if the expression gave no value
     */
    public static Part part(String name, Object content, Optional<String> filename, PartHeader contentType,
                            PartHeader contentDisposition, PartHeader contentLength) {
        if (content == null) {
            throw new RequestBodyException("the content expression of part '" + name + "' gave no value; it must "
                    + "give text, binary or JSON");
        }
        if (content instanceof String text) {
            return new Part(name, text.getBytes(StandardCharsets.UTF_8), filename, Kind.TEXT, contentType,
                    contentDisposition, contentLength);
        }
        if (content instanceof byte[] bytes) {
            return new Part(name, bytes, filename, Kind.BINARY, contentType, contentDisposition, contentLength);
        }
        return new Part(name, Json.write(content), filename, Kind.JSON, contentType, contentDisposition,
                contentLength);
    }

    /** A default boundary: 32 lowercase hexadecimal digits (a random UUID without its dashes). */
    public static String randomBoundary() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * The body and its {@code Content-Type}: {@code <contentType>; boundary=<boundary>}.
     *
     * @param contentType  the envelope's media type without a boundary; default {@code multipart/mixed}
     * @param boundary     1 to 70 RFC 2046 characters, not ending in a space
     * @throws RequestBodyException if a part's content holds the boundary
     * @throws IllegalArgumentException if the boundary is not a valid one
     */
    public static EncodedBody encode(Optional<String> contentType, String boundary, List<Part> parts) {
        requireValid(boundary);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream body = new ByteArrayOutputStream(parts.stream().mapToInt(p -> p.content().length + 200)
                .sum() + 64);
        for (Part part : parts) {
            if (holds(part.content(), delimiter)) {
                throw new RequestBodyException("part '" + part.name() + "' holds the boundary '" + boundary
                        + "'; choose another boundary, or leave it out for a random one");
            }
            body.writeBytes(delimiter);
            body.writeBytes(CRLF);
            header(body, "Content-Type", part.contentType(), defaultType(part.kind()));
            header(body, "Content-Disposition", part.contentDisposition(), disposition(part));
            header(body, "Content-Length", part.contentLength(), Integer.toString(part.content().length));
            body.writeBytes(CRLF);
            body.writeBytes(part.content());
            body.writeBytes(CRLF);
        }
        body.writeBytes(delimiter);
        body.writeBytes(new byte[] {'-', '-', '\r', '\n'});
        String type = contentType.orElse(MultipartSpec.DEFAULT_CONTENT_TYPE) + "; boundary="
                + (isToken(boundary) ? boundary : "\"" + boundary + "\"");
        return new EncodedBody(body.toByteArray(), type);
    }

    private static void header(ByteArrayOutputStream body, String name, PartHeader header, String defaultValue) {
        String value;
        if (header instanceof PartHeader.Custom custom) {
            value = custom.value();
        } else if (header instanceof PartHeader.Default) {
            value = defaultValue;
        } else {
            return;
        }
        // UTF-8, as browsers send a non-ASCII name or file name in multipart/form-data (WHATWG).
        body.writeBytes((name + ": " + value).getBytes(StandardCharsets.UTF_8));
        body.writeBytes(CRLF);
    }

    private static String defaultType(Kind kind) {
        return switch (kind) {
            case TEXT -> RequestBodies.TEXT;
            case BINARY -> RequestBodies.BINARY;
            case JSON -> RequestBodies.JSON;
        };
    }

    private static String disposition(Part part) {
        String disposition = "form-data; name=\"" + escape(part.name()) + "\"";
        return part.filename().map(filename -> disposition + "; filename=\"" + escape(filename) + "\"")
                .orElse(disposition);
    }

    /** WHATWG multipart/form-data: {@code "} → {@code %22}, CR → {@code %0D}, LF → {@code %0A}. */
    private static String escape(String text) {
        return text.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Whether {@code content} starts with {@code delimiter} or holds it right after a CR LF. */
    private static boolean holds(byte[] content, byte[] delimiter) {
        for (int i = 0; i + delimiter.length <= content.length; i++) {
            if ((i == 0 || (i >= 2 && content[i - 2] == '\r' && content[i - 1] == '\n'))
                    && matches(content, i, delimiter)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(byte[] content, int at, byte[] delimiter) {
        for (int j = 0; j < delimiter.length; j++) {
            if (content[at + j] != delimiter[j]) {
                return false;
            }
        }
        return true;
    }

    private static void requireValid(String boundary) {
        if (boundary.isEmpty() || boundary.length() > 70 || boundary.endsWith(" ")) {
            throw new IllegalArgumentException("boundary '" + boundary + "' must have 1 to 70 characters and not "
                    + "end in a space");
        }
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            if (!(isAlphanumeric(c) || "'()+_,-./:=? ".indexOf(c) >= 0)) {
                throw new IllegalArgumentException("boundary '" + boundary + "' holds '" + c + "'; RFC 2046 allows "
                        + "letters, digits, space and '()+_,-./:=?");
            }
        }
    }

    private static boolean isToken(String boundary) {
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            if (!(isAlphanumeric(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
