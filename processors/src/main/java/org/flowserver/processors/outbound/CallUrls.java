package org.flowserver.processors.outbound;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** URL helpers of outbound calls: the text safe for messages and logs, origins, redirect targets. */
final class CallUrls {

    private CallUrls() {
    }

    /**
     * {@code scheme://host[:port]/path}: without user info, query or fragment, which may hold secrets
     * ({@code ?api_key=...}); this is the only form of a URL that messages and log lines show.
     */
    static String safe(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
            host = authority.substring(authority.indexOf('@') + 1);
        }
        String port = uri.getPort() == -1 || uri.getHost() == null ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() + "://" + host + port + path;
    }

    /** Whether {@code uri} is https (the scheme ignoring case). */
    static boolean https(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme());
    }

    /** The port, or the scheme's default (443 for https, 80 for http). */
    static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : https(uri) ? 443 : 80;
    }

    /** The host as a socket address wants it: an IPv6 literal without its brackets. */
    static String host(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The request target: the raw path ({@code /} when empty) and the raw query. */
    static String requestTarget(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** Whether both URLs have the same origin: scheme, host (ignoring case) and port, defaults applied. */
    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    /**
     * Where a {@code Location} header points, resolved against the URL that answered; empty when it cannot be
     * followed (not a URI, not http or https, no host).
     */
    static Optional<URI> redirectTarget(URI current, String location) {
        if (location == null || location.isBlank()) {
            return Optional.empty();
        }
        String reference = location.trim();
        try {
            URI target;
            if (reference.startsWith("?")) {
                // RFC 3986 §5.2.2: a query-only reference keeps the whole path (URI.resolve drops its last segment).
                target = new URI(current.getScheme() + "://" + current.getRawAuthority()
                        + (current.getRawPath() == null ? "" : current.getRawPath()) + reference);
            } else {
                target = current.resolve(new URI(reference));
            }
            String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || target.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(target);
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
