package org.flowserver.processors.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.flowserver.processors.outbound.ResponseDecoder.BodyKind;
import org.flowserver.processors.outbound.ResponseDecoder.Decoded;
import org.flowserver.processors.payload.JsonLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseDecoderTest {

    private static final URI URL = URI.create("https://crm.example.com/api/customers/42?token=secret");

    @Test
    void decodesJson() {
        // given
        OutboundResponse response = response(200, "application/json", "{\"id\":42,\"tags\":[\"a\"],\"x\":null}");

        // when
        Decoded decoded = decode(response);

        // then
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("id", 42);
        expected.put("tags", List.of("a"));
        expected.put("x", com.dashjoin.jsonata.Jsonata.NULL_VALUE);
        assertThat(decoded).isEqualTo(new Decoded(expected, Optional.of("UTF-8"), BodyKind.JSON));
    }

    @Test
    void decodesAPlusJsonType() {
        // given
        OutboundResponse response = response(404, "application/problem+json; charset=utf-8", "{\"status\":404}");

        // when
        Decoded decoded = decode(response);

        // then
        assertThat(decoded).isEqualTo(new Decoded(Map.of("status", 404), Optional.of("UTF-8"), BodyKind.JSON));
    }

    @Test
    void decodesAFormIntoAnObjectWithArraysForRepeats() {
        // given
        OutboundResponse response = response(200, "application/x-www-form-urlencoded",
                "access_token=abc&scope=read&scope=write&note=a+b%26c");

        // when
        Decoded decoded = decode(response);

        // then
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("access_token", "abc");
        expected.put("scope", List.of("read", "write"));
        expected.put("note", "a b&c");
        assertThat(decoded).isEqualTo(new Decoded(expected, Optional.of("UTF-8"), BodyKind.FORM));
    }

    @Test
    void decodesTextInItsCharset() {
        // given
        OutboundResponse response = new OutboundResponse(200,
                List.of(new HttpField("Content-Type", "text/plain; charset=ISO-8859-1")),
                "grüße".getBytes(StandardCharsets.ISO_8859_1), URL, 1, false);

        // when
        Decoded decoded = decode(response);

        // then
        assertThat(decoded).isEqualTo(new Decoded("grüße", Optional.of("ISO-8859-1"), BodyKind.TEXT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/html", "application/xml", "application/atom+xml", "application/javascript",
            "text/csv; charset=\"utf-8\"", "application/yaml"})
    void decodesTextTypesAsUtf8TextByDefault(String contentType) {
        // given
        OutboundResponse response = response(200, contentType, "<p>grüße</p>");

        // when
        Decoded decoded = decode(response);

        // then
        assertThat(decoded).isEqualTo(new Decoded("<p>grüße</p>", Optional.of("UTF-8"), BodyKind.TEXT));
    }

    @Test
    void readsTextOfAnUnknownCharsetAsUtf8() {
        // given
        OutboundResponse response = response(200, "text/plain; charset=klingon", "grüße");

        // when
        Decoded decoded = decode(response);

        // then
        assertThat(decoded).isEqualTo(new Decoded("grüße", Optional.of("UTF-8"), BodyKind.TEXT));
    }

    @Test
    void keepsOtherTypesAsBinary() {
        // given
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        OutboundResponse response = new OutboundResponse(200, List.of(new HttpField("content-type", "image/png")),
                png, URL, 1, false);

        // when
        Decoded decoded = decode(response);

        // then
        assertThat(decoded.kind()).isEqualTo(BodyKind.BINARY);
        assertThat((byte[]) decoded.payload()).isEqualTo(png);
        assertThat(decoded.encoding()).isEmpty();
    }

    @Test
    void sniffsJsonWithoutAContentType() {
        // given
        OutboundResponse response = response(200, null, "[1, 2]");

        // when
        Decoded decoded = decode(response);

        // then
        assertThat(decoded).isEqualTo(new Decoded(List.of(1, 2), Optional.of("UTF-8"), BodyKind.JSON));
    }

    @Test
    void sniffsTextWithoutAContentType() {
        // given
        OutboundResponse response = response(200, null, "OK, done");

        // when
        Decoded decoded = decode(response);

        // then
        assertThat(decoded).isEqualTo(new Decoded("OK, done", Optional.of("UTF-8"), BodyKind.TEXT));
    }

    @Test
    void sniffsBinaryWithoutAContentType() {
        // given
        byte[] bytes = {(byte) 0xFF, (byte) 0xFE, 0};
        OutboundResponse response = new OutboundResponse(200, List.of(), bytes, URL, 1, false);

        // when
        Decoded decoded = decode(response);

        // then
        assertThat(decoded.kind()).isEqualTo(BodyKind.BINARY);
        assertThat((byte[]) decoded.payload()).isEqualTo(bytes);
    }

    @Test
    void sniffsJsonBeyondTheLimitsAsText() {
        // given
        OutboundResponse response = response(200, null, "[[[1]]]");

        // when
        Decoded decoded = ResponseDecoder.decode("GET", response, new JsonLimits(2, 100));

        // then
        assertThat(decoded).isEqualTo(new Decoded("[[[1]]]", Optional.of("UTF-8"), BodyKind.TEXT));
    }

    @ParameterizedTest
    @ValueSource(ints = {204, 304})
    void givesNoPayloadFor204And304(int status) {
        // given
        OutboundResponse response = response(status, "application/json", "");

        // when
        Decoded decoded = decode(response);

        // then
        assertThat(decoded).isEqualTo(new Decoded(null, Optional.empty(), BodyKind.NONE));
    }

    @Test
    void givesNoPayloadForAnEmptyBody() {
        // given
        OutboundResponse response = response(200, "application/json", "");

        // when
        Decoded decoded = decode(response);

        // then
        assertThat(decoded).isEqualTo(new Decoded(null, Optional.empty(), BodyKind.NONE));
    }

    @Test
    void refusesInvalidJsonAsInvalidJson() {
        // given
        OutboundResponse response = new OutboundResponse(200, List.of(new HttpField("Content-Type",
                "application/json")), "{\"id\": tru}".getBytes(StandardCharsets.UTF_8), URL, 2, false);

        // when
        RestCallException error = catchThrowableOfType(RestCallException.class,
                () -> ResponseDecoder.decode("GET", response, JsonLimits.DEFAULT));

        // then
        assertThat(error).hasMessage("GET https://crm.example.com/api/customers/42 answered 200 (invalid-json) after "
                + "2 attempts: Unrecognized token 'tru': was expecting (JSON String, Number, Array, Object or token "
                + "'null', 'true' or 'false') (line 1, column 11)");
        assertThat(error.kind()).isEqualTo(RestErrorKind.INVALID_JSON);
        assertThat(error.statusCode()).isEqualTo(OptionalInt.of(200));
        assertThat(error.body()).isEqualTo("{\"id\": tru}");
        assertThat(error.attempts()).isEqualTo(2);
        assertThat(error.isTransient()).isFalse();
        assertThat(error.type()).isEqualTo("rest-invalid-json");
    }

    @Test
    void refusesJsonBeyondTheDepthLimitAsInvalidJson() {
        // given
        OutboundResponse response = response(200, "application/json", "[[[1]]]");

        // when
        RestCallException error = catchThrowableOfType(RestCallException.class,
                () -> ResponseDecoder.decode("POST", response, new JsonLimits(2, 100)));

        // then
        assertThat(error).hasMessage("POST https://crm.example.com/api/customers/42 answered 200 (invalid-json) after "
                + "1 attempt: arrays and objects are nested deeper than the limit of 2 levels (line 1, column 4)");
        assertThat(error.kind()).isEqualTo(RestErrorKind.INVALID_JSON);
    }

    @Test
    void refusesJsonThatIsNotUtf8AsInvalidJson() {
        // given
        OutboundResponse response = new OutboundResponse(200, List.of(new HttpField("Content-Type",
                "application/json")), new byte[] {'"', (byte) 0xFF, '"'}, URL, 0, true);

        // when
        RestCallException error = catchThrowableOfType(RestCallException.class,
                () -> ResponseDecoder.decode("GET", response, JsonLimits.DEFAULT));

        // then
        assertThat(error).hasMessage("GET https://crm.example.com/api/customers/42 answered 200 (invalid-json) from the "
                + "cache: the body is not valid UTF-8 text");
    }

    @Test
    void keepsTheFirstKibibyteOfAnInvalidBody() {
        // given
        String body = "x".repeat(5000);
        OutboundResponse response = response(200, "application/json", body);

        // when
        RestCallException error = catchThrowableOfType(RestCallException.class, () -> decode(response));

        // then
        assertThat(error.body()).isEqualTo("x".repeat(1024));
    }

    @Test
    void buildsTheEnvelopeWithRepeatedHeadersAndCookies() {
        // given
        OutboundResponse response = new OutboundResponse(201, List.of(
                new HttpField("Content-Type", "application/json"),
                new HttpField("Set-Cookie", "session=abc123; Path=/; HttpOnly"),
                new HttpField("X-Trace", "t1"),
                new HttpField("set-cookie", "region=eu"),
                new HttpField("x-trace", "t2")),
                "{\"id\":1}".getBytes(StandardCharsets.UTF_8), URL, 1, false);
        Decoded decoded = decode(response);

        // when
        Map<String, Object> envelope = ResponseDecoder.envelope(response, decoded, true);

        // then
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Set-Cookie", List.of("session=abc123; Path=/; HttpOnly", "region=eu"));
        headers.put("X-Trace", List.of("t1", "t2"));
        Map<String, Object> cookies = new LinkedHashMap<>();
        cookies.put("session", "abc123");
        cookies.put("region", "eu");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("ok", true);
        expected.put("statusCode", 201);
        expected.put("headers", headers);
        expected.put("json", Map.of("id", 1));
        expected.put("cookies", cookies);
        expected.put("encoding", "UTF-8");
        assertThat(envelope).isEqualTo(expected);
        assertThat(new ArrayList<>(envelope.keySet()))
                .containsExactly("ok", "statusCode", "headers", "json", "cookies", "encoding");
        assertThat(envelope).isInstanceOf(LinkedHashMap.class);
    }

    @Test
    void putsTextAndBinaryBodiesUnderTextAndBytes() {
        // given
        OutboundResponse text = response(500, "text/plain", "boom");
        OutboundResponse binary = new OutboundResponse(200, List.of(new HttpField("Content-Type", "image/png")),
                new byte[] {1, 2, 3}, URL, 1, false);

        // when
        Map<String, Object> textEnvelope = ResponseDecoder.envelope(text, decode(text), false);
        Map<String, Object> binaryEnvelope = ResponseDecoder.envelope(binary, decode(binary), true);

        // then
        assertThat(textEnvelope).containsEntry("ok", false).containsEntry("text", "boom")
                .containsEntry("encoding", "UTF-8").doesNotContainKeys("json", "bytes");
        assertThat(binaryEnvelope).containsEntry("bytes", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}))
                .doesNotContainKeys("json", "text", "encoding");
    }

    @Test
    void leavesTheBodyOutOfTheEnvelopeWithoutOne() {
        // given
        OutboundResponse response = response(204, null, "");

        // when
        Map<String, Object> envelope = ResponseDecoder.envelope(response, decode(response), true);

        // then
        assertThat(new ArrayList<>(envelope.keySet())).containsExactly("ok", "statusCode", "headers", "cookies");
    }

    @Test
    void readsCookiesFromSetCookieIgnoringAttributesAndBrokenOnes() {
        // given
        OutboundResponse response = new OutboundResponse(200, List.of(
                new HttpField("Set-Cookie", "a=1; Secure"),
                new HttpField("Set-Cookie", "broken"),
                new HttpField("Set-Cookie", "=nameless"),
                new HttpField("Set-Cookie", " b = x=y ; Max-Age=3"),
                new HttpField("Set-Cookie", "a=2")), new byte[0], URL, 1, false);

        // when
        Map<String, String> cookies = ResponseDecoder.cookies(response);

        // then
        assertThat(cookies).containsExactly(Map.entry("a", "2"), Map.entry("b", "x=y"));
    }

    private static Decoded decode(OutboundResponse response) {
        return ResponseDecoder.decode("GET", response, JsonLimits.DEFAULT);
    }

    private static OutboundResponse response(int status, String contentType, String body) {
        List<HttpField> headers = contentType == null ? List.of() : List.of(new HttpField("Content-Type", contentType));
        return new OutboundResponse(status, headers, body.getBytes(StandardCharsets.UTF_8), URL, 1, false);
    }
}
