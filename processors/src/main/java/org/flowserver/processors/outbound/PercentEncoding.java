package org.flowserver.processors.outbound;

import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding for the URLs of outbound calls (RFC 3986): each value is encoded exactly once, where it is
 * put into the URL.
 */
final class PercentEncoding {

    private static final String UNRESERVED = "-._~";
    private static final String SUB_DELIMS = "!$&'()*+,;=";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    /**
     * A value as one path segment: everything but unreserved characters, sub-delims, {@code :} and {@code @} is
     * percent-encoded as UTF-8, {@code /} and {@code %} included.
     */
    static String pathSegment(String value) {
        return encode(value, PercentEncoding::isSegmentChar, false);
    }

    /**
     * Path text as written in a template: kept, except characters a path cannot hold (a space, non-ASCII), which
     * are percent-encoded; {@code /} separates segments and a valid {@code %XX} escape stays as it is.
     */
    static String pathText(String text) {
        return encode(text, c -> isSegmentChar(c) || c == '/', true);
    }

    /** Query text as written in a template: as {@link #pathText}, {@code ?} kept too. */
    static String queryText(String text) {
        return encode(text, c -> isSegmentChar(c) || c == '/' || c == '?', true);
    }

    /** A name or value of a query parameter, by the {@code application/x-www-form-urlencoded} rules. */
    static String formComponent(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** As {@link #formComponent(String)}, in {@code charset}. */
    static String formComponent(String value, Charset charset) {
        return URLEncoder.encode(value, charset);
    }

    /**
     * Whether {@code segment} (of an encoded path) is {@code .} or {@code ..}, written plainly or as
     * {@code %2E}: servers resolve both, and climb the path.
     */
    static boolean isDotSegment(String segment) {
        String plain = segment.replace("%2E", ".").replace("%2e", ".");
        return plain.equals(".") || plain.equals("..");
    }

    private static boolean isSegmentChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || UNRESERVED.indexOf(c) >= 0 || SUB_DELIMS.indexOf(c) >= 0 || c == ':' || c == '@';
    }

    private interface Allowed {
        boolean test(char c);
    }

    private static String encode(String text, Allowed allowed, boolean keepEscapes) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (allowed.test(c) || (keepEscapes && isEscape(text, i))) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
            for (byte b : text.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
            i = end - 1;
        }
        return out == null ? text : out.toString();
    }

    private static boolean isEscape(String text, int i) {
        return text.charAt(i) == '%' && i + 2 < text.length()
                && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2));
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
