package org.flowserver.processors.outbound;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.flowserver.dsl.RestTarget;
import org.flowserver.dsl.TextTemplate;
import org.flowserver.processors.ExpressionLimits;

/**
 * Builds the URI of an outbound call from its {@link RestTarget}, compiled once and filled per message.
 *
 * <ul>
 *   <li>{@code url}: {@code http://} or {@code https://}, then the host and port, written out: the <em>origin</em>
 *       ends at the first {@code /}, {@code ?} or {@code #} after {@code ://}, and must lie before the first
 *       placeholder (a payload must not choose where credentials go). The rest is a path template up to the
 *       first {@code ?} written in the template, then a query template. A {@code <service>://rest} URL is the
 *       service's base URL with {@code rest} as the path (and query).</li>
 *   <li>parts: {@code scheme://hostname[:port]} + {@code basePath} + {@code path}, joined with exactly one slash;
 *       the port is left out when it is the scheme's default.</li>
 *   <li>service: its base URL + {@code path}, joined with exactly one slash.</li>
 * </ul>
 * Every filled path is refused when one of its segments is {@code .} or {@code ..}: a path never climbs out of
 * its base. Placeholder values are percent-encoded as one segment in a path ({@code /} → {@code %2F}) and
 * form-encoded in a query; the template's own text is kept as written (characters a URI cannot hold encoded).
 * The query parameters follow the query the URL already has, names and values form-encoded
 * ({@code application/x-www-form-urlencoded}: a space is {@code +}), in order, repeats kept.
 * Safe to share between threads.
 */
public final class UrlBuilder {

    /** A scheme before {@code ://}; service names may hold {@code _}, which RFC 3986 schemes may not. */
    private static final Pattern SCHEME = Pattern.compile("([a-zA-Z][a-zA-Z0-9_.+-]*)://");

    private final String origin;
    private final String basePath;
    private final String baseQuery;
    private final List<TemplateFiller> paths;
    private final Optional<TemplateFiller> query;
    private final Map<String, List<TemplateFiller>> queryParameters;

    private UrlBuilder(String origin, String basePath, String baseQuery, List<TemplateFiller> paths,
                       Optional<TemplateFiller> query, Map<String, List<TemplateFiller>> queryParameters) {
        this.origin = origin;
        this.basePath = basePath;
        this.baseQuery = baseQuery;
        this.paths = List.copyOf(paths);
        this.query = query;
        this.queryParameters = queryParameters;
    }

    /**
     * Compiles the URL of a call.
     *
     * @param target           where the call goes
     * @param service          the service a {@link RestTarget.Service} target or a {@code <service>://} URL names
     *                         (looked up by the caller, which reports an unknown one); empty otherwise
     * @param queryParameters  the query parameters, the service's and the call's merged already; values are
     *                         templates (a literal brace is written twice)
     * @throws TemplateException if a template does not compile, a placeholder is where none may be (scheme, host,
     *                           port), the URL has user info or a fragment, or a path climbs with {@code ..}
     * @throws IllegalArgumentException if {@code service} does not fit {@code target}
     */
    public static UrlBuilder compile(RestTarget target, Optional<ServiceDefinition> service,
                                     Map<String, List<String>> queryParameters, String ownerId, String flowId,
                                     ExpressionLimits limits) {
        Objects.requireNonNull(service, "service");
        Map<String, List<TemplateFiller>> parameters = new LinkedHashMap<>();
        queryParameters.forEach((name, values) -> parameters.put(name, values.stream()
                .map(value -> TemplateFiller.compile("query parameter " + name, value, ownerId, flowId, limits))
                .toList()));
        Scope scope = new Scope(ownerId, flowId, limits);
        UrlBuilder builder;
        if (target instanceof RestTarget.Url url) {
            builder = url(url.url(), service, parameters, scope);
        } else if (target instanceof RestTarget.Parts parts) {
            builder = parts(parts, parameters, scope);
        } else {
            RestTarget.Service named = (RestTarget.Service) target;
            ServiceDefinition definition = service.orElseThrow(() -> new IllegalArgumentException(
                    "the target names service '" + named.name() + "'; pass its definition"));
            requireNamed(definition, named.name());
            builder = underService(definition, "path", named.path(), parseTemplate("path", named.path()).segments(),
                    parameters, scope);
        }
        builder.checkFixedPaths();
        return builder;
    }

    /**
     * The service a URL names: {@code crm} for {@code crm://customers/42}; empty for {@code http://} and
     * {@code https://} (and for text without a scheme).
     */
    public static Optional<String> serviceScheme(String url) {
        Matcher matcher = SCHEME.matcher(url);
        if (!matcher.lookingAt()) {
            return Optional.empty();
        }
        String scheme = matcher.group(1);
        return isHttp(scheme) ? Optional.empty() : Optional.of(scheme);
    }

    /**
     * A URL as messages and logs show it: scheme, host, port and path, without user info, query or fragment
     * (query values may be secrets).
     */
    public static String withoutQuery(URI uri) {
        StringBuilder text = new StringBuilder();
        if (uri.getScheme() != null) {
            text.append(uri.getScheme()).append("://");
        }
        if (uri.getHost() != null) {
            text.append(uri.getHost());
            if (uri.getPort() >= 0) {
                text.append(':').append(uri.getPort());
            }
        }
        if (uri.getRawPath() != null) {
            text.append(uri.getRawPath());
        }
        return text.toString();
    }

    /**
     * The URI for {@code exchange}'s message.
     *
     * @throws TemplateException naming the placeholder without a usable value, or a path that climbs with
     *                           {@code ..}
     */
    public URI build(Exchange exchange) {
        List<String> filled = new ArrayList<>(paths.size() + 1);
        filled.add(basePath);
        for (TemplateFiller path : paths) {
            String text = path.fill(exchange, PercentEncoding::pathText, PercentEncoding::pathSegment);
            checkSegments(path, text);
            filled.add(text);
        }
        StringBuilder url = new StringBuilder(origin).append(join(filled));
        StringBuilder queryText = new StringBuilder(baseQuery);
        query.ifPresent(template -> append(queryText,
                template.fill(exchange, PercentEncoding::queryText, PercentEncoding::formComponent)));
        queryParameters.forEach((name, values) -> {
            for (TemplateFiller value : values) {
                append(queryText, PercentEncoding.formComponent(name) + "="
                        + PercentEncoding.formComponent(value.fill(exchange, TemplateFiller.Encoding.QUERY_VALUE)));
            }
        });
        if (queryText.length() > 0) {
            url.append('?').append(queryText);
        }
        try {
            return new URI(url.toString());
        } catch (URISyntaxException e) {
            // Every part is encoded above; this would be a bug here, not in the flow.
            throw new IllegalStateException("the built URL is not a valid URI: " + e.getReason(), e);
        }
    }

    private record Scope(String ownerId, String flowId, ExpressionLimits limits) {
    }

    private static UrlBuilder url(String template, Optional<ServiceDefinition> service,
                                  Map<String, List<TemplateFiller>> parameters, Scope scope) {
        List<TextTemplate.Segment> segments = parseTemplate("url", template).segments();
        String head = segments.isEmpty() || !(segments.get(0) instanceof TextTemplate.Literal literal)
                ? "" : literal.text();
        Matcher scheme = SCHEME.matcher(head);
        if (!scheme.lookingAt()) {
            throw new TemplateException("url '" + template + "' does not start with http://, https:// or "
                    + "<service>://; write the scheme and host without placeholders");
        }
        List<TextTemplate.Segment> rest = new ArrayList<>(segments);
        rest.set(0, new TextTemplate.Literal(head.substring(scheme.end())));
        if (!isHttp(scheme.group(1))) {
            ServiceDefinition definition = service.orElseThrow(() -> new IllegalArgumentException(
                    "url '" + template + "' names service '" + scheme.group(1) + "'; pass its definition"));
            requireNamed(definition, scheme.group(1));
            return underService(definition, "url", template, rest, parameters, scope);
        }
        String afterScheme = head.substring(scheme.end());
        int end = indexOfAny(afterScheme, "/?#");
        if (end < 0 && segments.size() > 1) {
            throw new TemplateException("url '" + template + "' has a placeholder in its host or port; "
                    + "placeholders may only be in the path and the query");
        }
        String authority = end < 0 ? afterScheme : afterScheme.substring(0, end);
        if (authority.indexOf('@') >= 0) {
            // Not quoted: user info is a password.
            throw new TemplateException("url has user info (user:password@) before its host; credentials go in "
                    + "auth, by secret name, never in the url");
        }
        String origin = origin(scheme.group(1), authority, "url '" + template + "'");
        rest.set(0, new TextTemplate.Literal(afterScheme.substring(authority.length())));
        return withPathAndQuery(origin, "", "", "url", template, rest, parameters, scope);
    }

    private static UrlBuilder parts(RestTarget.Parts parts, Map<String, List<TemplateFiller>> parameters,
                                    Scope scope) {
        if (!isHttp(parts.scheme())) {
            throw new TemplateException("scheme '" + parts.scheme() + "' is not supported; use http or https");
        }
        String hostname = parts.hostname();
        if (hostname.indexOf('{') >= 0 || hostname.indexOf('}') >= 0) {
            throw new TemplateException("hostname '" + hostname + "' holds a placeholder; placeholders may only be "
                    + "in basePath, path and query parameters");
        }
        if (hostname.isEmpty() || indexOfAny(hostname, "/?#@") >= 0) {
            throw new TemplateException("hostname '" + hostname + "' is not a host name or address; write it "
                    + "without scheme, port or path, e.g. api.example.com");
        }
        OptionalInt port = parts.port();
        if (port.isPresent() && (port.getAsInt() < 1 || port.getAsInt() > 65535)) {
            throw new TemplateException("port " + port.getAsInt() + " is out of range; use 1 to 65535");
        }
        String host = hostname.indexOf(':') >= 0 && !hostname.startsWith("[") ? "[" + hostname + "]" : hostname;
        String authority = port.isPresent() ? host + ":" + port.getAsInt() : host;
        String origin = origin(parts.scheme(), authority, "hostname '" + hostname + "'");
        List<TemplateFiller> paths = new ArrayList<>(2);
        for (String[] field : new String[][] {{"basePath", parts.basePath()}, {"path", parts.path()}}) {
            TemplateFiller filler = TemplateFiller.compile(field[0], field[1], scope.ownerId(), scope.flowId(),
                    scope.limits());
            if (indexOfAny(field[1], "?#") >= 0) {
                throw new TemplateException(field[0] + " '" + field[1] + "' holds '?' or '#'; put query parameters "
                        + "in queryParameters");
            }
            paths.add(filler);
        }
        return new UrlBuilder(origin, "/", "", paths, Optional.empty(), parameters);
    }

    private static UrlBuilder underService(ServiceDefinition service, String field, String template,
                                           List<TextTemplate.Segment> rest, Map<String, List<TemplateFiller>> parameters,
                                           Scope scope) {
        URI base = service.baseUrl();
        String origin = origin(base.getScheme(), base.getRawAuthority(),
                "service '" + service.name() + "' base URL");
        String basePath = base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
        String baseQuery = base.getRawQuery() == null ? "" : base.getRawQuery();
        return withPathAndQuery(origin, basePath, baseQuery, field, template, rest, parameters, scope);
    }

    /** Splits {@code rest} at the first {@code ?} its own text holds: the path before, the query after. */
    private static UrlBuilder withPathAndQuery(String origin, String basePath, String baseQuery, String field,
                                               String template, List<TextTemplate.Segment> rest,
                                               Map<String, List<TemplateFiller>> parameters, Scope scope) {
        List<TextTemplate.Segment> path = new ArrayList<>();
        List<TextTemplate.Segment> query = new ArrayList<>();
        boolean inQuery = false;
        for (TextTemplate.Segment segment : rest) {
            if (!inQuery && segment instanceof TextTemplate.Literal literal && literal.text().indexOf('?') >= 0) {
                int mark = literal.text().indexOf('?');
                addLiteral(path, literal.text().substring(0, mark));
                addLiteral(query, literal.text().substring(mark + 1));
                inQuery = true;
            } else {
                (inQuery ? query : path).add(segment);
            }
        }
        for (TextTemplate.Segment segment : rest) {
            if (segment instanceof TextTemplate.Literal literal && literal.text().indexOf('#') >= 0) {
                throw new TemplateException(field + " '" + template + "' has a fragment ('#...'), which is never "
                        + "sent; leave it out");
            }
        }
        TemplateFiller pathFiller = TemplateFiller.of(field, template, path, scope.ownerId(), scope.flowId(),
                scope.limits());
        Optional<TemplateFiller> queryFiller = inQuery
                ? Optional.of(TemplateFiller.of(field, template, query, scope.ownerId(), scope.flowId(), scope.limits()))
                : Optional.empty();
        return new UrlBuilder(origin, basePath, baseQuery, List.of(pathFiller), queryFiller, parameters);
    }

    private static void addLiteral(List<TextTemplate.Segment> segments, String text) {
        if (!text.isEmpty()) {
            segments.add(new TextTemplate.Literal(text));
        }
    }

    /** {@code scheme://host[:port]}, lower case, the scheme's default port left out. */
    private static String origin(String scheme, String authority, String what) {
        URI parsed;
        try {
            parsed = new URI(scheme + "://" + authority);
        } catch (URISyntaxException e) {
            throw new TemplateException(what + " has no valid host: " + e.getReason(), e);
        }
        if (parsed.getHost() == null) {
            throw new TemplateException(what + " has no valid host name or address (letters, digits, '-' and '.')");
        }
        String lower = scheme.toLowerCase(Locale.ROOT);
        int port = parsed.getPort();
        boolean defaultPort = port < 0 || (lower.equals("https") && port == 443) || (lower.equals("http") && port == 80);
        return lower + "://" + parsed.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /** A dot segment the template writes itself is refused now, at deploy, rather than on the first message. */
    private void checkFixedPaths() {
        for (TemplateFiller path : paths) {
            checkSegments(path, path.skeleton(PercentEncoding::pathText, "x"));
        }
    }

    private static void checkSegments(TemplateFiller path, String filled) {
        for (String segment : filled.split("/", -1)) {
            if (PercentEncoding.isDotSegment(segment)) {
                throw new TemplateException(path.field() + " '" + path.template() + "' gives the path segment '"
                        + segment + "'; '.' and '..' segments are not allowed: a path may not climb out of its base");
            }
        }
    }

    /** The pieces joined with exactly one slash between two, empty ones skipped; starts with a slash. */
    private static String join(List<String> pieces) {
        StringBuilder path = new StringBuilder();
        for (String piece : pieces) {
            String trimmed = strip(piece);
            if (trimmed.isEmpty()) {
                continue;
            }
            path.append('/').append(trimmed);
        }
        String last = pieces.isEmpty() ? "" : lastNonEmpty(pieces);
        if (path.length() == 0 || last.endsWith("/")) {
            path.append('/');
        }
        return path.toString();
    }

    private static String lastNonEmpty(List<String> pieces) {
        for (int i = pieces.size() - 1; i >= 0; i--) {
            if (!strip(pieces.get(i)).isEmpty()) {
                return pieces.get(i);
            }
        }
        return "";
    }

    private static String strip(String piece) {
        int start = 0;
        int end = piece.length();
        while (start < end && piece.charAt(start) == '/') {
            start++;
        }
        while (end > start && piece.charAt(end - 1) == '/') {
            end--;
        }
        return piece.substring(start, end);
    }

    private static void append(StringBuilder query, String part) {
        if (part.isEmpty()) {
            return;
        }
        if (query.length() > 0) {
            query.append('&');
        }
        query.append(part);
    }

    private static TextTemplate parseTemplate(String field, String template) {
        try {
            return TextTemplate.parse(template);
        } catch (IllegalArgumentException e) {
            throw new TemplateException(field + " '" + template + "' " + e.getMessage(), e);
        }
    }

    private static void requireNamed(ServiceDefinition service, String name) {
        if (!service.name().equalsIgnoreCase(name)) {
            throw new IllegalArgumentException("service '" + service.name() + "' was passed for '" + name + "'");
        }
    }

    private static boolean isHttp(String scheme) {
        return scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https");
    }

    private static int indexOfAny(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
