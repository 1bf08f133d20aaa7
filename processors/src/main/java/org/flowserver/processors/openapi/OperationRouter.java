package org.flowserver.processors.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Finds the operation for a request path and method. At each segment a literal wins over a segment that
 * mixes text and parameters, which wins over a whole-segment parameter ({@code /users/me} before
 * {@code /users/{id}}); when a more specific branch leads nowhere, the next is tried.
 */
public final class OperationRouter {

    private final Node root = new Node();

    /** Adds a path with its operations by method; the caller has refused templates of the same shape. */
    void add(PathTemplate template, Map<String, ApiOperation> operations) {
        Node node = root;
        for (PathTemplate.Segment segment : template.segments()) {
            node = switch (segment.kind()) {
                case LITERAL -> node.literals.computeIfAbsent(segment.text(), key -> new Node());
                case MIXED -> node.mixed.computeIfAbsent(segment.text(), key -> new Node());
                case PARAMETER -> node.parameter == null ? (node.parameter = new Node()) : node.parameter;
            };
            if (segment.kind() == PathTemplate.Segment.Kind.MIXED) {
                node.segment = segment;
            }
        }
        node.path = new PathEntry(template, new LinkedHashMap<>(operations));
    }

    /**
     * The outcome for a request.
     *
     * @param segments the raw (still percent-encoded) non-empty segments below the flow's base path
     */
    Route route(List<String> segments, String method) {
        List<String> values = new ArrayList<>();
        PathEntry path = find(root, segments, 0, values);
        if (path == null) {
            return new Route.NotFound();
        }
        ApiOperation operation = path.operations.get(method);
        if (operation == null && method.equals("HEAD")) {
            operation = path.operations.get("GET");
        }
        if (operation == null) {
            List<String> allowed = new ArrayList<>(path.operations.keySet());
            if (allowed.contains("GET") && !allowed.contains("HEAD")) {
                allowed.add(allowed.indexOf("GET") + 1, "HEAD");
            }
            return new Route.MethodNotAllowed(String.join(", ", allowed));
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        List<String> names = path.template.parameterNames();
        for (int i = 0; i < names.size(); i++) {
            parameters.put(names.get(i), values.get(i));
        }
        return new Route.Found(operation, parameters);
    }

    private static PathEntry find(Node node, List<String> segments, int index, List<String> values) {
        if (index == segments.size()) {
            return node.path;
        }
        String raw = segments.get(index);
        // A literal matches its decoded text: /caf%C3%A9 is /café, /jobs%3Abatch is /jobs:batch.
        Node literal = node.literals.get(decoded(raw));
        if (literal != null) {
            PathEntry found = find(literal, segments, index + 1, values);
            if (found != null) {
                return found;
            }
        }
        for (Node mixed : node.mixed.values()) {
            Optional<List<String>> matched = mixed.segment.match(raw);
            if (matched.isPresent()) {
                int mark = values.size();
                values.addAll(matched.get());
                PathEntry found = find(mixed, segments, index + 1, values);
                if (found != null) {
                    return found;
                }
                values.subList(mark, values.size()).clear();
            }
        }
        if (node.parameter != null) {
            values.add(raw);
            PathEntry found = find(node.parameter, segments, index + 1, values);
            if (found != null) {
                return found;
            }
            values.remove(values.size() - 1);
        }
        return null;
    }

    private static String decoded(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        try {
            return org.flowserver.processors.http.PercentDecoding.decode(raw, java.nio.charset.StandardCharsets.UTF_8,
                    false);
        } catch (IllegalArgumentException e) {
            return raw; // not decodable: it matches no literal, and a parameter reports it
        }
    }

    /** Where a request goes. */
    public sealed interface Route {
        /** The operation, with the raw (still percent-encoded) text of each path parameter by name. */
        record Found(ApiOperation operation, Map<String, String> rawPathParameters) implements Route {
        }

        /** No path of the spec matches. */
        record NotFound() implements Route {
        }

        /** A path matches, but it has no operation for the method; {@code allow} lists the methods it has. */
        record MethodNotAllowed(String allow) implements Route {
        }
    }

    private record PathEntry(PathTemplate template, Map<String, ApiOperation> operations) {
    }

    private static final class Node {
        private final Map<String, Node> literals = new LinkedHashMap<>();
        /** Longer texts first: the more literal text a mixed segment has, the more specific it is. */
        private final Map<String, Node> mixed = new TreeMap<>((a, b) -> a.length() != b.length()
                ? b.length() - a.length() : a.compareTo(b));
        private Node parameter;
        private PathTemplate.Segment segment;
        private PathEntry path;
    }
}
