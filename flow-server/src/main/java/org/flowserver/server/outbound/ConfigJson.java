package org.flowserver.server.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.flowserver.dsl.Problem;

/**
 * Strict reading of a JSON configuration: every problem (unknown field, wrong type, value out of range) is
 * collected with its path instead of thrown, so that one message lists everything to fix. Values are quoted in
 * messages only where they cannot be secrets. The settings a service shares with a flow's call are read by
 * {@link org.flowserver.dsl.OutboundSettingsJson} into the same list.
 */
final class ConfigJson {

    private static final int MAX_QUOTED = 60;

    private final List<Problem> problems = new ArrayList<>();

    List<Problem> problems() {
        return problems;
    }

    int problemCount() {
        return problems.size();
    }

    void add(String path, String message) {
        problems.add(new Problem(path, message));
    }

    void add(Problem problem) {
        problems.add(problem);
    }

    /** Adds a problem for every field of {@code node} that is not in {@code fields}; never quotes a value. */
    void known(JsonNode node, String path, String what, List<String> fields) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                add(join(path, name), "is not a property of " + what + "; known properties: "
                        + String.join(", ", fields));
            }
        }
    }

    Optional<JsonNode> object(JsonNode parent, String parentPath, String field) {
        JsonNode node = parent.get(field);
        if (!present(node)) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            add(join(parentPath, field), "must be an object, not " + kind(node));
            return Optional.empty();
        }
        return Optional.of(node);
    }

    Optional<JsonNode> array(JsonNode parent, String parentPath, String field) {
        JsonNode node = parent.get(field);
        if (!present(node)) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            add(join(parentPath, field), "must be an array, not " + kind(node));
            return Optional.empty();
        }
        return Optional.of(node);
    }

    Optional<String> text(JsonNode parent, String parentPath, String field) {
        return scalar(parent, parentPath, field, JsonNode::isTextual, "a string", JsonNode::asText);
    }

    Optional<Boolean> bool(JsonNode parent, String parentPath, String field) {
        return scalar(parent, parentPath, field, JsonNode::isBoolean, "true or false", JsonNode::asBoolean);
    }

    /** A whole number from {@code min} to {@code max}; {@code range} says so in the message, e.g. "1 to 1000". */
    Optional<Long> wholeNumber(JsonNode parent, String parentPath, String field, long min, long max, String range) {
        JsonNode node = parent.get(field);
        if (present(node) && node.isNumber() && !(node.isIntegralNumber() && node.canConvertToLong())) {
            add(join(parentPath, field), node.asText() + " is not a whole number; use " + range);
            return Optional.empty();
        }
        Optional<Long> value = scalar(parent, parentPath, field, JsonNode::isIntegralNumber, "a whole number",
                JsonNode::asLong);
        if (value.isPresent() && (value.get() < min || value.get() > max)) {
            add(join(parentPath, field), value.get() + " is out of range; use " + range);
            return Optional.empty();
        }
        return value;
    }

    /** Like {@link #wholeNumber}, for a range within int. */
    Optional<Integer> integer(JsonNode parent, String parentPath, String field, int min, int max, String range) {
        return wholeNumber(parent, parentPath, field, min, max, range).map(Long::intValue);
    }

    <E extends Enum<E>> Optional<E> choice(JsonNode parent, String parentPath, String field, E[] values) {
        Optional<String> name = text(parent, parentPath, field);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        for (E value : values) {
            if (value.name().equals(name.get())) {
                return Optional.of(value);
            }
            names.add(value.name());
        }
        add(join(parentPath, field), quote(name.get()) + " is not one of " + String.join(", ", names));
        return Optional.empty();
    }

    /** A list of strings; each entry that is not a string is a problem (and left out). */
    Optional<List<String>> strings(JsonNode parent, String parentPath, String field) {
        Optional<JsonNode> node = array(parent, parentPath, field);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.get().size(); i++) {
            JsonNode item = node.get().get(i);
            if (item.isTextual()) {
                values.add(item.asText());
            } else {
                add(join(parentPath, field) + "[" + i + "]", "must be a string, not " + kind(item));
            }
        }
        return Optional.of(values);
    }

    private <T> Optional<T> scalar(JsonNode parent, String parentPath, String field, Predicate<JsonNode> accepts,
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

    static String quote(String value) {
        String shown = value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED) + "..." : value;
        return "'" + shown + "'";
    }

    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
