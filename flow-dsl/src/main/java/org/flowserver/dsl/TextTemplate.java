package org.flowserver.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Text with {@code {JSONata}} placeholders, as in the URL, path, header, query and cookie values of a
 * {@link RestRequestSpec}: {@code customers/{payload.customerId}/orders}. {@code {{} and {@code }}} stand for a
 * literal brace. A placeholder ends at the brace that closes it: braces inside it nest, and braces inside its
 * quoted strings do not count.
 */
public final class TextTemplate {

    /** A piece of a template. */
    public sealed interface Segment permits Literal, Placeholder {
    }

    /** Text taken as it is. */
    public record Literal(String text) implements Segment {
        public Literal {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A JSONata expression whose result is put in its place. */
    public record Placeholder(String expression) implements Segment {
        public Placeholder {
            Objects.requireNonNull(expression, "expression");
        }
    }

    private final String text;
    private final List<Segment> segments;

    private TextTemplate(String text, List<Segment> segments) {
        this.text = text;
        this.segments = List.copyOf(segments);
    }

    /**
     * Parses a template.
     *
     * @throws IllegalArgumentException naming the position of an unclosed or empty placeholder, or of a lone
     *                                  {@code }}
     */
    public static TextTemplate parse(String text) {
        List<Segment> segments = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '{' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                literal.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
                literal.append('}');
                i += 2;
            } else if (c == '}') {
                throw new IllegalArgumentException("has a '}' at position " + i
                        + " that closes no placeholder; write '}}' for a literal brace");
            } else if (c == '{') {
                int end = closing(text, i);
                String expression = text.substring(i + 1, end).strip();
                if (expression.isEmpty()) {
                    throw new IllegalArgumentException("has an empty placeholder at position " + i
                            + "; write '{{' for a literal brace");
                }
                if (literal.length() > 0) {
                    segments.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                segments.add(new Placeholder(expression));
                i = end + 1;
            } else {
                literal.append(c);
                i++;
            }
        }
        if (literal.length() > 0) {
            segments.add(new Literal(literal.toString()));
        }
        return new TextTemplate(text, segments);
    }

    private static int closing(String text, int open) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("has a placeholder at position " + open
                + " that is never closed; write '{{' for a literal brace");
    }

    /** The template as written. */
    public String text() {
        return text;
    }

    /** Its pieces, in order. */
    public List<Segment> segments() {
        return segments;
    }

    /** Whether it has a placeholder. */
    public boolean hasPlaceholders() {
        return segments.stream().anyMatch(Placeholder.class::isInstance);
    }

    @Override
    public String toString() {
        return text;
    }
}
