package org.flowserver.processors.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path of an OpenAPI spec, split into segments: literals, whole-segment parameters ({@code {id}}) and
 * segments that mix both ({@code {name}.json}). Empty segments (a trailing slash, {@code //}) are dropped, as
 * they are from request paths, so {@code /users/} and {@code /users} are the same path.
 */
final class PathTemplate {

    private static final Pattern PARAMETER = Pattern.compile("\\{([^{}/]+)}");

    private final String text;
    private final List<Segment> segments;

    private PathTemplate(String text, List<Segment> segments) {
        this.text = text;
        this.segments = List.copyOf(segments);
    }

    /** Splits a path of the spec; the path must start with '/'. */
    static PathTemplate parse(String text) {
        List<Segment> segments = new ArrayList<>();
        for (String part : text.split("/")) {
            if (!part.isEmpty()) {
                segments.add(Segment.parse(part));
            }
        }
        return new PathTemplate(text, segments);
    }

    String text() {
        return text;
    }

    List<Segment> segments() {
        return segments;
    }

    /** The template with every parameter written as {@code {}}: two templates with one shape collide. */
    String shape() {
        StringBuilder shape = new StringBuilder();
        for (Segment segment : segments) {
            shape.append('/').append(segment.shape());
        }
        return shape.length() == 0 ? "/" : shape.toString();
    }

    /** The parameter names, in order. */
    List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        segments.forEach(segment -> names.addAll(segment.parameters()));
        return names;
    }

    /**
     * The default operationId of the seed: the template with braces dropped, '/' turned into '_', and
     * {@code -METHOD} appended; {@code /{param}/operation} GET becomes {@code param_operation-GET}.
     */
    String defaultOperationId(String method) {
        StringBuilder id = new StringBuilder();
        for (Segment segment : segments) {
            if (id.length() > 0) {
                id.append('_');
            }
            id.append(segment.text().replace("{", "").replace("}", ""));
        }
        return id + "-" + method;
    }

    @Override
    public String toString() {
        return text;
    }

    /** One segment of a template. */
    record Segment(String text, Kind kind, List<String> parameters, Optional<Pattern> pattern) {

        enum Kind { LITERAL, MIXED, PARAMETER }

        static Segment parse(String text) {
            Matcher matcher = PARAMETER.matcher(text);
            List<String> names = new ArrayList<>();
            StringBuilder regex = new StringBuilder();
            int last = 0;
            while (matcher.find()) {
                names.add(matcher.group(1));
                // Greedy: in {file}.{ext}, "report.v2.pdf" is file "report.v2" with ext "pdf".
                regex.append(Pattern.quote(text.substring(last, matcher.start()))).append("([^/]+)");
                last = matcher.end();
            }
            if (names.isEmpty()) {
                return new Segment(text, Kind.LITERAL, List.of(), Optional.empty());
            }
            if (names.size() == 1 && text.equals("{" + names.get(0) + "}")) {
                return new Segment(text, Kind.PARAMETER, names, Optional.empty());
            }
            regex.append(Pattern.quote(text.substring(last)));
            return new Segment(text, Kind.MIXED, names, Optional.of(Pattern.compile(regex.toString())));
        }

        String shape() {
            return kind == Kind.LITERAL ? text : PARAMETER.matcher(text).replaceAll("{}");
        }

        /** The raw values of this segment's parameters in {@code raw}, or empty if it does not match. */
        Optional<List<String>> match(String raw) {
            switch (kind) {
                case LITERAL:
                    return raw.equals(text) ? Optional.of(List.of()) : Optional.empty();
                case PARAMETER:
                    return Optional.of(List.of(raw));
                default:
                    Matcher matcher = pattern.orElseThrow().matcher(raw);
                    if (!matcher.matches()) {
                        return Optional.empty();
                    }
                    List<String> values = new ArrayList<>();
                    for (int i = 1; i <= matcher.groupCount(); i++) {
                        values.add(matcher.group(i));
                    }
                    return Optional.of(values);
            }
        }
    }
}
