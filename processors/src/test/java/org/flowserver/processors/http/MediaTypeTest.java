package org.flowserver.processors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MediaTypeTest {

    @Test
    void parsesTypeSubtypeAndCharsetCaseInsensitively() {
        assertThat(MediaType.parse("Application/JSON; Charset=\"utf-16\"; q=1"))
                .isEqualTo(new MediaType("application", "json", Optional.of("utf-16")));
    }

    @Test
    void classifiesTheGenericModelsTypes() {
        assertThat(MediaType.parse("application/vnd.api+json").isJson()).isTrue();
        assertThat(MediaType.parse("text/json").isJson()).isTrue();
        assertThat(MediaType.parse("application/x-www-form-urlencoded").isForm()).isTrue();
        assertThat(MediaType.parse("text/csv").isText()).isTrue();
        assertThat(MediaType.parse("application/xml").isText()).isTrue();
        assertThat(MediaType.parse("application/javascript").isText()).isTrue();
        assertThat(MediaType.parse("image/svg+xml").isText()).isTrue();
        assertThat(MediaType.parse("application/octet-stream").isCharacterData()).isFalse();
        assertThat(MediaType.parse("application/xhtml").isText()).isFalse();
    }

    @Test
    void resolvesTheCharsetOrTheFallback() {
        assertThat(MediaType.parse("text/plain").charsetOr(StandardCharsets.UTF_8)).isEqualTo(StandardCharsets.UTF_8);
        assertThat(MediaType.parse("text/plain;charset=latin1").charsetOr(StandardCharsets.UTF_8))
                .isEqualTo(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> MediaType.parse("text/plain;charset=no-such").charsetOr(StandardCharsets.UTF_8))
                .isInstanceOf(UnsupportedCharsetException.class);
        assertThatThrownBy(() -> MediaType.parse("text/plain;charset=bad name").charsetOr(StandardCharsets.UTF_8))
                .isInstanceOf(UnsupportedCharsetException.class);
    }
}
