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

    private static final JsonLimits LIMITS = new JsonLimits(3, 10);

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
        Json.validate(utf8("[1, {\"a\": \"b\"}]"), JsonLimits.DEFAULT);
        assertThatThrownBy(() -> Json.validate(utf8("[1] [2]"), JsonLimits.DEFAULT))
                .hasMessage("Unexpected content after the JSON value (line 1, column 5)");
        assertThatThrownBy(() -> Json.validate(utf8(" "), JsonLimits.DEFAULT))
                .hasMessage("The body is empty; a JSON value was expected (line 1, column 1)");
    }

    @Test
    void acceptsABodyAtEveryLimit() {
        // given
        String atLimits = "[[{\"k\": \"" + "x".repeat(10) + "\", \"n\": " + "9".repeat(JsonLimits.MAX_NUMBER_LENGTH)
                + ", \"d\": 1.7976931348623157e308}]]";

        // when
        Json.validate(utf8(atLimits), LIMITS);
        Object tree = Json.parse(atLimits, LIMITS);

        // then
        assertThat(tree).isInstanceOf(List.class);
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        String deep = "[[[[]]]]";

        assertThatThrownBy(() -> Json.validate(utf8(deep), LIMITS)).isInstanceOf(MalformedJsonException.class)
                .hasMessage("arrays and objects are nested deeper than the limit of 3 levels (line 1, column 5)");
        assertThatThrownBy(() -> Json.parse(deep, LIMITS))
                .hasMessage("arrays and objects are nested deeper than the limit of 3 levels (line 1, column 5)");
    }

    @Test
    void refusesAStringLongerThanTheLimitToTheCharacter() {
        String body = "{\"k\": \"" + "x".repeat(11) + "\"}";

        assertThatThrownBy(() -> Json.validate(utf8(body), LIMITS))
                .hasMessage("a string is longer than the limit of 10 characters (line 1, column 7)");
        assertThatThrownBy(() -> Json.parse(body, LIMITS))
                .hasMessage("a string is longer than the limit of 10 characters (line 1, column 7)");
    }

    @Test
    void refusesAHugeStringWithoutReadingItWhole() {
        String body = "[\"" + "x".repeat(100_000) + "\"]";

        assertThatThrownBy(() -> Json.validate(utf8(body), LIMITS))
                .hasMessageStartingWith("a string is longer than the limit of 10 characters (line 1, column ");
    }

    @Test
    void refusesANumberLongerThanTheLimit() {
        String body = "[" + "9".repeat(100_000) + "]";

        assertThatThrownBy(() -> Json.validate(utf8(body), LIMITS))
                .hasMessageStartingWith("a number is longer than the limit of 1000 characters (line 1, column ");
    }

    @Test
    void refusesANumberADoubleCannotHold() {
        assertThatThrownBy(() -> Json.validate(utf8("{\"n\": -1e999999}"), LIMITS))
                .hasMessage("the number '-1e999999' is out of range; numbers must lie within ±1.7976931348623157E308 "
                        + "(line 1, column 7)");
        assertThatThrownBy(() -> Json.parse("[1e309]", LIMITS))
                .hasMessage("the number '1e309' is out of range; numbers must lie within ±1.7976931348623157E308 "
                        + "(line 1, column 2)");
    }

    @Test
    void refusesAKeyTwiceInOneObjectNamingIt() {
        String body = "{\"a\": 1, \"b\": {\"a\": 2}, \"a\": 3}";

        assertThatThrownBy(() -> Json.validate(utf8(body), LIMITS))
                .hasMessage("the key 'a' appears twice in one object; send each key once (line 1, column 28)");
        assertThatThrownBy(() -> Json.parse(body, LIMITS))
                .hasMessage("the key 'a' appears twice in one object; send each key once (line 1, column 28)");
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] body = {'[', '"', (byte) 0xC3, '(', '"', ']'};

        assertThatThrownBy(() -> Json.validate(body, LIMITS)).isInstanceOf(MalformedJsonException.class)
                .hasMessageStartingWith("Invalid UTF-8 middle byte 0x28");
    }

    @Test
    void reportsThePositionWithoutJacksonsSourceNoise() {
        assertThatThrownBy(() -> Json.parse("[1,\n 2".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessage("Unexpected end-of-input: expected close marker for Array (start marker at [line: 1, "
                        + "column: 1]) (line 2, column 3)");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
