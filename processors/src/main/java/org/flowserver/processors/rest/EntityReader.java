package org.flowserver.processors.rest;

import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flowserver.dsl.EntityFormat;
import org.flowserver.dsl.InboundTransformationStrategy;
import org.flowserver.processors.http.FieldError;
import org.flowserver.processors.http.MediaType;
import org.flowserver.processors.http.ProblemDetail;
import org.flowserver.processors.http.ProblemType;
import org.flowserver.processors.http.UrlEncoded;
import org.flowserver.processors.payload.Json;
import org.flowserver.processors.payload.JsonLimits;
import org.flowserver.processors.payload.MalformedJsonException;
import org.flowserver.processors.payload.RawJson;

/**
 * Turns a request entity into the payload, by content type as the seed's Generic Model says, unless an
 * {@link InboundTransformationStrategy} overrides it:
 * <ul>
 *   <li>no content type, or a JSON type ({@code application/json}, {@code +json}): JSON, validated now and
 *       built into a tree when a processor first reads it;</li>
 *   <li>{@code application/x-www-form-urlencoded}: an object whose values are lists of strings;</li>
 *   <li>{@code text/*}, {@code application/xml}, {@code application/javascript}, {@code +xml}: a string in the
 *       request's charset (UTF-8 when it names none);</li>
 *   <li>anything else: the bytes.</li>
 * </ul>
 * An entity that does not parse as its type, or JSON beyond the {@link JsonLimits}, is refused with a 400
 * problem; an unknown charset with 415.
 */
final class EntityReader {

    private final Optional<InboundTransformationStrategy> strategy;
    private final JsonLimits jsonLimits;

    EntityReader(Optional<InboundTransformationStrategy> strategy, JsonLimits jsonLimits) {
        this.strategy = strategy;
        this.jsonLimits = jsonLimits;
    }

    /** The payload, or {@code null} when the request has no entity. */
    Object read(Buffer body, String contentType) {
        if (body.length() == 0) {
            return null;
        }
        MediaType mediaType = contentType == null ? MediaType.APPLICATION_JSON : MediaType.parse(contentType);
        if (strategy.isPresent()) {
            return read(body.getBytes(), strategy.get().format(), strategy.get().charset(), mediaType);
        }
        if (mediaType.isJson()) {
            return read(body.getBytes(), EntityFormat.JSON, Optional.empty(), mediaType);
        }
        if (mediaType.isForm()) {
            return form(body.getBytes(), charset(Optional.empty(), mediaType));
        }
        if (mediaType.isText()) {
            return read(body.getBytes(), EntityFormat.TEXT, Optional.empty(), mediaType);
        }
        return body.getBytes();
    }

    private Object read(byte[] bytes, EntityFormat format, Optional<String> override, MediaType mediaType) {
        return switch (format) {
            case JSON -> json(bytes, charset(override, mediaType));
            case TEXT -> text(bytes, charset(override, mediaType));
            case BINARY -> bytes;
        };
    }

    private Object json(byte[] bytes, Charset charset) {
        try {
            if (charset.equals(StandardCharsets.UTF_8)) {
                Json.validate(bytes, jsonLimits);
                return new RawJson(bytes);
            }
            return Json.parse(text(bytes, charset), jsonLimits);
        } catch (MalformedJsonException e) {
            String message = "The body is not valid JSON: " + e.getMessage();
            throw new RequestRejectedException(new ProblemDetail(ProblemType.MALFORMED_JSON, message,
                    List.of(new FieldError("body", "", message))));
        }
    }

    private static String text(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("The body is not valid " + charset.name() + " text; send it in the charset that the "
                    + "Content-Type names (UTF-8 when it names none)");
        }
    }

    private static Map<String, List<String>> form(byte[] bytes, Charset charset) {
        try {
            return UrlEncoded.decode(text(bytes, charset), charset);
        } catch (IllegalArgumentException e) {
            throw malformed("The form " + e.getMessage());
        }
    }

    private static Charset charset(Optional<String> override, MediaType mediaType) {
        try {
            if (override.isPresent()) {
                return Charset.forName(override.get());
            }
            return mediaType.charsetOr(StandardCharsets.UTF_8);
        } catch (UnsupportedCharsetException e) {
            String message = "The charset '" + e.getCharsetName() + "' of the Content-Type is not supported; "
                    + "use UTF-8";
            throw new RequestRejectedException(new ProblemDetail(ProblemType.UNSUPPORTED_MEDIA_TYPE, message,
                    List.of(new FieldError("header", "/Content-Type", message))));
        }
    }

    private static RequestRejectedException malformed(String message) {
        return new RequestRejectedException(new ProblemDetail(ProblemType.MALFORMED_REQUEST, message,
                List.of(new FieldError("body", "", message))));
    }
}
