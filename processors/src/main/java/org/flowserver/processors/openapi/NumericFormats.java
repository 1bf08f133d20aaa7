package org.flowserver.processors.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Format;
import com.networknt.schema.ValidationContext;
import java.math.BigDecimal;
import java.util.List;

/**
 * OpenAPI's integer formats {@code int32} and {@code int64}, which JSON Schema does not define: without them
 * networknt ignores the format and an {@code int32} field would accept 3000000000.
 */
final class NumericFormats {

    static final List<Format> ALL = List.of(
            new IntegerRange("int32", "must be a 32-bit integer, from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE,
                    Integer.MIN_VALUE, Integer.MAX_VALUE),
            new IntegerRange("int64", "must be a 64-bit integer, from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE,
                    Long.MIN_VALUE, Long.MAX_VALUE));

    private NumericFormats() {
    }

    private record IntegerRange(String name, String description, long min, long max) implements Format {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getErrorMessageDescription() {
            return description;
        }

        @Override
        public boolean matches(ExecutionContext executionContext, ValidationContext validationContext, JsonNode value) {
            if (!value.isNumber()) {
                return true; // "type" reports a value that is not a number
            }
            if (value.isIntegralNumber()) {
                return value.canConvertToLong() && value.longValue() >= min && value.longValue() <= max;
            }
            BigDecimal decimal = value.decimalValue();
            return decimal.stripTrailingZeros().scale() > 0 // not an integer: "type" reports it
                    || (decimal.compareTo(BigDecimal.valueOf(min)) >= 0 && decimal.compareTo(BigDecimal.valueOf(max)) <= 0);
        }
    }
}
