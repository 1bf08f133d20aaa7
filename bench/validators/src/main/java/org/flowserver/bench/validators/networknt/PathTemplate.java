package org.flowserver.bench.validators.networknt;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A path template such as {@code /orders/{orderId}}: one template segment per path segment, each either a literal
 * or a single {@code {name}} (the only form the test specs use; "/files/{name}.{ext}" would need a regex).
 */
final class PathTemplate {

    private final String template;
    private final String[] segments;
    private final int literals;

    PathTemplate(String template) {
        this.template = template;
        this.segments = split(template);
        int count = 0;
        for (String segment : segments) {
            if (!isVariable(segment)) {
                count++;
            }
        }
        this.literals = count;
    }

    String template() {
        return template;
    }

    /** More literal segments first: OpenAPI says concrete paths match before templated ones. */
    int literals() {
        return literals;
    }

    /** The raw (still percent-encoded) values of the variables, or null when the path does not match. */
    Map<String, String> match(String[] pathSegments) {
        if (pathSegments.length != segments.length) {
            return null;
        }
        Map<String, String> values = null;
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (isVariable(segment)) {
                if (pathSegments[i].isEmpty()) {
                    return null;
                }
                if (values == null) {
                    values = new LinkedHashMap<>(4);
                }
                values.put(segment.substring(1, segment.length() - 1), pathSegments[i]);
            } else if (!segment.equals(pathSegments[i])) {
                return null;
            }
        }
        return values == null ? Map.of() : values;
    }

    static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            return new String[0];
        }
        List<String> parts = new ArrayList<>(8);
        int start = 0;
        for (int i = 0; i <= trimmed.length(); i++) {
            if (i == trimmed.length() || trimmed.charAt(i) == '/') {
                parts.add(trimmed.substring(start, i));
                start = i + 1;
            }
        }
        return parts.toArray(new String[0]);
    }

    static String decode(String raw) {
        return raw.indexOf('%') < 0 ? raw : URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static boolean isVariable(String segment) {
        return segment.length() > 2 && segment.charAt(0) == '{' && segment.charAt(segment.length() - 1) == '}';
    }
}
