package org.flowserver.processors.outbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.camel.Exchange;
import org.flowserver.dsl.TextTemplate;
import org.flowserver.processors.Expression;
import org.flowserver.processors.ExpressionLimits;

/**
 * A {@link TextTemplate} of an outbound call, compiled once (each placeholder a JSONata {@link Expression}) and
 * filled per message. A placeholder's value is text as it is, a number or boolean as JSON writes it; no value,
 * JSON {@code null}, an object or an array is a {@link TemplateException} naming the template and the placeholder.
 * Safe to share between threads.
 */
public final class TemplateFiller {

    /** How the filled text is encoded, so that each value is encoded exactly once, where it is used. */
    public enum Encoding {
        /**
         * A URL path: the template's own text is kept (characters a path cannot hold percent-encoded), each
         * placeholder's value is percent-encoded as one segment ({@code a/b} → {@code a%2Fb}).
         */
        PATH_SEGMENT,
        /**
         * A query parameter's value, returned raw: {@link UrlBuilder} form-encodes the whole value when it puts it
         * into the URL.
         */
        QUERY_VALUE,
        /** A header value, raw; a placeholder whose value holds CR, LF or NUL is refused (header injection). */
        HEADER_VALUE,
        /**
         * A cookie value, raw; a placeholder whose value holds CR, LF, NUL or {@code ;} (which would start another
         * cookie) is refused.
         */
        COOKIE_VALUE,
        /** Raw text, nothing refused: a multipart part's value or filename (the part encodes what it needs). */
        NONE
    }

    private sealed interface Piece permits Text, Value {
    }

    private record Text(String text) implements Piece {
    }

    private record Value(String placeholder, Expression expression) implements Piece {
    }

    private final String field;
    private final String template;
    private final List<Piece> pieces;

    private TemplateFiller(String field, String template, List<Piece> pieces) {
        this.field = field;
        this.template = template;
        this.pieces = List.copyOf(pieces);
    }

    /**
     * Compiles {@code template}; its messages call it a {@code template}.
     *
     * @throws TemplateException if the template or one of its placeholders does not compile
     */
    public static TemplateFiller compile(String template, String ownerId, String flowId, ExpressionLimits limits) {
        return compile("template", template, ownerId, flowId, limits);
    }

    /**
     * Compiles {@code template}; its messages call it {@code field}, for example {@code path} or
     * {@code header X-Customer}: {@code placeholder {payload.id} of path 'customers/{payload.id}' has no value}.
     *
     * @throws TemplateException if the template or one of its placeholders does not compile
     */
    public static TemplateFiller compile(String field, String template, String ownerId, String flowId,
                                         ExpressionLimits limits) {
        TextTemplate parsed;
        try {
            parsed = TextTemplate.parse(template);
        } catch (IllegalArgumentException e) {
            throw new TemplateException(field + " '" + template + "' " + e.getMessage(), e);
        }
        return of(field, template, parsed.segments(), ownerId, flowId, limits);
    }

    /** A filler of some of a template's segments; messages quote the whole {@code template}. */
    static TemplateFiller of(String field, String template, List<TextTemplate.Segment> segments, String ownerId,
                             String flowId, ExpressionLimits limits) {
        List<Piece> pieces = new ArrayList<>(segments.size());
        for (TextTemplate.Segment segment : segments) {
            if (segment instanceof TextTemplate.Placeholder placeholder) {
                String written = "{" + placeholder.expression() + "}";
                try {
                    pieces.add(new Value(written, new Expression(placeholder.expression(), ownerId, flowId, limits)));
                } catch (RuntimeException e) {
                    throw new TemplateException("placeholder " + written + " of " + field + " '" + template
                            + "' is not a valid JSONata expression: " + e.getMessage(), e);
                }
            } else {
                pieces.add(new Text(((TextTemplate.Literal) segment).text()));
            }
        }
        return new TemplateFiller(field, template, pieces);
    }

    /**
     * The template filled from {@code exchange}'s message.
     *
     * @throws TemplateException naming the placeholder that has no usable value
     */
    public String fill(Exchange exchange, Encoding encoding) {
        return switch (encoding) {
            case PATH_SEGMENT -> fill(exchange, PercentEncoding::pathText, PercentEncoding::pathSegment);
            case QUERY_VALUE, NONE -> fill(exchange, UnaryOperator.identity(), UnaryOperator.identity());
            case HEADER_VALUE -> fill(exchange, UnaryOperator.identity(), UnaryOperator.identity(), "\r\n\0",
                    "header values may not hold CR, LF or NUL");
            case COOKIE_VALUE -> fill(exchange, UnaryOperator.identity(), UnaryOperator.identity(), "\r\n\0;",
                    "cookie values may not hold CR, LF, NUL or ';'");
        };
    }

    /** Fills with {@code literal} applied to the template's own text and {@code value} to each placeholder's. */
    String fill(Exchange exchange, UnaryOperator<String> literal, UnaryOperator<String> value) {
        return fill(exchange, literal, value, "", "");
    }

    /** The template's own text with {@code standIn} for each placeholder, evaluating nothing. */
    String skeleton(UnaryOperator<String> literal, String standIn) {
        StringBuilder out = new StringBuilder(template.length());
        for (Piece piece : pieces) {
            out.append(piece instanceof Text text ? literal.apply(text.text()) : standIn);
        }
        return out.toString();
    }

    private String fill(Exchange exchange, UnaryOperator<String> literal, UnaryOperator<String> value,
                        String forbidden, String rule) {
        StringBuilder out = new StringBuilder(template.length() + 16);
        for (Piece piece : pieces) {
            if (piece instanceof Value placeholder) {
                out.append(value.apply(valueOf(placeholder, exchange, forbidden, rule)));
            } else {
                out.append(literal.apply(((Text) piece).text()));
            }
        }
        return out.toString();
    }

    private String valueOf(Value placeholder, Exchange exchange, String forbidden, String rule) {
        Object result = placeholder.expression().evaluate(exchange);
        Optional<String> text = ScalarText.of(result);
        if (text.isEmpty()) {
            String what = ScalarText.describe(result);
            throw new TemplateException(what.equals("no value") || what.equals("null")
                    ? where(placeholder) + " has no value"
                    : where(placeholder) + " gives " + what + "; a text, number or boolean is expected");
        }
        for (int i = 0; i < forbidden.length(); i++) {
            if (text.get().indexOf(forbidden.charAt(i)) >= 0) {
                throw new TemplateException(where(placeholder) + " gives a value with " + name(forbidden.charAt(i))
                        + "; " + rule);
            }
        }
        return text.get();
    }

    private String where(Value placeholder) {
        return "placeholder " + placeholder.placeholder() + " of " + field + " '" + template + "'";
    }

    private static String name(char c) {
        return switch (c) {
            case '\r' -> "a CR";
            case '\n' -> "an LF";
            case '\0' -> "a NUL";
            default -> "'" + c + "'";
        };
    }

    /** The template as written. */
    public String template() {
        return template;
    }

    /** What the template is, as messages name it: {@code path}, {@code header X-Customer}. */
    public String field() {
        return field;
    }

    /** Whether it has a placeholder: without one, filling needs no message. */
    public boolean hasPlaceholders() {
        return pieces.stream().anyMatch(Value.class::isInstance);
    }

    @Override
    public String toString() {
        return template;
    }
}
