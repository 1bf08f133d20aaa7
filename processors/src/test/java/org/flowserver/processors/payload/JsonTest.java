package org.flowserver.processors.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dashjoin.jsonata.Jsonata;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void buildsTreesWithJsonNullDistinctFromNoValue() {
        Object tree = Json.parse("{\"a\": null, \"b\": [1, 2.5, true, \"x\"]}".getBytes(StandardCharsets.UTF_8));

        assertThat(tree).isEqualTo(Map.of("a", Jsonata.NULL_VALUE, "b", List.of(1, 2.5, true, "x")));
        assertThat(Json.writeString(tree)).isEqualTo("{\"a\":null,\"b\":[1,2.5,true,\"x\"]}");
    }

    @Test
    void keepsLargeIntegersExact() {
        assertThat(Json.parse("123456789012345678901234567890")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(Json.parse("9007199254740993")).isEqualTo(9007199254740993L);
    }

    @Test
    void writesNoValueAsNull() {
        assertThat(Json.writeString(null)).isEqualTo("null");
    }

    @Test
    void validatesExactlyOneValue() {
        Json.validate("[1, {\"a\": \"b\"}]".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Json.validate("[1] [2]".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("Unexpected content after the JSON value (line 1, column 5)");
        assertThatThrownBy(() -> Json.validate(" ".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("The body is empty; a JSON value was expected (line 1, column 1)");
    }

    @Test
    void reportsThePositionWithoutJacksonsSourceNoise() {
        assertThatThrownBy(() -> Json.parse("[1,\n 2".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessage("Unexpected end-of-input: expected close marker for Array (start marker at [line: 1, "
                        + "column: 1]) (line 2, column 3)");
    }
}
