package org.flowserver.processors.http;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;

/**
 * A parsed {@code Content-Type} value: {@code type/subtype} in lower case and its {@code charset} parameter.
 *
 * @param type     for example {@code application}
 * @param subtype  for example {@code json} or {@code vnd.api+json}
 * @param charset  the {@code charset} parameter as written, if any
 */
public record MediaType(String type, String subtype, Optional<String> charset) {

    public static final MediaType APPLICATION_JSON = new MediaType("application", "json", Optional.empty());

    /** Parses a header value leniently: a value without a slash is a type without subtype. */
    public static MediaType parse(String value) {
        String[] parts = value.split(";", -1);
        String essence = parts[0].trim().toLowerCase(Locale.ROOT);
        int slash = essence.indexOf('/');
        String type = slash < 0 ? essence : essence.substring(0, slash).trim();
        String subtype = slash < 0 ? "" : essence.substring(slash + 1).trim();
        Optional<String> charset = Optional.empty();
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).trim().equalsIgnoreCase("charset")) {
                String name = parameter.substring(equals + 1).trim();
                if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                    name = name.substring(1, name.length() - 1);
                }
                charset = Optional.of(name);
            }
        }
        return new MediaType(type, subtype, charset);
    }

    /** {@code application/json}, {@code text/json} and every {@code +json} type. */
    public boolean isJson() {
        return subtype.equals("json") || subtype.endsWith("+json");
    }

    /** {@code application/x-www-form-urlencoded}. */
    public boolean isForm() {
        return type.equals("application") && subtype.equals("x-www-form-urlencoded");
    }

    /** Text that is not JSON: {@code text/*}, {@code application/xml}, {@code application/javascript}, {@code +xml}. */
    public boolean isText() {
        return type.equals("text")
                || (type.equals("application") && (subtype.equals("xml") || subtype.equals("javascript")))
                || subtype.endsWith("+xml");
    }

    /** Whether a body of this type is characters rather than bytes. */
    public boolean isCharacterData() {
        return isJson() || isText() || isForm();
    }

    /**
     * The charset parameter resolved, or {@code fallback} when there is none.
     *
     * @throws UnsupportedCharsetException if the parameter names a charset this JVM does not have
     */
    public Charset charsetOr(Charset fallback) {
        if (charset.isEmpty()) {
            return fallback;
        }
        try {
            return Charset.forName(charset.get());
        } catch (IllegalCharsetNameException e) {
            throw new UnsupportedCharsetException(charset.get());
        }
    }
}
