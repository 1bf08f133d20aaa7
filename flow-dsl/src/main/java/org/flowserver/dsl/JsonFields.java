package org.flowserver.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Strict reading of the fields of JSON objects: an absent (or {@code null}) field is absent, a field of the wrong
 * type is a problem with its path, so that one answer lists everything to fix. Entries of arrays and maps that
 * could not be read are remembered: the rules checked on what was read would report indexes there that do not
 * match the document, so {@link #isUnderUnreadEntry} lets the caller leave those out.
 */
final class JsonFields {

    /** Reads an object found at {@code path}. */
    interface NodeReader<T> {
        T read(JsonNode node, String path);
    }

    private final Consumer<Problem> problems;
    private final List<String> unreadEntries = new ArrayList<>();

    JsonFields(Consumer<Problem> problems) {
        this.problems = Objects.requireNonNull(problems, "problems");
    }

    void add(String path, String message) {
        problems.accept(new Problem(path, message));
    }

    /** Remembers that an entry at {@code path} could not be read; see the class comment. */
    void unread(String path) {
        unreadEntries.add(path);
    }

    /** Whether the problem is at or under an entry that could not be read. */
    boolean isUnderUnreadEntry(Problem problem) {
        return unreadEntries.stream().anyMatch(entry -> problem.path().equals(entry)
                || problem.path().startsWith(entry + ".") || problem.path().startsWith(entry + "["));
    }

    /** Adds a problem for every field of {@code node} that is not in {@code fields}. */
    void known(JsonNode node, String path, String what, Collection<String> fields) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                add(join(path, name), "is not a property of " + what + "; known properties: "
                        + String.join(", ", fields));
            }
        }
    }

    <T> Optional<T> object(JsonNode parent, String parentPath, String field, NodeReader<T> reader) {
        JsonNode node = parent.get(field);
        String path = join(parentPath, field);
        if (!present(node)) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            add(path, "must be an object, not " + kind(node));
            return Optional.empty();
        }
        return Optional.of(reader.read(node, path));
    }

    String text(JsonNode parent, String parentPath, String field, String absent) {
        return optionalText(parent, parentPath, field).orElse(absent);
    }

    Optional<String> optionalText(JsonNode parent, String parentPath, String field) {
        return scalar(parent, parentPath, field, JsonNode::isTextual, "a string", JsonNode::asText);
    }

    boolean bool(JsonNode parent, String parentPath, String field, boolean absent) {
        return optionalBool(parent, parentPath, field).orElse(absent);
    }

    Optional<Boolean> optionalBool(JsonNode parent, String parentPath, String field) {
        return scalar(parent, parentPath, field, JsonNode::isBoolean, "true or false", JsonNode::asBoolean);
    }

    int integer(JsonNode parent, String parentPath, String field, int absent) {
        OptionalInt value = optionalInteger(parent, parentPath, field);
        return value.isPresent() ? value.getAsInt() : absent;
    }

    OptionalInt optionalInteger(JsonNode parent, String parentPath, String field) {
        return scalar(parent, parentPath, field, node -> node.isIntegralNumber() && node.canConvertToInt(),
                "an integer", JsonNode::asInt).map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    long longInteger(JsonNode parent, String parentPath, String field, long absent) {
        return scalar(parent, parentPath, field, node -> node.isIntegralNumber() && node.canConvertToLong(),
                "an integer", JsonNode::asLong).orElse(absent);
    }

    double number(JsonNode parent, String parentPath, String field, double absent) {
        return scalar(parent, parentPath, field, JsonNode::isNumber, "a number", JsonNode::asDouble).orElse(absent);
    }

    <E extends Enum<E>> E choice(JsonNode parent, String parentPath, String field, E[] values, E absent) {
        return optionalChoice(parent, parentPath, field, values).orElse(absent);
    }

    <E extends Enum<E>> Optional<E> optionalChoice(JsonNode parent, String parentPath, String field, E[] values) {
        Optional<String> name = optionalText(parent, parentPath, field);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        for (E value : values) {
            if (value.name().equals(name.get())) {
                return Optional.of(value);
            }
        }
        add(join(parentPath, field), FlowValidator.quote(name.get()) + " is not one of "
                + String.join(", ", FlowJson.names(values)));
        return Optional.empty();
    }

    /** An ISO-8601 duration such as {@code "PT5S"}. */
    Optional<Duration> duration(JsonNode parent, String parentPath, String field) {
        Optional<String> text = scalar(parent, parentPath, field, JsonNode::isTextual,
                "an ISO-8601 duration such as \"PT5S\"", JsonNode::asText);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.parse(text.get()));
        } catch (DateTimeParseException e) {
            add(join(parentPath, field), FlowValidator.quote(text.get())
                    + " is not an ISO-8601 duration; write one such as PT5S, PT0.5S or PT10M");
            return Optional.empty();
        }
    }

    /** An object whose values are a string or an array of strings, each read as a list. */
    Map<String, List<String>> valueLists(JsonNode parent, String parentPath, String field) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        JsonNode node = parent.get(field);
        String path = join(parentPath, field);
        if (!present(node)) {
            return map;
        }
        if (!node.isObject()) {
            add(path, "must be an object of names to a string or an array of strings, not " + kind(node));
            return map;
        }
        node.fields().forEachRemaining(entry -> {
            String entryPath = path + "." + entry.getKey();
            JsonNode value = entry.getValue();
            if (value.isTextual()) {
                map.put(entry.getKey(), List.of(value.asText()));
            } else if (value.isArray()) {
                List<String> values = new ArrayList<>();
                for (int i = 0; i < value.size(); i++) {
                    if (value.get(i).isTextual()) {
                        values.add(value.get(i).asText());
                    } else {
                        add(entryPath + "[" + i + "]", "must be a string, not " + kind(value.get(i)));
                        unread(entryPath);
                    }
                }
                map.put(entry.getKey(), values);
            } else if (present(value)) {
                add(entryPath, "must be a string or an array of strings, not " + kind(value));
            }
        });
        return map;
    }

    /** An object whose values are strings. */
    Map<String, String> textMap(JsonNode parent, String parentPath, String field) {
        Map<String, String> map = new LinkedHashMap<>();
        JsonNode node = parent.get(field);
        String path = join(parentPath, field);
        if (!present(node)) {
            return map;
        }
        if (!node.isObject()) {
            add(path, "must be an object of names to strings, not " + kind(node));
            return map;
        }
        node.fields().forEachRemaining(entry -> {
            if (entry.getValue().isTextual()) {
                map.put(entry.getKey(), entry.getValue().asText());
            } else if (present(entry.getValue())) {
                add(path + "." + entry.getKey(), "must be a string, not " + kind(entry.getValue()));
            }
        });
        return map;
    }

    List<Integer> integers(JsonNode parent, String parentPath, String field, List<Integer> absent) {
        return array(parent, parentPath, field, node -> node.isIntegralNumber() && node.canConvertToInt(),
                "an integer", JsonNode::asInt).orElse(absent);
    }

    List<String> texts(JsonNode parent, String parentPath, String field) {
        return array(parent, parentPath, field, JsonNode::isTextual, "a string", JsonNode::asText).orElse(List.of());
    }

    private <T> Optional<List<T>> array(JsonNode parent, String parentPath, String field,
                                        Predicate<JsonNode> accepts, String expected, Function<JsonNode, T> value) {
        JsonNode node = parent.get(field);
        String path = join(parentPath, field);
        if (!present(node)) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            add(path, "must be an array of " + expected.replaceFirst("^an? ", "") + "s, not " + kind(node));
            return Optional.empty();
        }
        List<T> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (accepts.test(node.get(i))) {
                values.add(value.apply(node.get(i)));
            } else {
                add(path + "[" + i + "]", "must be " + expected + ", not " + kind(node.get(i)));
                unread(path);
            }
        }
        return Optional.of(values);
    }

    <T> Optional<T> scalar(JsonNode parent, String parentPath, String field, Predicate<JsonNode> accepts,
                           String expected, Function<JsonNode, T> value) {
        JsonNode node = parent.get(field);
        if (!present(node)) {
            return Optional.empty();
        }
        if (!accepts.test(node)) {
            add(join(parentPath, field), "must be " + expected + ", not " + kind(node));
            return Optional.empty();
        }
        return Optional.of(value.apply(node));
    }

    static boolean present(JsonNode node) {
        return node != null && !node.isNull();
    }

    static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
