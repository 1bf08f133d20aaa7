package org.flowserver.processors.outbound;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The response cache key of a request: a hex SHA-256 over a canonical text of everything that can change the
 * answer. Requests that differ only in the order of their query parameters (by name) or of their headers (by
 * name, ignoring case) share a key; values of one name keep their order, as servers may read them in order.
 *
 * <p>The request never holds credentials (they are added per attempt), so no secret enters the key; the
 * credentials take part only by {@link Credentials#cacheKey()}, their kind and secret names.
 */
public final class CacheKey {

    private CacheKey() {
    }

    /** The key of {@code request} sent for owner {@code ownerId} with {@code credentials}. */
    public static String of(String ownerId, OutboundRequest request, Credentials credentials) {
        byte[] text = canonical(ownerId, request, credentials).getBytes(StandardCharsets.UTF_8);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM; every Java runtime must have it", e);
        }
    }

    /**
     * The canonical text: one line per part, each value length-prefixed ({@code uri 27:http://h/p?a=1&b=2}), so
     * that no value can run into the next; the body as base64 after its length in bytes.
     */
    static String canonical(String ownerId, OutboundRequest request, Credentials credentials) {
        StringBuilder text = new StringBuilder();
        part(text, "owner", ownerId);
        part(text, "method", request.method());
        part(text, "uri", sortedQuery(request.uri()));
        List<HttpField> headers = new ArrayList<>();
        for (HttpField field : request.headers()) {
            headers.add(new HttpField(field.name().toLowerCase(Locale.ROOT), field.value()));
        }
        headers.sort(Comparator.comparing(HttpField::name)); // stable: values of one name keep their order
        for (HttpField field : headers) {
            text.append("header ");
            part(text, field.name().length() + ":" + field.name(), field.value());
        }
        part(text, "credentials", credentials.cacheKey());
        byte[] body = request.body().orElse(new byte[0]);
        text.append("body ").append(request.body().isPresent() ? body.length : -1).append(':')
                .append(Base64.getEncoder().encodeToString(body)).append('\n');
        return text.toString();
    }

    private static void part(StringBuilder text, String label, String value) {
        text.append(label).append(' ').append(value.length()).append(':').append(value).append('\n');
    }

    /** The URI with its query parameters sorted by (raw) name, values of one name in their order; no fragment. */
    static String sortedQuery(URI uri) {
        StringBuilder text = new StringBuilder();
        text.append(uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT)).append("://");
        if (uri.getRawAuthority() != null) {
            String authority = uri.getRawAuthority();
            String host = uri.getHost();
            text.append(host == null ? authority : authority.replace(host, host.toLowerCase(Locale.ROOT)));
        }
        text.append(uri.getRawPath() == null ? "" : uri.getRawPath());
        String query = uri.getRawQuery();
        if (query != null) {
            List<String> parameters = new ArrayList<>(List.of(query.split("&", -1)));
            parameters.sort(Comparator.comparing(CacheKey::parameterName)); // stable
            text.append('?').append(String.join("&", parameters));
        }
        return text.toString();
    }

    private static String parameterName(String parameter) {
        int equals = parameter.indexOf('=');
        return equals < 0 ? parameter : parameter.substring(0, equals);
    }
}
