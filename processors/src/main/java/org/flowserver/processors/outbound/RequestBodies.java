package org.flowserver.processors.outbound;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flowserver.processors.http.MediaType;
import org.flowserver.processors.payload.Json;
import org.flowserver.processors.payload.RawJson;

/**
 * The body of an outbound call from the value its {@code body} expression gave (Maxbot's rule, design record
 * §1 item 9): an object or array as JSON, or URL-encoded when the content type is
 * {@code application/x-www-form-urlencoded}; text in the content type's charset; binary as it is; a number or
 * boolean as JSON. A {@code Content-Type} the call sets is always the one sent.
 */
public final class RequestBodies {

    public static final String JSON = "application/json";
    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String BINARY = "application/octet-stream";

    private RequestBodies() {
    }

    /**
     * Encodes {@code value}, a payload tree value, {@code String} or {@code byte[]}.
     *
     * @param contentType  the call's {@code Content-Type}, if it sets one
     * @throws RequestBodyException if there is no value, a form body is not an object of texts, numbers and
     *                              booleans (or arrays of them), or text has characters the charset cannot hold
     */
    public static EncodedBody encode(Object value, Optional<String> contentType) {
        if (value == null) {
            throw new RequestBodyException("the body expression gave no value; give it one (\"body\": \"payload\" "
                    + "sends the payload) or leave body out to send none");
        }
        Optional<MediaType> type = contentType.map(MediaType::parse);
        if (value instanceof byte[] bytes) {
            return new EncodedBody(bytes, contentType.orElse(BINARY));
        }
        if (value instanceof RawJson raw) {
            return new EncodedBody(raw.utf8(), contentType.orElse(JSON));
        }
        if (value instanceof String text) {
            return new EncodedBody(text(text, charset(contentType, type)), contentType.orElse(TEXT));
        }
        if (type.isPresent() && type.get().isForm()) {
            return new EncodedBody(form(value, charset(contentType, type)), contentType.get());
        }
        if (type.isEmpty() || type.get().isJson()) {
            return new EncodedBody(json(value), contentType.orElse(JSON));
        }
        // The call chose another type for a JSON value: the JSON text is sent in that type's charset.
        return new EncodedBody(text(new String(json(value), StandardCharsets.UTF_8), charset(contentType, type)),
                contentType.get());
    }

    private static byte[] json(Object value) {
        Optional<String> scalar = value instanceof String ? Optional.empty() : ScalarText.of(value);
        return scalar.map(text -> text.getBytes(StandardCharsets.UTF_8)).orElseGet(() -> Json.write(value));
    }

    private static byte[] form(Object value, Charset charset) {
        if (!(value instanceof Map<?, ?> fields)) {
            throw new RequestBodyException("the body is " + ScalarText.describe(value) + " and the Content-Type is "
                    + "application/x-www-form-urlencoded; a form body must be an object of texts, numbers and "
                    + "booleans (an array of them repeats the field)");
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<?, ?> field : fields.entrySet()) {
            String name = String.valueOf(field.getKey());
            List<?> values = field.getValue() instanceof List<?> list ? list : List.of(field.getValue());
            for (Object item : values) {
                String text = ScalarText.of(item).orElseThrow(() -> new RequestBodyException("field '" + name
                        + "' of the form body is " + ScalarText.describe(item) + "; a form field must be a text, "
                        + "number or boolean, or an array of them (nested objects cannot be URL-encoded)"));
                if (out.length() > 0) {
                    out.append('&');
                }
                out.append(PercentEncoding.formComponent(name, charset)).append('=')
                        .append(PercentEncoding.formComponent(text, charset));
            }
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] text(String text, Charset charset) {
        try {
            ByteBuffer encoded = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
            return Arrays.copyOfRange(encoded.array(), encoded.arrayOffset() + encoded.position(),
                    encoded.arrayOffset() + encoded.limit());
        } catch (CharacterCodingException e) {
            throw new RequestBodyException("the body has characters " + charset.name() + " cannot encode; send "
                    + "it as charset=utf-8 or leave those characters out", e);
        }
    }

    private static Charset charset(Optional<String> contentType, Optional<MediaType> type) {
        try {
            return type.map(media -> media.charsetOr(StandardCharsets.UTF_8)).orElse(StandardCharsets.UTF_8);
        } catch (UnsupportedCharsetException e) {
            throw new RequestBodyException("the Content-Type '" + contentType.orElse("") + "' names the charset '"
                    + type.flatMap(MediaType::charset).orElse("") + "', which this server does not know; use "
                    + "utf-8 or another standard charset", e);
        }
    }
}
