package org.flowserver.processors.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dashjoin.jsonata.Jsonata;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    @Test
    void writesAnObjectAsJson() {
        // given
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", 42);
        order.put("items", List.of("a", "b"));
        order.put("note", Jsonata.NULL_VALUE);

        // when
        EncodedBody body = RequestBodies.encode(order, Optional.empty());

        // then
        assertThat(text(body)).isEqualTo("{\"id\":42,\"items\":[\"a\",\"b\"],\"note\":null}");
        assertThat(body.contentType()).isEqualTo("application/json");
    }

    @Test
    void keepsAJsonContentTypeTheCallSets() {
        // when
        EncodedBody body = RequestBodies.encode(List.of(1, 2), Optional.of("application/vnd.api+json"));

        // then
        assertThat(text(body)).isEqualTo("[1,2]");
        assertThat(body.contentType()).isEqualTo("application/vnd.api+json");
    }

    @Test
    void urlEncodesAnObjectWhenTheContentTypeIsAForm() {
        // given
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("grant type", "client_credentials");
        fields.put("scope", List.of("read", "write&more"));
        fields.put("limit", 10);
        fields.put("active", true);

        // when
        EncodedBody body = RequestBodies.encode(fields, Optional.of(FORM));

        // then
        assertThat(text(body))
                .isEqualTo("grant+type=client_credentials&scope=read&scope=write%26more&limit=10&active=true");
        assertThat(body.contentType()).isEqualTo(FORM);
    }

    @Test
    void refusesANestedObjectInAForm() {
        // given
        Map<String, Object> fields = Map.of("customer", Map.of("id", 1));

        // when / then
        assertThatThrownBy(() -> RequestBodies.encode(fields, Optional.of(FORM)))
                .isInstanceOf(RequestBodyException.class)
                .hasMessage("field 'customer' of the form body is an object; a form field must be a text, number or "
                        + "boolean, or an array of them (nested objects cannot be URL-encoded)");
    }

    @Test
    void refusesAnArrayAsAForm() {
        // when / then
        assertThatThrownBy(() -> RequestBodies.encode(List.of("a"), Optional.of(FORM)))
                .isInstanceOf(RequestBodyException.class)
                .hasMessage("the body is an array and the Content-Type is application/x-www-form-urlencoded; a form "
                        + "body must be an object of texts, numbers and booleans (an array of them repeats the field)");
    }

    @Test
    void sendsTextAsUtf8ByDefault() {
        // when
        EncodedBody body = RequestBodies.encode("grüße", Optional.empty());

        // then
        assertThat(body.bytes()).isEqualTo("grüße".getBytes(StandardCharsets.UTF_8));
        assertThat(body.contentType()).isEqualTo("text/plain; charset=utf-8");
    }

    @Test
    void sendsTextInTheCharsetOfTheContentType() {
        // given
        String contentType = "text/plain; charset=ISO-8859-1";

        // when
        EncodedBody body = RequestBodies.encode("grüße", Optional.of(contentType));

        // then
        assertThat(body.bytes()).containsExactly('g', 'r', 0xFC, 0xDF, 'e');
        assertThat(new String(body.bytes(), StandardCharsets.ISO_8859_1)).isEqualTo("grüße");
        assertThat(body.contentType()).isEqualTo(contentType);
    }

    @Test
    void refusesTextItsCharsetCannotHold() {
        // when / then
        assertThatThrownBy(() -> RequestBodies.encode("5 €", Optional.of("text/plain; charset=ISO-8859-1")))
                .isInstanceOf(RequestBodyException.class)
                .hasMessage("the body has characters ISO-8859-1 cannot encode; send it as charset=utf-8 or leave "
                        + "those characters out");
    }

    @Test
    void refusesACharsetTheServerDoesNotKnow() {
        // when / then
        assertThatThrownBy(() -> RequestBodies.encode("x", Optional.of("text/plain; charset=klingon")))
                .isInstanceOf(RequestBodyException.class)
                .hasMessage("the Content-Type 'text/plain; charset=klingon' names the charset 'klingon', which this "
                        + "server does not know; use utf-8 or another standard charset");
    }

    @Test
    void sendsTextAsItIsWhateverTheContentType() {
        // when
        EncodedBody body = RequestBodies.encode("a=1&b=2", Optional.of(FORM));

        // then
        assertThat(text(body)).isEqualTo("a=1&b=2");
        assertThat(body.contentType()).isEqualTo(FORM);
    }

    @Test
    void sendsBinaryAsItIs() {
        // given
        byte[] bytes = {0, (byte) 0xFF, 0x10};

        // when
        EncodedBody body = RequestBodies.encode(bytes, Optional.empty());

        // then
        assertThat(body.bytes()).containsExactly(0, 0xFF, 0x10);
        assertThat(body.contentType()).isEqualTo("application/octet-stream");
    }

    @Test
    void writesNumbersAndBooleansAsJson() {
        // when
        EncodedBody number = RequestBodies.encode(43.0, Optional.empty());
        EncodedBody fraction = RequestBodies.encode(1.5, Optional.empty());
        EncodedBody bool = RequestBodies.encode(false, Optional.empty());

        // then
        assertThat(text(number)).isEqualTo("43");
        assertThat(text(fraction)).isEqualTo("1.5");
        assertThat(text(bool)).isEqualTo("false");
        assertThat(number.contentType()).isEqualTo("application/json");
    }

    @Test
    void writesJsonNullAsNull() {
        // when
        EncodedBody body = RequestBodies.encode(Jsonata.NULL_VALUE, Optional.empty());

        // then
        assertThat(text(body)).isEqualTo("null");
    }

    @Test
    void writesJsonTextUnderAnotherContentTypeTheCallSets() {
        // when
        EncodedBody body = RequestBodies.encode(Map.of("a", 1), Optional.of("text/plain"));

        // then
        assertThat(text(body)).isEqualTo("{\"a\":1}");
        assertThat(body.contentType()).isEqualTo("text/plain");
    }

    @Test
    void refusesNoValue() {
        // when / then
        assertThatThrownBy(() -> RequestBodies.encode(null, Optional.empty()))
                .isInstanceOf(RequestBodyException.class)
                .hasMessage("the body expression gave no value; give it one (\"body\": \"payload\" sends the payload) "
                        + "or leave body out to send none");
    }

    private static String text(EncodedBody body) {
        return new String(body.bytes(), StandardCharsets.UTF_8);
    }
}
