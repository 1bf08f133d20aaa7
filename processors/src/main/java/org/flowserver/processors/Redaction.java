package org.flowserver.processors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Hides values that look like credentials before anything is logged. */
final class Redaction {

    static final String REDACTED = "***";
    private static final String REQUEST_URI = "http.requestUri";
    private static final String RESPONSE_URL = "restResponse.url";
    private static final String[] SECRET_MARKERS = {"authorization", "password", "passwd", "secret", "token",
        "apikey", "api-key", "api_key", "cookie", "credential", "private-key", "private_key"};

    private Redaction() {
    }

    static boolean isSecretName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String marker : SECRET_MARKERS) {
            if (lower.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    static Map<String, Object> properties(Map<String, Object> properties) {
        Map<String, Object> redacted = new LinkedHashMap<>();
        properties.forEach((name, value) -> {
            if (isSecretName(name)) {
                redacted.put(name, REDACTED);
            } else if ((name.equals(REQUEST_URI) || name.equals(RESPONSE_URL)) && value instanceof String uri) {
                redacted.put(name, uri(uri));
            } else {
                redacted.put(name, value);
            }
        });
        return redacted;
    }

    /** The request URI with the values of secret-looking query parameters hidden ({@code ?access_token=***}). */
    static String uri(String uri) {
        int query = uri.indexOf('?');
        if (query < 0) {
            return uri;
        }
        StringBuilder out = new StringBuilder(uri.length()).append(uri, 0, query + 1);
        String[] fields = uri.substring(query + 1).split("&", -1);
        for (int i = 0; i < fields.length; i++) {
            int equals = fields[i].indexOf('=');
            String name = equals < 0 ? fields[i] : fields[i].substring(0, equals);
            out.append(i == 0 ? "" : "&").append(equals >= 0 && isSecretName(name) ? name + "=" + REDACTED : fields[i]);
        }
        return out.toString();
    }

    /** A copy of a JSON tree with the values of secret-looking fields replaced. */
    static Object tree(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((name, field) -> copy.put(String.valueOf(name),
                    isSecretName(String.valueOf(name)) ? REDACTED : tree(field)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(tree(item)));
            return copy;
        }
        return value;
    }
}
