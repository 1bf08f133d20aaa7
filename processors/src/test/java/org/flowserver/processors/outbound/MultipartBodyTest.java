package org.flowserver.processors.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flowserver.dsl.PartHeader;
import org.flowserver.processors.outbound.MultipartBody.Kind;
import org.flowserver.processors.outbound.MultipartBody.Part;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MultipartBodyTest {

    /** The seeds' "...content of the report.txt file...": a 608-byte UTF-8 text file. */
    private static String report;

    @BeforeAll
    static void readReport() throws IOException {
        try (InputStream in = MultipartBodyTest.class.getResourceAsStream("/outbound/report.txt")) {
            byte[] bytes = in.readAllBytes();
            assertThat(bytes).hasSize(608);
            report = new String(bytes, StandardCharsets.UTF_8);
        }
    }

    @Test
    void writesTheFullSeedExampleByteForByte() {
        // given: Cloudomation's full example, design record §2; its filename=\"report.txt\" is the page's
        // escaping of the configured form-data; filename="report.txt", sent as written
        List<Part> parts = List.of(
                MultipartBody.part("string-field", "<pre>spam & eggs</pre>", Optional.empty(),
                        new PartHeader.Custom("text/html"), PartHeader.OMITTED, PartHeader.OMITTED),
                MultipartBody.part("file", report, Optional.of("report.txt"), PartHeader.DEFAULT,
                        new PartHeader.Custom("form-data; filename=\"report.txt\""), PartHeader.DEFAULT));

        // when
        EncodedBody body = MultipartBody.encode(Optional.of("application/my-custom-content-type"),
                "my-custom-boundary", parts);

        // then
        byte[] expected = seed("""
                --my-custom-boundary
                Content-Type: text/html

                <pre>spam & eggs</pre>
                --my-custom-boundary
                Content-Type: text/plain; charset=utf-8
                Content-Disposition: form-data; filename="report.txt"
                Content-Length: 608

                ...content of the report.txt file...
                --my-custom-boundary--
                """);
        assertThat(body.bytes()).hasSize(848);
        assertThat(new String(body.bytes(), StandardCharsets.UTF_8))
                .isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(body.bytes()).isEqualTo(expected);
        assertThat(body.contentType()).isEqualTo("application/my-custom-content-type; boundary=my-custom-boundary");
    }

    @Test
    void writesTheBasicSeedExampleByteForByte() {
        // given: Cloudomation's basic example, design record §2, with its boundary passed in. The seed says
        // Content-Length: '991', but no framing of the lines it shows gives 991: with CR LF line ends (the closing
        // delimiter's included) they are 981 bytes, and 991 would need a 618-byte file where the part says 608.
        // So the shown bytes are asserted, with the length they have.
        List<Part> parts = List.of(
                MultipartBody.part("string-field", "spam & eggs", Optional.empty(), PartHeader.DEFAULT,
                        PartHeader.DEFAULT, PartHeader.DEFAULT),
                MultipartBody.part("file", report, Optional.of("report.txt"), PartHeader.DEFAULT, PartHeader.DEFAULT,
                        PartHeader.DEFAULT));

        // when
        EncodedBody body = MultipartBody.encode(Optional.empty(), "aec30e9afc384303b6cb67e44aaa0f9c", parts);

        // then
        byte[] expected = seed("""
                --aec30e9afc384303b6cb67e44aaa0f9c
                Content-Type: text/plain; charset=utf-8
                Content-Disposition: form-data; name="string-field"
                Content-Length: 11

                spam & eggs
                --aec30e9afc384303b6cb67e44aaa0f9c
                Content-Type: text/plain; charset=utf-8
                Content-Disposition: form-data; name="file"; filename="report.txt"
                Content-Length: 608

                ...content of the report.txt file...
                --aec30e9afc384303b6cb67e44aaa0f9c--
                """);
        assertThat(body.bytes()).hasSize(981);
        assertThat(new String(body.bytes(), StandardCharsets.UTF_8))
                .isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(body.bytes()).isEqualTo(expected);
        assertThat(body.contentType()).isEqualTo("multipart/mixed; boundary=aec30e9afc384303b6cb67e44aaa0f9c");
    }

    @Test
    void givesBinaryAndJsonPartsTheirDefaultContentTypes() {
        // given
        List<Part> parts = List.of(
                MultipartBody.part("image", new byte[] {1, 2}, Optional.of("a.png"), PartHeader.DEFAULT,
                        PartHeader.DEFAULT, PartHeader.OMITTED),
                MultipartBody.part("meta", Map.of("id", 7), Optional.empty(), PartHeader.DEFAULT, PartHeader.DEFAULT,
                        PartHeader.DEFAULT));

        // when
        EncodedBody body = MultipartBody.encode(Optional.of("multipart/form-data"), "b", parts);

        // then
        assertThat(new String(body.bytes(), StandardCharsets.ISO_8859_1)).isEqualTo("--b\r\n"
                + "Content-Type: application/octet-stream\r\n"
                + "Content-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n"
                + "\r\n"
                + "\u0001\u0002\r\n"
                + "--b\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Disposition: form-data; name=\"meta\"\r\n"
                + "Content-Length: 8\r\n"
                + "\r\n"
                + "{\"id\":7}\r\n"
                + "--b--\r\n");
        assertThat(body.contentType()).isEqualTo("multipart/form-data; boundary=b");
        assertThat(parts.get(0).kind()).isEqualTo(Kind.BINARY);
        assertThat(parts.get(1).kind()).isEqualTo(Kind.JSON);
    }

    @Test
    void escapesQuotesAndLineBreaksInNamesAndFilenames() {
        // given
        Part part = MultipartBody.part("a\"b", "x", Optional.of("evil\r\nX-Injected: 1\".txt"), PartHeader.OMITTED,
                PartHeader.DEFAULT, PartHeader.OMITTED);

        // when
        EncodedBody body = MultipartBody.encode(Optional.empty(), "b", List.of(part));

        // then
        assertThat(new String(body.bytes(), StandardCharsets.UTF_8)).isEqualTo("--b\r\n"
                + "Content-Disposition: form-data; name=\"a%22b\"; filename=\"evil%0D%0AX-Injected: 1%22.txt\"\r\n"
                + "\r\n"
                + "x\r\n"
                + "--b--\r\n");
    }

    @Test
    void quotesABoundaryThatIsNotAToken() {
        // when
        EncodedBody body = MultipartBody.encode(Optional.empty(), "a:b=c", List.of(textPart("x")));

        // then
        assertThat(body.contentType()).isEqualTo("multipart/mixed; boundary=\"a:b=c\"");
    }

    @Test
    void refusesAPartThatHoldsTheBoundary() {
        // given
        Part part = textPart("before\r\n--my-custom-boundary\r\nafter");

        // when / then
        assertThatThrownBy(() -> MultipartBody.encode(Optional.empty(), "my-custom-boundary", List.of(part)))
                .isInstanceOf(RequestBodyException.class)
                .hasMessage("part 'note' holds the boundary 'my-custom-boundary'; choose another boundary, or leave "
                        + "it out for a random one");
    }

    @Test
    void refusesABoundaryRfc2046DoesNotAllow() {
        // when / then
        assertThatThrownBy(() -> MultipartBody.encode(Optional.empty(), "a;b", List.of(textPart("x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("boundary 'a;b' holds ';'; RFC 2046 allows letters, digits, space and '()+_,-./:=?");
    }

    @Test
    void refusesAPartContentWithoutValue() {
        // when / then
        assertThatThrownBy(() -> MultipartBody.part("file", null, Optional.of("a.txt"), PartHeader.DEFAULT,
                PartHeader.DEFAULT, PartHeader.DEFAULT))
                .isInstanceOf(RequestBodyException.class)
                .hasMessage("the content expression of part 'file' gave no value; it must give text, binary or JSON");
    }

    @Test
    void makesARandomBoundaryOf32LowercaseHexDigits() {
        // when
        String first = MultipartBody.randomBoundary();
        String second = MultipartBody.randomBoundary();

        // then
        assertThat(first).matches("[0-9a-f]{32}");
        assertThat(second).matches("[0-9a-f]{32}").isNotEqualTo(first);
    }

    private static Part textPart(String text) {
        return MultipartBody.part("note", text, Optional.empty(), PartHeader.DEFAULT, PartHeader.DEFAULT,
                PartHeader.DEFAULT);
    }

    /** A seed's shown lines with CR LF line ends, the placeholder line replaced by the fixture's bytes. */
    private static byte[] seed(String shown) {
        String placeholder = "...content of the report.txt file...";
        String crlf = shown.replace("\n", "\r\n");
        int at = crlf.indexOf(placeholder);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(crlf.substring(0, at).getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(report.getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(crlf.substring(at + placeholder.length()).getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }
}
