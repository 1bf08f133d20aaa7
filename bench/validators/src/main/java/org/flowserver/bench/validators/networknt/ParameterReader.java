package org.flowserver.bench.validators.networknt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.flowserver.bench.validators.Request;

/**
 * Turns the strings of a request into JSON values per the parameter's style and explode, typed by its schema
 * (a string that does not parse as the schema's type stays a string, so the schema reports the type error).
 * Covers: path/header simple, query/cookie form (explode or not), deepObject, spaceDelimited, pipeDelimited;
 * primitives, arrays and objects. Not covered: label and matrix path styles, content-encoded parameters.
 */
final class ParameterReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SchemaDocument document;

    ParameterReader(SchemaDocument document) {
        this.document = document;
    }

    /** The parameter's value, or null when the request does not carry it. */
    JsonNode read(ParamSpec parameter, Request request, Map<String, String> pathValues) {
        JsonNode schema = document.resolve(parameter.schema());
        String type = document.typeOf(schema);
        switch (parameter.in()) {
            case "path" -> {
                String raw = pathValues.get(parameter.name());
                return raw == null ? null : fromDelimited(PathTemplate.decode(raw), ",", schema, type, parameter.explode());
            }
            case "query" -> {
                return query(parameter, request.query(), schema, type);
            }
            case "header" -> {
                List<String> values = header(request.headers(), parameter.name());
                return values == null ? null : fromDelimited(String.join(",", values), ",", schema, type, parameter.explode());
            }
            case "cookie" -> {
                String raw = request.cookies().get(parameter.name());
                return raw == null ? null : fromDelimited(raw, ",", schema, type, false);
            }
            default -> {
                return null;
            }
        }
    }

    private JsonNode query(ParamSpec parameter, Map<String, List<String>> query, JsonNode schema, String type) {
        String name = parameter.name();
        if ("deepObject".equals(parameter.style())) {
            ObjectNode object = null;
            String prefix = name + "[";
            for (Map.Entry<String, List<String>> entry : query.entrySet()) {
                String key = entry.getKey();
                if (key.startsWith(prefix) && key.endsWith("]") && !entry.getValue().isEmpty()) {
                    if (object == null) {
                        object = NODES.objectNode();
                    }
                    String property = key.substring(prefix.length(), key.length() - 1);
                    JsonNode propertySchema = document.resolve(document.propertySchema(schema, property));
                    object.set(property, scalar(entry.getValue().get(0), document.typeOf(propertySchema)));
                }
            }
            return object;
        }
        if ("object".equals(type) && parameter.explode() && "form".equals(parameter.style())) {
            // form + explode: every property is its own query parameter
            ObjectNode object = null;
            JsonNode properties = schema.get("properties");
            if (properties != null) {
                for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
                    String property = it.next();
                    List<String> values = query.get(property);
                    if (values != null && !values.isEmpty()) {
                        if (object == null) {
                            object = NODES.objectNode();
                        }
                        object.set(property, scalar(values.get(0),
                                document.typeOf(document.resolve(properties.get(property)))));
                    }
                }
            }
            return object;
        }
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if ("array".equals(type)) {
            String itemType = document.typeOf(document.resolve(schema.get("items")));
            ArrayNode array = NODES.arrayNode();
            if (parameter.explode() && "form".equals(parameter.style())) {
                for (String value : values) {
                    array.add(scalar(value, itemType));
                }
                return array;
            }
            String separator = switch (parameter.style()) {
                case "spaceDelimited" -> " ";
                case "pipeDelimited" -> "|";
                default -> ",";
            };
            for (String value : values) {
                split(value, separator, array, itemType);
            }
            return array;
        }
        if (values.size() > 1) {
            // a scalar sent twice: keep every value so the schema says "array found, integer expected"
            ArrayNode array = NODES.arrayNode();
            values.forEach(value -> array.add(scalar(value, type)));
            return array;
        }
        return fromDelimited(values.get(0), ",", schema, type, parameter.explode());
    }

    /** simple (path, header) and form-not-exploded (query, cookie) values: "a,b,c" or "k,v,k,v" or "k=v,k=v". */
    private JsonNode fromDelimited(String raw, String separator, JsonNode schema, String type, boolean explode) {
        if ("array".equals(type)) {
            ArrayNode array = NODES.arrayNode();
            split(raw, separator, array, document.typeOf(document.resolve(schema.get("items"))));
            return array;
        }
        if ("object".equals(type)) {
            ObjectNode object = NODES.objectNode();
            String[] parts = raw.isEmpty() ? new String[0] : raw.split(java.util.regex.Pattern.quote(separator), -1);
            if (explode) {
                for (String part : parts) {
                    int eq = part.indexOf('=');
                    String key = eq < 0 ? part : part.substring(0, eq);
                    String value = eq < 0 ? "" : part.substring(eq + 1);
                    object.set(key, scalar(value, document.typeOf(document.resolve(document.propertySchema(schema, key)))));
                }
            } else {
                for (int i = 0; i + 1 < parts.length; i += 2) {
                    object.set(parts[i], scalar(parts[i + 1],
                            document.typeOf(document.resolve(document.propertySchema(schema, parts[i])))));
                }
            }
            return object;
        }
        return scalar(raw, type);
    }

    private static void split(String raw, String separator, ArrayNode into, String itemType) {
        if (raw.isEmpty()) {
            return;
        }
        int start = 0;
        while (true) {
            int next = raw.indexOf(separator, start);
            into.add(scalar(next < 0 ? raw.substring(start) : raw.substring(start, next), itemType));
            if (next < 0) {
                return;
            }
            start = next + separator.length();
        }
    }

    /** A scalar typed by the schema's type; when it does not parse, the string itself. */
    static JsonNode scalar(String raw, String type) {
        if (type == null) {
            return NODES.textNode(raw);
        }
        switch (type) {
            case "integer" -> {
                if (isInteger(raw)) {
                    return raw.length() < 18 ? NODES.numberNode(Long.parseLong(raw)) : NODES.numberNode(new BigInteger(raw));
                }
                return NODES.textNode(raw);
            }
            case "number" -> {
                try {
                    return NODES.numberNode(new BigDecimal(raw));
                } catch (NumberFormatException e) {
                    return NODES.textNode(raw);
                }
            }
            case "boolean" -> {
                if ("true".equals(raw)) {
                    return NODES.booleanNode(true);
                }
                if ("false".equals(raw)) {
                    return NODES.booleanNode(false);
                }
                return NODES.textNode(raw);
            }
            default -> {
                return NODES.textNode(raw);
            }
        }
    }

    private static boolean isInteger(String raw) {
        int length = raw.length();
        if (length == 0) {
            return false;
        }
        int i = raw.charAt(0) == '-' || raw.charAt(0) == '+' ? 1 : 0;
        if (i == length) {
            return false;
        }
        for (; i < length; i++) {
            char c = raw.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static List<String> header(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        if (values != null) {
            return values;
        }
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
