package org.flowserver.processors.payload;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text to and from payload trees. A tree is made of {@link LinkedHashMap}, {@link ArrayList},
 * {@link String}, {@link Number}, {@link Boolean} and {@link Jsonata#NULL_VALUE} for JSON {@code null}, the
 * form JSONata evaluates directly; Java {@code null} means "no value".
 */
public final class Json {

    private static final JsonFactory FACTORY = new JsonFactory();
    /** For JSON checked already: limits no document within Jackson's own defaults reaches. */
    private static final JsonLimits UNCHECKED = new JsonLimits(JsonLimits.MAX_DEPTH, Integer.MAX_VALUE);
    private static final ObjectMapper WRITER = new ObjectMapper(FACTORY).registerModule(new SimpleModule()
            .addSerializer(nullValueType(), new NullValueSerializer()));

    private Json() {
    }

    /**
     * Checks that {@code bytes}, a request body, hold exactly one JSON value within {@code limits}, without
     * building it.
     *
     * @throws MalformedJsonException saying what is wrong and where
     */
    public static void validate(byte[] bytes, JsonLimits limits) {
        try (JsonParser parser = limits.factory().createParser(bytes)) {
            try {
                JsonToken token = first(parser);
                int depth = 0;
                do {
                    switch (token) {
                        case START_OBJECT, START_ARRAY -> depth++;
                        case END_OBJECT, END_ARRAY -> depth--;
                        case VALUE_STRING -> checkLength(parser, limits);
                        case VALUE_NUMBER_FLOAT -> checkRange(parser);
                        default -> {
                        }
                    }
                } while (depth > 0 && (token = parser.nextToken()) != null);
                if (depth > 0) {
                    throw new MalformedJsonException("Unexpected end of the body inside an array or object",
                            parser.currentLocation().getLineNr(), parser.currentLocation().getColumnNr());
                }
                expectEnd(parser);
            } catch (JsonProcessingException e) {
                throw MalformedJsonException.of(e, limits.reasonForTokens(e), parser.currentLocation());
            }
        } catch (IOException e) {
            throw new MalformedJsonException(e.getMessage(), 0, 0);
        }
    }

    /**
     * Parses a request body, one JSON value within {@code limits}, into a tree.
     *
     * @throws MalformedJsonException saying what is wrong and where
     */
    public static Object parse(String text, JsonLimits limits) {
        try (JsonParser parser = limits.factory().createParser(text)) {
            try {
                return parseRoot(parser, limits);
            } catch (JsonProcessingException e) {
                throw MalformedJsonException.of(e, limits.reasonForTokens(e), parser.currentLocation());
            }
        } catch (IOException e) {
            throw new MalformedJsonException(e.getMessage(), 0, 0);
        }
    }

    /**
     * Parses one JSON value into a tree. For JSON that was checked already: see {@link #validate} for a request
     * body.
     *
     * @throws MalformedJsonException saying what is wrong and where
     */
    public static Object parse(byte[] bytes) {
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            return parseRoot(parser, UNCHECKED);
        } catch (JsonProcessingException e) {
            throw MalformedJsonException.of(e);
        } catch (IOException e) {
            throw new MalformedJsonException(e.getMessage(), 0, 0);
        }
    }

    /**
     * Parses one JSON value from text into a tree. For JSON that was checked already: see
     * {@link #parse(String, JsonLimits)} for a request body.
     *
     * @throws MalformedJsonException saying what is wrong and where
     */
    public static Object parse(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            return parseRoot(parser, UNCHECKED);
        } catch (JsonProcessingException e) {
            throw MalformedJsonException.of(e);
        } catch (IOException e) {
            throw new MalformedJsonException(e.getMessage(), 0, 0);
        }
    }

    /** The tree as UTF-8 JSON. */
    public static byte[] write(Object tree) {
        try {
            return WRITER.writeValueAsBytes(tree == null ? Jsonata.NULL_VALUE : tree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The tree as JSON text. */
    public static String writeString(Object tree) {
        try {
            return WRITER.writeValueAsString(tree == null ? Jsonata.NULL_VALUE : tree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonToken first(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new MalformedJsonException("The body is empty; a JSON value was expected", 1, 1);
        }
        return first;
    }

    private static Object parseRoot(JsonParser parser, JsonLimits limits) throws IOException {
        Object value = value(parser, first(parser), limits);
        expectEnd(parser);
        return value;
    }

    private static void expectEnd(JsonParser parser) throws IOException {
        if (parser.nextToken() != null) {
            throw new MalformedJsonException("Unexpected content after the JSON value",
                    parser.currentTokenLocation().getLineNr(), parser.currentTokenLocation().getColumnNr());
        }
    }

    /**
     * Refuses a string over the limit. Jackson checks the length only roughly, as its buffer grows, and
     * reads a string only when asked for it: a length error it reports elsewhere is a number's.
     */
    private static void checkLength(JsonParser parser, JsonLimits limits) throws IOException {
        int length;
        try {
            length = parser.getTextLength();
        } catch (StreamConstraintsException e) {
            length = Integer.MAX_VALUE;
        }
        if (length > limits.maxStringLength()) {
            throw new MalformedJsonException(limits.stringTooLong(), parser.currentTokenLocation().getLineNr(),
                    parser.currentTokenLocation().getColumnNr());
        }
    }

    /** Refuses a number a double cannot hold: it would become infinity, which JSON cannot carry. */
    private static double checkRange(JsonParser parser) throws IOException {
        double value = parser.getDoubleValue();
        if (Double.isInfinite(value)) {
            throw new MalformedJsonException(JsonLimits.numberOutOfRange(parser.getText()),
                    parser.currentTokenLocation().getLineNr(), parser.currentTokenLocation().getColumnNr());
        }
        return value;
    }

    private static Object value(JsonParser parser, JsonToken token, JsonLimits limits) throws IOException {
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> object = new LinkedHashMap<>();
                for (JsonToken next = parser.nextToken(); next == JsonToken.FIELD_NAME; next = parser.nextToken()) {
                    String name = parser.currentName();
                    object.put(name, value(parser, parser.nextToken(), limits));
                }
                return object;
            }
            case START_ARRAY: {
                List<Object> array = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(value(parser, next, limits));
                }
                return array;
            }
            case VALUE_STRING:
                checkLength(parser, limits);
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                return checkRange(parser);
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return Jsonata.NULL_VALUE;
            default:
                throw new MalformedJsonException("Unexpected token " + token,
                        parser.currentTokenLocation().getLineNr(), parser.currentTokenLocation().getColumnNr());
        }
    }

    @SuppressWarnings("unchecked")
    private static Class<Object> nullValueType() {
        return (Class<Object>) Jsonata.NULL_VALUE.getClass();
    }

    private static final class NullValueSerializer extends JsonSerializer<Object> {
        @Override
        public void serialize(Object value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeNull();
        }
    }
}
