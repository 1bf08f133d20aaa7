package org.flowserver.processors.payload;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
    private static final ObjectMapper WRITER = new ObjectMapper(FACTORY).registerModule(new SimpleModule()
            .addSerializer(nullValueType(), new NullValueSerializer()));

    private Json() {
    }

    /**
     * Checks that {@code bytes} hold exactly one JSON value, without building it.
     *
     * @throws MalformedJsonException saying what is wrong and where
     */
    public static void validate(byte[] bytes) {
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            if (parser.nextToken() == null) {
                throw new MalformedJsonException("The body is empty; a JSON value was expected", 1, 1);
            }
            parser.skipChildren();
            expectEnd(parser);
        } catch (JsonProcessingException e) {
            throw MalformedJsonException.of(e);
        } catch (IOException e) {
            throw new MalformedJsonException(e.getMessage(), 0, 0);
        }
    }

    /**
     * Parses one JSON value into a tree.
     *
     * @throws MalformedJsonException saying what is wrong and where
     */
    public static Object parse(byte[] bytes) {
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            return parseRoot(parser);
        } catch (JsonProcessingException e) {
            throw MalformedJsonException.of(e);
        } catch (IOException e) {
            throw new MalformedJsonException(e.getMessage(), 0, 0);
        }
    }

    /**
     * Parses one JSON value from text into a tree.
     *
     * @throws MalformedJsonException saying what is wrong and where
     */
    public static Object parse(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            return parseRoot(parser);
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

    private static Object parseRoot(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new MalformedJsonException("The body is empty; a JSON value was expected", 1, 1);
        }
        Object value = value(parser, first);
        expectEnd(parser);
        return value;
    }

    private static void expectEnd(JsonParser parser) throws IOException {
        if (parser.nextToken() != null) {
            throw new MalformedJsonException("Unexpected content after the JSON value",
                    parser.currentTokenLocation().getLineNr(), parser.currentTokenLocation().getColumnNr());
        }
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> object = new LinkedHashMap<>();
                for (JsonToken next = parser.nextToken(); next == JsonToken.FIELD_NAME; next = parser.nextToken()) {
                    String name = parser.currentName();
                    object.put(name, value(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY: {
                List<Object> array = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(value(parser, next));
                }
                return array;
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
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
