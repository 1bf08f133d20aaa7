package org.flowserver.processors.rest;

import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flowserver.dsl.EntityFormat;
import org.flowserver.dsl.InboundTransformationStrategy;
import org.flowserver.processors.http.FieldError;
import org.flowserver.processors.http.MediaType;
import org.flowserver.processors.http.PercentDecoding;
import org.flowserver.processors.http.ProblemDetail;
import org.flowserver.processors.http.ProblemType;
import org.flowserver.processors.payload.Json;
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
 * An entity that does not parse as its type is refused with a 400 problem; an unknown charset with 415.
 */
final class EntityReader {

    private final Optional<InboundTransformationStrategy> strategy;

    EntityReader(Optional<InboundTransformationStrategy> strategy) {
        this.strategy = strategy;
    }

    /** The payload, or {@code null} when the request has no entity. */
    Object read(Buffer body, String contentType) {
        if (body.length() == 0) {
            return null;
        }
        MediaType mediaType = contentType == null ? MediaType.APPLICATION_JSON : MediaType.parse(contentType);
        if (strategy.isPresent()) {
            return read(body, strategy.get().format(), charset(strategy.get().charset().orElse(null), mediaType));
        }
        if (mediaType.isJson()) {
            return read(body, EntityFormat.JSON, charset(null, mediaType));
        }
        if (mediaType.isForm()) {
            return form(text(body.getBytes(), charset(null, mediaType)), charset(null, mediaType));
        }
        if (mediaType.isText()) {
            return read(body, EntityFormat.TEXT, charset(null, mediaType));
        }
        return body.getBytes();
    }

    private static Object read(Buffer body, EntityFormat format, Charset charset) {
        byte[] bytes = body.getBytes();
        return switch (format) {
            case JSON -> json(bytes, charset);
            case TEXT -> text(bytes, charset);
            case BINARY -> bytes;
        };
    }

    private static Object json(byte[] bytes, Charset charset) {
        try {
            if (charset.equals(StandardCharsets.UTF_8)) {
                Json.validate(bytes);
                return new RawJson(bytes);
            }
            return Json.parse(text(bytes, charset));
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

    private static Map<String, List<String>> form(String text, Charset charset) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                form.computeIfAbsent(PercentDecoding.decode(name, charset, true), key -> new ArrayList<>(1))
                        .add(PercentDecoding.decode(value, charset, true));
            } catch (IllegalArgumentException e) {
                throw malformed("The form field '" + pair + "' cannot be decoded: " + e.getMessage());
            }
        }
        return form;
    }

    private static Charset charset(String override, MediaType mediaType) {
        try {
            if (override != null) {
                return Charset.forName(override);
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
