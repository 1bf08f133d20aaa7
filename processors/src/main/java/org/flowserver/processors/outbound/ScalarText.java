package org.flowserver.processors.outbound;

import com.dashjoin.jsonata.Jsonata;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flowserver.processors.payload.Json;

/** A text, number or boolean of a payload tree as text: numbers and booleans as JSON writes them. */
final class ScalarText {

    /** Doubles up to this size are whole numbers exactly; JSONata computes in doubles. */
    private static final double EXACT_LIMIT = 9_007_199_254_740_992d;

    private ScalarText() {
    }

    /** The text of {@code value}; empty when it is not a text, number or boolean (null, JSON null, object, array). */
    static Optional<String> of(Object value) {
        if (value instanceof String text) {
            return Optional.of(text);
        }
        if (value instanceof Boolean bool) {
            return Optional.of(bool.toString());
        }
        if (value instanceof Number number) {
            return Optional.of(number(number));
        }
        return Optional.empty();
    }

    /** What {@code value} is, for a message: {@code an object}, {@code an array}, {@code null}. */
    static String describe(Object value) {
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof List<?>) {
            return "an array";
        }
        if (value == null) {
            return "no value";
        }
        if (value instanceof byte[]) {
            return "binary";
        }
        if (value == Jsonata.NULL_VALUE) {
            return "null";
        }
        return "a value of type " + value.getClass().getSimpleName();
    }

    private static String number(Number number) {
        // JSONata arithmetic gives doubles: 42 + 1 is 43.0, and a path segment "43.0" would be wrong.
        if ((number instanceof Double || number instanceof Float) && isWhole(number.doubleValue())) {
            return Long.toString((long) number.doubleValue());
        }
        if (number instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (number instanceof BigInteger || number instanceof Long || number instanceof Integer
                || number instanceof Short || number instanceof Byte) {
            return number.toString();
        }
        return Json.writeString(number);
    }

    private static boolean isWhole(double value) {
        return value == Math.rint(value) && Math.abs(value) <= EXACT_LIMIT;
    }
}
