package org.flowserver.processors.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;

/** Strict percent-decoding of URL parts and form fields: a bad escape or an invalid byte sequence is an error. */
public final class PercentDecoding {

    private PercentDecoding() {
    }

    /**
     * Decodes {@code %XX} escapes; with {@code plusIsSpace}, also {@code +} (form encoding).
     *
     * @throws IllegalArgumentException naming the bad escape or charset, if the text cannot be decoded
     */
    public static String decode(String text, Charset charset, boolean plusIsSpace) {
        if (text.indexOf('%') < 0 && !(plusIsSpace && text.indexOf('+') >= 0)) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length() || hex(text.charAt(i + 1)) < 0 || hex(text.charAt(i + 2)) < 0) {
                    String escape = text.substring(i, Math.min(i + 3, text.length()));
                    throw new IllegalArgumentException("'" + escape + "' is not a valid percent-escape (%XX, X a hex digit)");
                }
                bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 2;
                continue;
            }
            flush(bytes, out, charset);
            out.append(plusIsSpace && c == '+' ? ' ' : c);
        }
        flush(bytes, out, charset);
        return out.toString();
    }

    private static void flush(ByteArrayOutputStream bytes, StringBuilder out, Charset charset) {
        if (bytes.size() == 0) {
            return;
        }
        try {
            out.append(charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the percent-escapes do not encode valid " + charset.name() + " text");
        }
        bytes.reset();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
