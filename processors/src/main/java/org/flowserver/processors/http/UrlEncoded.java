package org.flowserver.processors.http;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict {@code application/x-www-form-urlencoded} decoding, for query strings and form bodies alike: fields
 * are separated by {@code &} only, {@code +} is a space, a bad {@code %} escape or bytes that are not valid in
 * the charset are errors, and every field is kept (no count limit beyond the size of the input).
 */
public final class UrlEncoded {

    private UrlEncoded() {
    }

    /**
     * The fields by name, in order of first appearance, each with its values in arrival order. A field
     * without {@code =} has the value {@code ""}.
     *
     * @throws IllegalArgumentException naming the field that cannot be decoded and why, as
     *         {@code field '...' cannot be decoded: ...} for the caller to prefix with what was decoded
     */
    public static Map<String, List<String>> decode(String text, Charset charset) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('&', start);
            if (end < 0) {
                end = text.length();
            }
            if (end > start) {
                String field = text.substring(start, end);
                int equals = field.indexOf('=');
                String name = equals < 0 ? field : field.substring(0, equals);
                String value = equals < 0 ? "" : field.substring(equals + 1);
                try {
                    fields.computeIfAbsent(PercentDecoding.decode(name, charset, true), key -> new ArrayList<>(1))
                            .add(PercentDecoding.decode(value, charset, true));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("field '" + field + "' cannot be decoded: " + e.getMessage(), e);
                }
            }
            start = end + 1;
        }
        return fields;
    }
}
