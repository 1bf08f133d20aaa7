package org.flowserver.processors.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.flowserver.processors.http.PercentDecoding;

/**
 * Turns the text of a parameter, as serialized by its style and explode settings (OpenAPI 3 "Style Values"),
 * into the JSON value its schema describes: numbers, booleans, arrays and objects, so that the schema can
 * validate it. Text that does not convert stays text, and the schema then reports the type mismatch.
 */
final class ParameterReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longer numbers stay text, and the schema reports them; as in JSON bodies (Jackson's limit). */
    private static final int MAX_NUMBER_LENGTH = 1000;

    private ParameterReader() {
    }

    /** A path parameter from its raw (still percent-encoded) text. */
    static JsonNode path(ParameterSpec parameter, String raw) {
        String text = raw;
        String delimiter = ",";
        switch (parameter.style()) {
            case "label" -> {
                text = raw.startsWith(".") ? raw.substring(1) : raw;
                delimiter = parameter.explode() ? "." : ",";
            }
            case "matrix" -> {
                String prefix = ";" + parameter.name() + "=";
                if (parameter.explode() && isObject(parameter.type())) {
                    // ;color=red;size=2
                    text = raw.startsWith(";") ? raw.substring(1) : raw;
                    delimiter = ";";
                } else if (parameter.explode() && isArray(parameter.type())) {
                    text = raw.replace(prefix, ",");
                    text = text.startsWith(",") ? text.substring(1) : text;
                } else {
                    text = raw.startsWith(prefix) ? raw.substring(prefix.length()) : raw;
                }
            }
            default -> { }
        }
        return delimited(parameter, text, delimiter, true, false);
    }

    /** A query parameter from the raw pairs of the query string; {@code null} when absent. */
    static JsonNode query(ParameterSpec parameter, List<String[]> pairs) {
        JsonNode type = parameter.type();
        if (parameter.style().equals("deepObject")) {
            ObjectNode object = NODES.objectNode();
            String prefix = parameter.name() + "[";
            for (String[] pair : pairs) {
                if (pair[0].startsWith(prefix) && pair[0].endsWith("]")) {
                    String property = pair[0].substring(prefix.length(), pair[0].length() - 1);
                    object.set(property, scalar(decode(pair[1], true), property(type, property)));
                }
            }
            return object.isEmpty() ? null : object;
        }
        if (isObject(type) && parameter.explode()) {
            ObjectNode object = NODES.objectNode();
            for (String[] pair : pairs) {
                JsonNode property = type.path("properties").get(pair[0]);
                if (property != null) {
                    object.set(pair[0], scalar(decode(pair[1], true), property));
                }
            }
            return object.isEmpty() ? null : object;
        }
        List<String> values = new ArrayList<>();
        for (String[] pair : pairs) {
            if (pair[0].equals(parameter.name())) {
                values.add(pair[1]);
            }
        }
        if (values.isEmpty()) {
            return null;
        }
        if (isArray(type) && parameter.explode()) {
            ArrayNode array = NODES.arrayNode();
            values.forEach(value -> array.add(scalar(decode(value, true), type.path("items"))));
            return array;
        }
        String delimiter = switch (parameter.style()) {
            case "spaceDelimited" -> " ";
            case "pipeDelimited" -> "|";
            default -> ",";
        };
        String value = values.get(0);
        if (!delimiter.equals(",")) {
            // The delimiter may arrive encoded (%20, %7C); split after decoding those only.
            return delimited(parameter, decode(value, true), delimiter, false, true);
        }
        return delimited(parameter, value, ",", true, true);
    }

    /**
     * Whether a query parameter that takes one value arrived more than once: a scalar, an array that is not
     * exploded, or a deepObject property ({@code filter[color]} twice). Validating only one of the values
     * would let the other one through.
     */
    static boolean repeated(ParameterSpec parameter, List<String[]> pairs) {
        JsonNode type = parameter.type();
        if (parameter.style().equals("deepObject")) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            String prefix = parameter.name() + "[";
            for (String[] pair : pairs) {
                if (pair[0].startsWith(prefix) && !seen.add(pair[0])) {
                    return true;
                }
            }
            return false;
        }
        if (parameter.explode() && (isArray(type) || isObject(type))) {
            return false;
        }
        int count = 0;
        for (String[] pair : pairs) {
            if (pair[0].equals(parameter.name()) && ++count > 1) {
                return true;
            }
        }
        return false;
    }

    /** A header parameter from its values; {@code null} when absent. */
    static JsonNode header(ParameterSpec parameter, List<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        // HTTP allows optional whitespace around the commas of a list header: "a, b" is a and b.
        List<String> items = new ArrayList<>();
        for (String value : values) {
            for (String item : split(value, ",")) {
                items.add(item.trim());
            }
        }
        return delimited(parameter, String.join(",", items), ",", false, false);
    }

    /** A cookie parameter from its value; {@code null} when absent. */
    static JsonNode cookie(ParameterSpec parameter, String value) {
        return value == null ? null : delimited(parameter, value, ",", false, false);
    }

    /** The raw pairs of a query string, names decoded and values still encoded. */
    static List<String[]> pairs(String query) {
        List<String[]> pairs = new ArrayList<>();
        if (query == null || query.isEmpty()) {
            return pairs;
        }
        for (String field : query.split("&")) {
            if (field.isEmpty()) {
                continue;
            }
            int equals = field.indexOf('=');
            String name = equals < 0 ? field : field.substring(0, equals);
            pairs.add(new String[] {decode(name, true), equals < 0 ? "" : field.substring(equals + 1)});
        }
        return pairs;
    }

    private static JsonNode delimited(ParameterSpec parameter, String text, String delimiter, boolean encoded,
                                      boolean plusIsSpace) {
        JsonNode type = parameter.type();
        if (parameter.json()) {
            try {
                return JSON.readTree(encoded ? decode(text, plusIsSpace) : text);
            } catch (JsonProcessingException e) {
                return NODES.textNode(encoded ? decode(text, plusIsSpace) : text);
            }
        }
        if (isArray(type)) {
            ArrayNode array = NODES.arrayNode();
            if (!text.isEmpty()) {
                for (String item : split(text, delimiter)) {
                    array.add(scalar(encoded ? decode(item, plusIsSpace) : item, type.path("items")));
                }
            }
            return array;
        }
        if (isObject(type)) {
            ObjectNode object = NODES.objectNode();
            List<String> parts = split(text, delimiter);
            if (parameter.explode()) {
                for (String part : parts) {
                    int equals = part.indexOf('=');
                    String key = equals < 0 ? part : part.substring(0, equals);
                    String value = equals < 0 ? "" : part.substring(equals + 1);
                    key = encoded ? decode(key, plusIsSpace) : key;
                    object.set(key, scalar(encoded ? decode(value, plusIsSpace) : value, property(type, key)));
                }
            } else {
                for (int i = 0; i + 1 < parts.size(); i += 2) {
                    String key = encoded ? decode(parts.get(i), plusIsSpace) : parts.get(i);
                    String value = encoded ? decode(parts.get(i + 1), plusIsSpace) : parts.get(i + 1);
                    object.set(key, scalar(value, property(type, key)));
                }
            }
            return object;
        }
        return scalar(encoded ? decode(text, plusIsSpace) : text, type);
    }

    /** Converts text to the scalar type of the schema; text that does not convert stays text. */
    static JsonNode scalar(String text, JsonNode type) {
        for (String name : typeNames(type)) {
            switch (name) {
                case "integer" -> {
                    if (text.length() <= MAX_NUMBER_LENGTH) {
                        try {
                            return NODES.numberNode(new BigInteger(text));
                        } catch (NumberFormatException e) {
                            // try the next type
                        }
                    }
                }
                case "number" -> {
                    if (text.length() <= MAX_NUMBER_LENGTH) {
                        try {
                            BigDecimal number = new BigDecimal(text);
                            if (Math.abs((long) number.scale()) <= RequestValidator.MAX_SCALE) {
                                return NODES.numberNode(number);
                            }
                        } catch (NumberFormatException e) {
                            // try the next type
                        }
                    }
                }
                case "boolean" -> {
                    if (text.equals("true") || text.equals("false")) {
                        return NODES.booleanNode(Boolean.parseBoolean(text));
                    }
                }
                case "null" -> {
                    if (text.isEmpty() || text.equals("null")) {
                        return NODES.nullNode();
                    }
                }
                default -> { }
            }
        }
        return NODES.textNode(text);
    }

    private static List<String> typeNames(JsonNode type) {
        JsonNode node = type == null ? null : type.get("type");
        List<String> names = new ArrayList<>();
        if (node != null && node.isTextual()) {
            names.add(node.asText());
        } else if (node != null && node.isArray()) {
            node.forEach(name -> names.add(name.asText()));
        }
        return names;
    }

    private static boolean isArray(JsonNode type) {
        return typeNames(type).contains("array") || (type != null && type.has("items") && !type.has("type"));
    }

    private static boolean isObject(JsonNode type) {
        return typeNames(type).contains("object") || (type != null && type.has("properties") && !type.has("type"));
    }

    private static JsonNode property(JsonNode type, String name) {
        JsonNode property = type == null ? null : type.path("properties").get(name);
        if (property == null && type != null && type.path("additionalProperties").isObject()) {
            property = type.get("additionalProperties");
        }
        return property;
    }

    private static List<String> split(String text, String delimiter) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (true) {
            int at = text.indexOf(delimiter, start);
            if (at < 0) {
                parts.add(text.substring(start));
                return parts;
            }
            parts.add(text.substring(start, at));
            start = at + delimiter.length();
        }
    }

    private static String decode(String text, boolean plusIsSpace) {
        try {
            return PercentDecoding.decode(text, StandardCharsets.UTF_8, plusIsSpace);
        } catch (IllegalArgumentException e) {
            // An undecodable value stays as sent; the schema judges it.
            return text;
        }
    }
}
