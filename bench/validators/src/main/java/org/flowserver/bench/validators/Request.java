package org.flowserver.bench.validators;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * An HTTP request as the server sees it after Vert.x has split it.
 *
 * @param method      upper-case HTTP method
 * @param path        the path below the API's base path, without the query, still percent-encoded
 * @param query       decoded query parameters, in arrival order, each name with every value
 * @param headers     headers, each name with every value
 * @param cookies     cookies by name
 * @param contentType the Content-Type header or null
 * @param body        the body as text or null when there is none
 */
public record Request(String method, String path, Map<String, List<String>> query, Map<String, List<String>> headers,
                      Map<String, String> cookies, String contentType, String body) {

    public Request {
        query = query == null ? Map.of() : query;
        headers = headers == null ? Map.of() : headers;
        cookies = cookies == null ? Map.of() : cookies;
    }

    public static Builder get(String path) {
        return new Builder("GET", path);
    }

    public static Builder post(String path) {
        return new Builder("POST", path);
    }

    /** The query string as a typical client sends it: names and values encoded, but '[', ']' and ',' kept. */
    public String rawQuery() {
        StringJoiner joiner = new StringJoiner("&");
        query.forEach((name, values) -> values.forEach(value -> joiner.add(encode(name) + "=" + encode(value))));
        return joiner.toString();
    }

    /** The Cookie header for these cookies, or null. */
    public String cookieHeader() {
        if (cookies.isEmpty()) {
            return null;
        }
        StringJoiner joiner = new StringJoiner("; ");
        cookies.forEach((name, value) -> joiner.add(name + "=" + value));
        return joiner.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8)
                .replace("%5B", "[").replace("%5D", "]").replace("%2C", ",");
    }

    /** Builds requests for tests and benchmarks. */
    public static final class Builder {
        private final String method;
        private final String path;
        private final Map<String, List<String>> query = new LinkedHashMap<>();
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private final Map<String, String> cookies = new LinkedHashMap<>();
        private String contentType;
        private String body;

        private Builder(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Builder query(String name, String... values) {
            query.put(name, List.of(values));
            return this;
        }

        public Builder header(String name, String... values) {
            headers.put(name, List.of(values));
            return this;
        }

        public Builder cookie(String name, String value) {
            cookies.put(name, value);
            return this;
        }

        public Builder json(String body) {
            this.contentType = "application/json";
            this.body = body;
            return this;
        }

        public Builder contentType(String contentType) {
            this.contentType = contentType;
            return this;
        }

        public Request build() {
            Map<String, List<String>> allHeaders = new LinkedHashMap<>(headers);
            if (contentType != null) {
                allHeaders.putIfAbsent("Content-Type", List.of(contentType));
            }
            return new Request(method, path, new LinkedHashMap<>(query),
                    allHeaders, new LinkedHashMap<>(cookies), contentType, body);
        }
    }
}
