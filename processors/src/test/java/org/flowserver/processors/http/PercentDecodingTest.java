package org.flowserver.processors.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentDecodingTest {

    @Test
    void decodesEscapesInTheCharset() {
        assertThat(PercentDecoding.decode("caf%C3%A9%20au%20lait", UTF_8, false)).isEqualTo("café au lait");
        assertThat(PercentDecoding.decode("caf%E9", ISO_8859_1, false)).isEqualTo("café");
    }

    @Test
    void plusIsASpaceOnlyInForms() {
        assertThat(PercentDecoding.decode("a+b", UTF_8, true)).isEqualTo("a b");
        assertThat(PercentDecoding.decode("a+b", UTF_8, false)).isEqualTo("a+b");
    }

    @Test
    void refusesBadEscapesAndInvalidBytes() {
        assertThatThrownBy(() -> PercentDecoding.decode("x%2", UTF_8, false))
                .hasMessage("'%2' is not a valid percent-escape (%XX, X a hex digit)");
        assertThatThrownBy(() -> PercentDecoding.decode("%zzy", UTF_8, false))
                .hasMessage("'%zz' is not a valid percent-escape (%XX, X a hex digit)");
        assertThatThrownBy(() -> PercentDecoding.decode("%C3", UTF_8, false))
                .hasMessage("the percent-escapes do not encode valid UTF-8 text");
    }
}
