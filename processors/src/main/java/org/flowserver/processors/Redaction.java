package org.flowserver.processors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Hides values that look like credentials before anything is logged. */
final class Redaction {

    static final String REDACTED = "***";
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
        properties.forEach((name, value) -> redacted.put(name, isSecretName(name) ? REDACTED : value));
        return redacted;
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
