package org.flowserver.processors.rest;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.flowserver.processors.http.FieldError;
import org.flowserver.processors.http.PercentDecoding;
import org.flowserver.processors.http.ProblemDetail;
import org.flowserver.processors.http.ProblemType;
import org.flowserver.processors.http.UrlEncoded;
import org.flowserver.processors.rest.Callers.CredentialFields;

/**
 * Sets the exchange properties of DESIGN.md §4.3 from a request. A header or query parameter that arrives
 * more than once becomes a list of its values in arrival order. The query is decoded strictly
 * ({@link UrlEncoded}): only {@code &} separates parameters, and bad escapes or invalid UTF-8 are refused. Header names are written in their usual
 * capitalisation ({@code http.header.Content-Type}, {@code http.header.X-Correlation-Id}) whatever case the
 * client sent, so flows do not depend on the client.
 */
final class RequestProperties {

    static final String PROTOCOL = "http.protocol";
    static final String METHOD = "http.method";
    static final String HEADER = "http.header.";
    static final String QUERY = "http.query.";
    static final String PATH = "http.path.";
    static final String REQUEST_URI = "http.requestUri";
    static final String CONTENT_TYPE = "contentType";
    static final String ENTITY_SIZE = "inboundEntityByteSize";

    private RequestProperties() {
    }

    /**
     * Sets the properties.
     *
     * @param basePathLength the length of {@code /{ownerId}/rs/{flowId}}; path segments are counted after it
     * @throws RequestRejectedException if the query string or a path segment is not validly encoded
     */
    static void set(Exchange exchange, RoutingContext context, int basePathLength, CredentialFields hidden) {
        HttpServerRequest request = context.request();
        Map<String, Object> properties = exchange.getProperties();
        properties.put(PROTOCOL, protocol(request.version()));
        properties.put(METHOD, request.method().name());
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey();
            if (hidden.hidesHeader(name)) {
                continue;
            }
            String value = header.getValue();
            if (!hidden.cookies().isEmpty() && name.equalsIgnoreCase("Cookie")) {
                value = withoutCookies(value, hidden.cookies());
            }
            add(properties, HEADER + canonicalHeaderName(name), value);
        }
        boolean queryHidden = false;
        for (Map.Entry<String, List<String>> parameter : queryParameters(request.query()).entrySet()) {
            if (hidden.queryParameters().contains(parameter.getKey())) {
                queryHidden = true;
                continue;
            }
            // One value stays a string; a repeated parameter becomes the list of its values.
            List<String> values = parameter.getValue();
            properties.put(QUERY + parameter.getKey(), values.size() == 1 ? values.get(0) : values);
        }
        setPathSegments(properties, context.normalizedPath(), basePathLength);
        properties.put(REQUEST_URI, queryHidden ? withoutQueryParameters(request.uri(), hidden.queryParameters())
                : request.uri());
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null) {
            properties.put(CONTENT_TYPE, contentType);
        }
        String contentLength = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (contentLength != null && !request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            try {
                properties.put(ENTITY_SIZE, Long.parseLong(contentLength.trim()));
            } catch (NumberFormatException e) {
                // Netty refuses an invalid Content-Length before we get here; nothing to record.
            }
        }
    }

    /** The {@code Cookie} header without the named cookies (API keys). */
    private static String withoutCookies(String header, Set<String> names) {
        if (names.stream().noneMatch(header::contains)) {
            // The usual case: nothing to cut, no copy.
            return header;
        }
        StringBuilder kept = new StringBuilder();
        for (String pair : header.split(";")) {
            String trimmed = pair.strip();
            int equals = trimmed.indexOf('=');
            String name = equals < 0 ? trimmed : trimmed.substring(0, equals);
            if (!trimmed.isEmpty() && !names.contains(name)) {
                kept.append(kept.length() == 0 ? "" : "; ").append(trimmed);
            }
        }
        return kept.toString();
    }

    /** The request URI without the named query parameters (API keys); the query was decoded validly before. */
    private static String withoutQueryParameters(String uri, Set<String> names) {
        int question = uri.indexOf('?');
        StringBuilder kept = new StringBuilder();
        for (String pair : uri.substring(question + 1).split("&")) {
            int equals = pair.indexOf('=');
            String name = PercentDecoding.decode(equals < 0 ? pair : pair.substring(0, equals),
                    StandardCharsets.UTF_8, true);
            if (!pair.isEmpty() && !names.contains(name)) {
                kept.append(kept.length() == 0 ? "?" : "&").append(pair);
            }
        }
        return uri.substring(0, question) + kept;
    }

    /** {@code content-type} and {@code CONTENT-TYPE} become {@code Content-Type}. */
    static String canonicalHeaderName(String name) {
        if (isCanonical(name)) {
            return name;
        }
        char[] chars = name.toCharArray();
        boolean startOfWord = true;
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            chars[i] = startOfWord ? Character.toUpperCase(c) : Character.toLowerCase(c);
            startOfWord = c == '-';
        }
        return new String(chars);
    }

    private static boolean isCanonical(String name) {
        boolean startOfWord = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (startOfWord ? Character.isLowerCase(c) : Character.isUpperCase(c)) {
                return false;
            }
            startOfWord = c == '-';
        }
        return true;
    }

    private static String protocol(HttpVersion version) {
        return switch (version) {
            case HTTP_1_0 -> "HTTP/1.0";
            case HTTP_1_1 -> "HTTP/1.1";
            case HTTP_2 -> "HTTP/2";
        };
    }

    private static Map<String, List<String>> queryParameters(String query) {
        if (query == null || query.isEmpty()) {
            return Map.of();
        }
        try {
            return UrlEncoded.decode(query, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw rejected("query", "The query string " + e.getMessage());
        }
    }

    private static void setPathSegments(Map<String, Object> properties, String path, int basePathLength) {
        int index = 0;
        int start = basePathLength;
        while (start < path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            if (end > start) {
                String segment = path.substring(start, end);
                index++;
                try {
                    properties.put(PATH + index, PercentDecoding.decode(segment, StandardCharsets.UTF_8, false));
                } catch (IllegalArgumentException e) {
                    throw rejected("path", "Path segment " + index + " '" + segment + "' cannot be decoded: "
                            + e.getMessage());
                }
            }
            start = end + 1;
        }
    }

    @SuppressWarnings("unchecked")
    private static void add(Map<String, Object> properties, String name, String value) {
        Object existing = properties.putIfAbsent(name, value);
        if (existing == null) {
            return;
        }
        if (existing instanceof List<?> list) {
            ((List<Object>) list).add(value);
        } else {
            List<Object> values = new ArrayList<>(2);
            values.add(existing);
            values.add(value);
            properties.put(name, values);
        }
    }

    private static RequestRejectedException rejected(String location, String message) {
        return new RequestRejectedException(new ProblemDetail(ProblemType.MALFORMED_REQUEST, message,
                List.of(new FieldError(location, "", message))));
    }
}
