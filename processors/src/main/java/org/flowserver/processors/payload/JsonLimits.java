package org.flowserver.processors.payload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds on a JSON request body, so that a hostile document costs a 400 instead of a thread's stack, minutes of
 * CPU or a parser differential. A body within them has at most {@code maxDepth} levels of arrays and objects,
 * no string longer than {@code maxStringLength} characters, no number longer than {@value #MAX_NUMBER_LENGTH}
 * characters or beyond the range of a double, no key longer than {@value #MAX_NAME_LENGTH} characters, and no
 * key twice in one object (parsers disagree on which of the two wins).
 *
 * @param maxDepth         the deepest nesting of arrays and objects; 1 to {@value #MAX_DEPTH}, default 200
 * @param maxStringLength  the longest string value, in characters; at least 1, default 1,000,000
 */
public record JsonLimits(int maxDepth, int maxStringLength) {

    public static final JsonLimits DEFAULT = new JsonLimits(200, 1_000_000);
    /** The deepest nesting that may be configured: every walk over a tree is recursive. */
    public static final int MAX_DEPTH = 1000;
    /** The longest number, in characters (Jackson's default). */
    public static final int MAX_NUMBER_LENGTH = 1000;
    /** The longest key, in characters (Jackson's default). */
    public static final int MAX_NAME_LENGTH = 50_000;
    /** A quoted key or number in a message is cut to this many characters. */
    private static final int QUOTE_LENGTH = 40;
    /** One factory per limits in use: there are as many as servers in the JVM. */
    private static final Map<JsonLimits, JsonFactory> FACTORIES = new ConcurrentHashMap<>();

    public JsonLimits {
        if (maxDepth < 1 || maxDepth > MAX_DEPTH || maxStringLength < 1) {
            throw new IllegalArgumentException("JSON limits out of range: max-json-depth is " + maxDepth
                    + " (1 to " + MAX_DEPTH + ") and max-json-string-length is " + maxStringLength + " (1 or more)");
        }
    }

    /** A parser factory that enforces these limits and refuses a key that appears twice in one object. */
    public JsonFactory factory() {
        return FACTORIES.computeIfAbsent(this, limits -> JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth)
                        // A number's digits count as a string too: numbers up to their own limit must pass.
                        .maxStringLength(Math.max(limits.maxStringLength, MAX_NUMBER_LENGTH))
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxNameLength(MAX_NAME_LENGTH)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build());
    }

    /**
     * What a parser failure of {@link #factory()} means to the caller: a broken limit or a repeated key in this
     * server's words (Jackson's messages name its classes), anything else as the parser said it.
     */
    public String reason(JsonProcessingException e) {
        return reason(e, "a string or number is too long: strings may have " + maxStringLength
                + " characters, numbers " + MAX_NUMBER_LENGTH);
    }

    /**
     * {@link #reason(JsonProcessingException)} for a parser whose strings are measured as they are read: the
     * parser's own length limit then stops a number.
     */
    String reasonForTokens(JsonProcessingException e) {
        return reason(e, numberTooLong());
    }

    String stringTooLong() {
        return "a string is longer than the limit of " + maxStringLength + " characters";
    }

    private static String numberTooLong() {
        return "a number is longer than the limit of " + MAX_NUMBER_LENGTH + " characters";
    }

    private String reason(JsonProcessingException e, String tooLong) {
        String message = MalformedJsonException.withoutSource(e.getOriginalMessage());
        if (e instanceof StreamConstraintsException) {
            if (message.startsWith("Document nesting depth")) {
                return "arrays and objects are nested deeper than the limit of " + maxDepth + " levels";
            }
            if (message.startsWith("String value length")) {
                return tooLong;
            }
            if (message.startsWith("Number value length")) {
                return numberTooLong();
            }
            if (message.startsWith("Name length")) {
                return "a key is longer than the limit of " + MAX_NAME_LENGTH + " characters";
            }
            return "the document exceeds a limit of this server";
        }
        if (message.startsWith("Duplicate field '") && message.endsWith("'")) {
            String key = message.substring("Duplicate field '".length(), message.length() - 1);
            return "the key '" + quote(key) + "' appears twice in one object; send each key once";
        }
        return message;
    }

    /** The reason a number too large for a double (beyond ±1.7976931348623157E308) is refused. */
    static String numberOutOfRange(String number) {
        return "the number '" + quote(number) + "' is out of range; numbers must lie within ±"
                + Double.MAX_VALUE;
    }

    private static String quote(String text) {
        return text.length() <= QUOTE_LENGTH ? text : text.substring(0, QUOTE_LENGTH) + "...";
    }
}
