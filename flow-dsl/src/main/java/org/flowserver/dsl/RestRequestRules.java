package org.flowserver.dsl;

import static org.flowserver.dsl.FlowValidator.quote;

import com.dashjoin.jsonata.Jsonata;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The build-time rules of a {@link RestRequestSpec} (design record 0002, §3). Whether a service or secret exists,
 * and may be used by the flow's owner, is the server's check at deploy, not one of these.
 */
final class RestRequestRules {

    static final String SECRET_NAME_TEXT = "[a-zA-Z][a-zA-Z0-9._-]{0,63}";
    static final String SERVICE_NAME_TEXT = "[a-zA-Z][a-zA-Z0-9_-]{0,29}";
    static final int MAX_REDIRECTS = 20;

    private static final Pattern SECRET_NAME = Pattern.compile(SECRET_NAME_TEXT);
    private static final Pattern SERVICE_NAME = Pattern.compile(SERVICE_NAME_TEXT);
    /** RFC 9110 §5.6.2 {@code token}, the form of a header (and cookie) name. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
    private static final String TOKEN_ADVICE = "use an HTTP token: letters, digits and !#$%&'*+-.^_`|~";
    /** A host name, an IPv4 address, or an IPv6 address in brackets. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*|\\[[0-9A-Fa-f:.]+]");
    /** RFC 2046 §5.1.1: 1 to 70 {@code bchars}, the last not a space. */
    private static final Pattern BOUNDARY = Pattern.compile("[0-9A-Za-z'()+_,\\-./:=? ]{0,69}[0-9A-Za-z'()+_,\\-./:=?]");
    private static final Pattern BOUNDARY_PARAMETER = Pattern.compile("(?i);\\s*boundary\\s*=");
    private static final Duration MAX_TIMEOUT = Duration.ofHours(24);
    private static final Duration MIN_RETRY_WAIT = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY_DEADLINE = Duration.ofHours(1);
    private static final Duration MIN_TTL = Duration.ofSeconds(1);
    private static final Duration MAX_TTL = Duration.ofDays(1);
    private static final String PLACEHOLDER_IN_ORIGIN = " has a placeholder in its scheme, host or port; placeholders "
            + "may only be in the path and query (a payload must not choose where a request and its credentials go)";

    /** Headers a call may not set, lower-cased, with the reason. */
    private static final Map<String, String> FORBIDDEN_HEADERS = new HashMap<>();

    static {
        String credentials = "credentials go in auth (basic, bearer, apiKey or oauth2ClientCredentials), which "
                + "names a secret of the server instead of holding its value";
        FORBIDDEN_HEADERS.put("authorization", credentials);
        FORBIDDEN_HEADERS.put("proxy-authorization", credentials);
        FORBIDDEN_HEADERS.put("connection", "the HTTP client manages connections");
        FORBIDDEN_HEADERS.put("transfer-encoding", "the HTTP client frames the body (and sends it with Content-Length)");
        FORBIDDEN_HEADERS.put("content-length", "the HTTP client sets it from the body");
        FORBIDDEN_HEADERS.put("host", "the HTTP client sets it from the target");
    }

    private RestRequestRules() {
    }

    static void check(List<Problem> problems, String path, RestRequestSpec spec) {
        checkTarget(problems, path, spec.target());
        checkBodyAndMethod(problems, path, spec);
        checkHeaders(problems, path, spec);
        checkQueryParameters(problems, path, spec);
        spec.cookies().forEach((name, value) -> {
            if (!TOKEN.matcher(name).matches()) {
                problems.add(new Problem(path + ".cookies", quote(name) + " is not a cookie name; " + TOKEN_ADVICE));
            }
            String cookiePath = path + ".cookies." + name;
            checkTemplate(problems, cookiePath, value)
                    .filter(RestRequestRules::hasLiteralLineBreak)
                    .ifPresent(template -> problems.add(new Problem(cookiePath, "has a line break; a cookie value is "
                            + "part of the one-line Cookie header")));
        });
        spec.auth().ifPresent(auth -> checkAuth(problems, path + ".auth", auth));
        checkTimeout(problems, path + ".connectTimeout", spec.connectTimeout());
        checkTimeout(problems, path + ".readTimeout", spec.readTimeout());
        checkTimeout(problems, path + ".totalTimeout", spec.totalTimeout());
        spec.maxRedirects().ifPresent(max -> {
            if (max < 0 || max > MAX_REDIRECTS) {
                problems.add(new Problem(path + ".maxRedirects", quote(String.valueOf(max))
                        + " is out of range; use 0 to " + MAX_REDIRECTS + " (followRedirects false follows none)"));
            }
        });
        checkStatusCodes(problems, path + ".expectedStatusCodes", spec.expectedStatusCodes());
        spec.retryPolicy().ifPresent(policy -> checkRetryPolicy(problems, path + ".retryPolicy", policy));
        for (int i = 0; i < spec.forwardResponseHeaders().size(); i++) {
            String name = spec.forwardResponseHeaders().get(i);
            if (!TOKEN.matcher(name).matches()) {
                problems.add(new Problem(path + ".forwardResponseHeaders[" + i + "]", quote(name)
                        + " is not a header name; " + TOKEN_ADVICE));
            }
        }
        spec.cache().ifPresent(cache -> checkCache(problems, path + ".cache", cache, spec));
    }

    // --- target

    private static void checkTarget(List<Problem> problems, String path, RestTarget target) {
        if (target instanceof RestTarget.Url url) {
            if (url.url().isEmpty()) {
                problems.add(new Problem(path, "has no target; set exactly one of url, hostname or service"));
            } else {
                checkUrl(problems, path + ".url", url.url());
            }
        } else if (target instanceof RestTarget.Parts parts) {
            if (!parts.scheme().equals("http") && !parts.scheme().equals("https")) {
                problems.add(new Problem(path + ".scheme", quote(parts.scheme())
                        + " is not supported; use http or https (the default)"));
            }
            checkHostname(problems, path + ".hostname", parts.hostname());
            parts.port().ifPresent(port -> {
                if (port < 1 || port > 65535) {
                    problems.add(new Problem(path + ".port", quote(String.valueOf(port)) + " is out of range; use 1 "
                            + "to 65535, or leave it out for 443 (https) or 80 (http)"));
                }
            });
            checkTemplate(problems, path + ".basePath", parts.basePath());
            checkTemplate(problems, path + ".path", parts.path());
        } else if (target instanceof RestTarget.Service service) {
            if (service.name().isEmpty()) {
                problems.add(new Problem(path + ".service", "is required; the name of a service configured on the "
                        + "server"));
            } else {
                serviceNameProblem(service.name()).ifPresent(message ->
                        problems.add(new Problem(path + ".service", quote(service.name()) + message)));
            }
            checkTemplate(problems, path + ".path", service.path());
        }
    }

    /** What is wrong with a service name, as the end of a sentence starting with the quoted name. */
    private static Optional<String> serviceNameProblem(String name) {
        if (name.equalsIgnoreCase("http") || name.equalsIgnoreCase("https")) {
            return Optional.of(" is a scheme, not a service name; for a direct call use url or hostname");
        }
        if (!SERVICE_NAME.matcher(name).matches()) {
            return Optional.of(" does not match " + SERVICE_NAME_TEXT + ", the form of a service name");
        }
        return Optional.empty();
    }

    private static void checkHostname(List<Problem> problems, String path, String hostname) {
        if (hostname.isEmpty()) {
            problems.add(new Problem(path, "is required; the host name or address to call, such as api.example.com"));
            return;
        }
        boolean placeholder;
        try {
            placeholder = TextTemplate.parse(hostname).hasPlaceholders();
        } catch (IllegalArgumentException e) {
            placeholder = false;
        }
        if (placeholder) {
            problems.add(new Problem(path, quote(hostname) + " has a placeholder; a host is fixed when the flow is "
                    + "built (a payload must not choose where a request and its credentials go)"));
        } else if (!HOST.matcher(hostname).matches()) {
            problems.add(new Problem(path, quote(hostname) + " is not a host name or address; give the host alone, "
                    + "such as api.example.com or [::1] (the port goes in port, the path in basePath and path)"));
        }
    }

    /**
     * A url is {@code http(s)://host[:port]/...} or {@code <service>://...}; its scheme, host and port are literal
     * text, placeholders come after them.
     */
    private static void checkUrl(List<Problem> problems, String path, String url) {
        Optional<TextTemplate> parsed = checkTemplate(problems, path, url);
        if (parsed.isEmpty()) {
            return;
        }
        TextTemplate template = parsed.get();
        List<TextTemplate.Segment> segments = template.segments();
        String head = segments.get(0) instanceof TextTemplate.Literal literal ? literal.text() : "";
        int separator = head.indexOf("://");
        if (separator < 0) {
            if (template.hasPlaceholders() && (head.isEmpty() || url.contains("://"))) {
                problems.add(new Problem(path, quote(url) + PLACEHOLDER_IN_ORIGIN));
            } else {
                problems.add(new Problem(path, quote(url) + " is not an absolute URL; write https://host/path, "
                        + "http://host/path or <service>://path (or use service and path)"));
            }
            return;
        }
        String scheme = head.substring(0, separator);
        if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
            if (!SERVICE_NAME.matcher(scheme).matches()) {
                problems.add(new Problem(path, quote(url) + " has the scheme " + quote(scheme) + ", which is neither "
                        + "http, https nor a service name (" + SERVICE_NAME_TEXT + ")"));
            }
            return;
        }
        String rest = head.substring(separator + 3);
        int end = indexOfAny(rest, "/?#");
        if (end < 0 && template.hasPlaceholders()) {
            problems.add(new Problem(path, quote(url) + PLACEHOLDER_IN_ORIGIN));
            return;
        }
        String authority = end < 0 ? rest : rest.substring(0, end);
        if (authority.contains("@")) {
            // Not quoted: what precedes the host is likely a user name and password.
            problems.add(new Problem(path, "has user information (user:password@) before its host; credentials go in "
                    + "auth, which names a secret of the server (the URL is not shown: it may hold a password)"));
            return;
        }
        String host = authority;
        String port = null;
        int colon = authority.startsWith("[") ? authority.indexOf(':', Math.max(0, authority.indexOf(']')))
                : authority.lastIndexOf(':');
        if (colon >= 0) {
            host = authority.substring(0, colon);
            port = authority.substring(colon + 1);
        }
        if (host.isEmpty()) {
            problems.add(new Problem(path, quote(url) + " has no host; write https://host/path or http://host/path"));
        } else if (!HOST.matcher(host).matches()) {
            problems.add(new Problem(path, quote(url) + " has the host " + quote(host)
                    + ", which is not a host name or address"));
        }
        if (port != null && !validPort(port)) {
            problems.add(new Problem(path, quote(url) + " has the port " + quote(port) + ", which is not 1 to 65535"));
        }
    }

    private static boolean validPort(String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int value = Integer.parseInt(port);
        return value >= 1 && value <= 65535;
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    // --- body, method, cache

    private static void checkBodyAndMethod(List<Problem> problems, String path, RestRequestSpec spec) {
        spec.body().ifPresent(body -> checkOptionalExpression(problems, path + ".body", body,
                "or leave body out to send no body"));
        spec.multipart().ifPresent(multipart -> checkMultipart(problems, path + ".multipart", multipart));
        if (spec.body().isPresent() && spec.multipart().isPresent()) {
            problems.add(new Problem(path + ".multipart", "cannot be combined with body; a request has one body, so "
                    + "set body or multipart"));
        }
        spec.method().filter(method -> !method.allowsBody()).ifPresent(method -> {
            String bodyField = spec.body().isPresent() ? "body" : spec.multipart().isPresent() ? "multipart" : null;
            if (bodyField != null) {
                problems.add(new Problem(path + ".method", quote(method.name()) + " sends no body, but " + bodyField
                        + " is set; use POST, PUT, PATCH or DELETE, or leave method out (a call with a body is a "
                        + "POST)"));
            }
        });
    }

    private static void checkCache(List<Problem> problems, String path, ResponseCacheSpec cache,
                                   RestRequestSpec spec) {
        if (cache.ttl().compareTo(MIN_TTL) < 0 || cache.ttl().compareTo(MAX_TTL) > 0) {
            problems.add(new Problem(path + ".ttl", quote(cache.ttl().toString()) + " is out of range; use PT1S to P1D"));
        }
        if (cache.maxEntries() < 1) {
            problems.add(new Problem(path + ".maxEntries", quote(String.valueOf(cache.maxEntries()))
                    + " must be 1 or more"));
        }
        if (cache.maxBytes() < 1) {
            problems.add(new Problem(path + ".maxBytes", quote(String.valueOf(cache.maxBytes())) + " must be 1 or more"));
        }
        String onlyGet = "only GET and HEAD answers are cached (a cached call would skip its effect)";
        if (spec.method().isPresent()) {
            RestMethod method = spec.method().get();
            if (method != RestMethod.GET && method != RestMethod.HEAD) {
                problems.add(new Problem(path, "is set on a " + quote(method.name()) + " call; " + onlyGet
                        + ", so use method GET or HEAD, or remove cache"));
            }
        } else if (spec.body().isPresent() || spec.multipart().isPresent()) {
            problems.add(new Problem(path, "is set on a call with a body, which is a POST; " + onlyGet
                    + ", so remove the body or the cache"));
        }
    }

    // --- multipart

    private static void checkMultipart(List<Problem> problems, String path, MultipartSpec multipart) {
        multipart.contentType().ifPresent(contentType -> {
            if (contentType.isBlank()) {
                problems.add(new Problem(path + ".contentType", "is empty; give a media type such as "
                        + "multipart/form-data, or leave it out for " + MultipartSpec.DEFAULT_CONTENT_TYPE));
            } else if (BOUNDARY_PARAMETER.matcher(contentType).find()) {
                problems.add(new Problem(path + ".contentType", quote(contentType) + " carries a boundary "
                        + "parameter; set boundary instead (it is added to the content type)"));
            } else if (hasLineBreak(contentType)) {
                problems.add(new Problem(path + ".contentType", "has a line break; a header value is one line"));
            }
        });
        multipart.boundary().ifPresent(boundary -> {
            if (!BOUNDARY.matcher(boundary).matches()) {
                problems.add(new Problem(path + ".boundary", quote(boundary) + " is not an RFC 2046 boundary; use 1 "
                        + "to 70 letters, digits, spaces and '()+_,-./:=? characters, not ending in a space"));
            }
        });
        if (multipart.parts().isEmpty()) {
            problems.add(new Problem(path + ".parts", "must not be empty; add at least one part"));
        }
        for (int i = 0; i < multipart.parts().size(); i++) {
            checkPart(problems, path + ".parts[" + i + "]", multipart.parts().get(i));
        }
    }

    private static void checkPart(List<Problem> problems, String path, MultipartPartSpec part) {
        if (part.name().isBlank()) {
            problems.add(new Problem(path + ".name", "is required; the part's name in its Content-Disposition"));
        }
        if (part.value().isPresent() && part.content().isPresent()) {
            problems.add(new Problem(path + ".content", "cannot be combined with value; set value (text) or content "
                    + "(a file), not both"));
        } else if (part.value().isEmpty() && part.content().isEmpty()) {
            problems.add(new Problem(path, "has neither value nor content; set value (text) or content (a file)"));
        }
        part.value().ifPresent(value -> checkTemplate(problems, path + ".value", value));
        part.content().ifPresent(content -> checkOptionalExpression(problems, path + ".content", content,
                "or use value for text"));
        part.filename().ifPresent(filename -> {
            if (part.content().isEmpty()) {
                problems.add(new Problem(path + ".filename", quote(filename) + " is set without content; a filename "
                        + "belongs to a file part, so set content or remove filename"));
            }
            checkTemplate(problems, path + ".filename", filename);
        });
        checkPartHeader(problems, path + ".contentType", part.contentType());
        checkPartHeader(problems, path + ".contentDisposition", part.contentDisposition());
        checkPartHeader(problems, path + ".contentLength", part.contentLength());
    }

    private static void checkPartHeader(List<Problem> problems, String path, PartHeader header) {
        if (header instanceof PartHeader.Custom custom && hasLineBreak(custom.value())) {
            problems.add(new Problem(path, "has a line break; a part header is one line"));
        }
    }

    // --- headers, query

    private static void checkHeaders(List<Problem> problems, String path, RestRequestSpec spec) {
        Map<String, String> seen = new HashMap<>();
        Optional<String> apiKeyHeader = spec.auth().filter(RestAuthSpec.ApiKey.class::isInstance)
                .map(auth -> ((RestAuthSpec.ApiKey) auth).headerName().toLowerCase(Locale.ROOT));
        spec.headers().forEach((name, values) -> {
            String headerPath = path + ".headers." + name;
            String lower = name.toLowerCase(Locale.ROOT);
            if (!TOKEN.matcher(name).matches()) {
                problems.add(new Problem(path + ".headers", quote(name) + " is not a header name; " + TOKEN_ADVICE));
                return;
            }
            String earlier = seen.putIfAbsent(lower, name);
            if (earlier != null) {
                problems.add(new Problem(headerPath, "repeats the header " + quote(earlier) + " (header names ignore "
                        + "case); list every value under one name"));
            }
            if (FORBIDDEN_HEADERS.containsKey(lower)) {
                problems.add(new Problem(headerPath, "is not allowed; " + FORBIDDEN_HEADERS.get(lower)));
            } else if (apiKeyHeader.isPresent() && apiKeyHeader.get().equals(lower)) {
                problems.add(new Problem(headerPath, "is the header of auth apiKey, whose value comes from its secret; "
                        + "leave it out of headers"));
            }
            checkValues(problems, headerPath, values, true);
        });
    }

    private static void checkQueryParameters(List<Problem> problems, String path, RestRequestSpec spec) {
        spec.queryParameters().forEach((name, values) -> {
            if (name.isEmpty()) {
                problems.add(new Problem(path + ".queryParameters", "has a parameter without a name; give each "
                        + "parameter a name"));
                return;
            }
            checkValues(problems, path + ".queryParameters." + name, values, false);
        });
    }

    private static void checkValues(List<Problem> problems, String path, List<String> values, boolean header) {
        if (values.isEmpty()) {
            problems.add(new Problem(path, "has no value; give one or more (an empty string removes the service's "
                    + "value of that name)"));
        }
        for (int i = 0; i < values.size(); i++) {
            String valuePath = path + "[" + i + "]";
            Optional<TextTemplate> template = checkTemplate(problems, valuePath, values.get(i));
            if (header && template.filter(RestRequestRules::hasLiteralLineBreak).isPresent()) {
                problems.add(new Problem(valuePath, "has a line break; a header value is one line"));
            }
        }
    }

    // --- auth

    private static void checkAuth(List<Problem> problems, String path, RestAuthSpec auth) {
        if (auth instanceof RestAuthSpec.Basic basic) {
            if (basic.username().isEmpty()) {
                problems.add(new Problem(path + ".username", "is required"));
            } else if (basic.username().contains(":")) {
                // Not quoted: "user:password" pasted into the user name would leak the password.
                problems.add(new Problem(path + ".username", "contains ':', which HTTP Basic cannot carry in a user "
                        + "name (the value is not shown: it may hold a password); the password goes in the secret "
                        + "passwordSecretName names"));
            }
            checkSecretName(problems, path + ".passwordSecretName", basic.passwordSecretName());
        } else if (auth instanceof RestAuthSpec.Bearer bearer) {
            checkSecretName(problems, path + ".tokenSecretName", bearer.tokenSecretName());
        } else if (auth instanceof RestAuthSpec.ApiKey apiKey) {
            String name = apiKey.headerName();
            String lower = name.toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                problems.add(new Problem(path + ".headerName", "is required; the header that carries the key, such as "
                        + "X-Api-Key"));
            } else if (!TOKEN.matcher(name).matches()) {
                problems.add(new Problem(path + ".headerName", quote(name) + " is not a header name; " + TOKEN_ADVICE));
            } else if (lower.equals("authorization")) {
                problems.add(new Problem(path + ".headerName", quote(name) + " is not allowed; for the Authorization "
                        + "header use bearer or basic, or a header of its own such as X-Api-Key"));
            } else if (FORBIDDEN_HEADERS.containsKey(lower)) {
                problems.add(new Problem(path + ".headerName", quote(name) + " is not allowed; "
                        + FORBIDDEN_HEADERS.get(lower)));
            }
            checkSecretName(problems, path + ".apiKeySecretName", apiKey.apiKeySecretName());
        } else if (auth instanceof RestAuthSpec.OAuth2ClientCredentials oauth2) {
            if (oauth2.tokenUrl().isPresent() && oauth2.issuer().isPresent()) {
                problems.add(new Problem(path + ".issuer", "cannot be combined with tokenUrl; set tokenUrl or "
                        + "issuer, not both"));
            } else if (oauth2.tokenUrl().isEmpty() && oauth2.issuer().isEmpty()) {
                problems.add(new Problem(path, "has neither tokenUrl nor issuer; set the token endpoint in tokenUrl, "
                        + "or an OpenID Connect issuer in issuer"));
            }
            oauth2.tokenUrl().ifPresent(url -> checkAbsoluteUrl(problems, path + ".tokenUrl", url,
                    "https://login.example.com/oauth2/token"));
            oauth2.issuer().ifPresent(url -> checkAbsoluteUrl(problems, path + ".issuer", url,
                    "https://login.example.com/realms/acme"));
            if (oauth2.clientId().isBlank()) {
                problems.add(new Problem(path + ".clientId", "is required"));
            }
            checkSecretName(problems, path + ".clientSecretName", oauth2.clientSecretName());
            oauth2.scope().filter(String::isBlank).ifPresent(scope ->
                    problems.add(new Problem(path + ".scope", "is empty; leave it out to ask for no scope")));
            oauth2.audience().filter(String::isBlank).ifPresent(audience ->
                    problems.add(new Problem(path + ".audience", "is empty; leave it out to ask for no audience")));
        }
    }

    /** A secret name that is not one may be a secret pasted by mistake: it is never quoted. */
    private static void checkSecretName(List<Problem> problems, String path, String name) {
        if (name.isEmpty()) {
            problems.add(new Problem(path, "is required; the name of a secret in the server's store, matching "
                    + SECRET_NAME_TEXT));
        } else if (!SECRET_NAME.matcher(name).matches()) {
            problems.add(new Problem(path, "does not match " + SECRET_NAME_TEXT + ", the form of a secret name (the "
                    + "value is not shown: it may be a secret pasted by mistake); name a secret of the server's store"));
        }
    }

    private static void checkAbsoluteUrl(List<Problem> problems, String path, String url, String example) {
        boolean valid;
        try {
            URI uri = new URI(url);
            valid = uri.getScheme() != null && (uri.getScheme().equalsIgnoreCase("https")
                    || uri.getScheme().equalsIgnoreCase("http")) && uri.getHost() != null && uri.getUserInfo() == null;
        } catch (URISyntaxException e) {
            valid = false;
        }
        if (!valid) {
            problems.add(new Problem(path, quote(url) + " is not an absolute https or http URL; write one such as "
                    + example));
        }
    }

    // --- durations, statuses, retries

    private static void checkTimeout(List<Problem> problems, String path, Optional<Duration> timeout) {
        timeout.ifPresent(duration -> {
            if (duration.isNegative() || duration.compareTo(MAX_TIMEOUT) > 0) {
                problems.add(new Problem(path, quote(duration.toString()) + " is out of range; use PT0S (no limit) "
                        + "to PT24H"));
            }
        });
    }

    private static void checkStatusCodes(List<Problem> problems, String path, List<Integer> statusCodes) {
        for (int i = 0; i < statusCodes.size(); i++) {
            int code = statusCodes.get(i);
            if (code < 100 || code > 599) {
                problems.add(new Problem(path + "[" + i + "]", quote(String.valueOf(code))
                        + " is not an HTTP status; use 100 to 599"));
            }
        }
    }

    private static void checkRetryPolicy(List<Problem> problems, String path, RetryPolicySpec policy) {
        if (policy.initial().isNegative()
                || (!policy.deadline().isZero() && policy.initial().compareTo(MIN_RETRY_WAIT) < 0)) {
            problems.add(new Problem(path + ".initial", quote(policy.initial().toString()) + " is shorter than PT1S, "
                    + "the shortest wait between two tries; use PT1S or more (or deadline PT0S for no retries)"));
        }
        if (policy.maximum().compareTo(policy.initial()) < 0) {
            problems.add(new Problem(path + ".maximum", quote(policy.maximum().toString()) + " is shorter than "
                    + "initial (" + policy.initial() + "); use initial or more"));
        }
        if (!(policy.multiplier() >= 1.0 && policy.multiplier() <= 10.0)) {
            problems.add(new Problem(path + ".multiplier", quote(String.valueOf(policy.multiplier()))
                    + " is out of range; use 1.0 (a constant wait) to 10.0"));
        }
        if (policy.deadline().isNegative() || policy.deadline().compareTo(MAX_RETRY_DEADLINE) > 0) {
            problems.add(new Problem(path + ".deadline", quote(policy.deadline().toString()) + " is out of range; use "
                    + "PT0S (no retries) to PT1H"));
        }
        checkStatusCodes(problems, path + ".statusCodes", policy.statusCodes());
    }

    // --- templates and expressions

    /**
     * Checks that {@code text} parses as a {@link TextTemplate} and that each placeholder compiles as JSONata.
     *
     * @return the template when it parses, for further checks
     */
    static Optional<TextTemplate> checkTemplate(List<Problem> problems, String path, String text) {
        TextTemplate template;
        try {
            template = TextTemplate.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(path, quote(text) + " " + e.getMessage()));
            return Optional.empty();
        }
        for (TextTemplate.Segment segment : template.segments()) {
            if (segment instanceof TextTemplate.Placeholder placeholder) {
                try {
                    Jsonata.jsonata(placeholder.expression());
                } catch (RuntimeException e) {
                    problems.add(new Problem(path, quote(text) + " has the placeholder "
                            + quote("{" + placeholder.expression() + "}") + ", which is not a valid JSONata expression: "
                            + e.getMessage()));
                }
            }
        }
        return Optional.of(template);
    }

    /** An optional field that, when present, holds a JSONata expression. */
    private static void checkOptionalExpression(List<Problem> problems, String path, String expression,
                                                String orElse) {
        if (expression.isBlank()) {
            problems.add(new Problem(path, "is empty; write a JSONata expression such as payload, " + orElse));
        } else {
            FlowValidator.checkExpression(problems, path, expression);
        }
    }

    /** Whether the template's text, outside its placeholders, breaks a line (a JSONata expression may). */
    private static boolean hasLiteralLineBreak(TextTemplate template) {
        return template.segments().stream().anyMatch(segment -> segment instanceof TextTemplate.Literal literal
                && hasLineBreak(literal.text()));
    }

    private static boolean hasLineBreak(String text) {
        return text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0;
    }
}
