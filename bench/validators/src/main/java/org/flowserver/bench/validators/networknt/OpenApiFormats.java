package org.flowserver.bench.validators.networknt;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Format;
import com.networknt.schema.ValidationContext;
import java.util.List;

/**
 * OpenAPI's numeric formats, which JSON Schema does not define: networknt treats them as unknown formats and
 * ignores them, so an int32 field would accept 3000000000. Registered on the dialect with
 * {@code JsonMetaSchema.builder(dialect).format(...)}.
 */
final class OpenApiFormats {

    static final List<Format> ALL = List.of(new IntegerRange("int32", "a 32-bit integer", Integer.MIN_VALUE, Integer.MAX_VALUE),
            new IntegerRange("int64", "a 64-bit integer", Long.MIN_VALUE, Long.MAX_VALUE));

    private OpenApiFormats() {
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
                return true; // "type" reports a non-number
            }
            if (value.isIntegralNumber()) {
                return value.canConvertToLong() && value.longValue() >= min && value.longValue() <= max;
            }
            return !value.canConvertToExactIntegral()
                    || (value.decimalValue().compareTo(java.math.BigDecimal.valueOf(min)) >= 0
                    && value.decimalValue().compareTo(java.math.BigDecimal.valueOf(max)) <= 0);
        }
    }
}
