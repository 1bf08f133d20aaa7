package org.flowserver.dsl;

import static org.flowserver.dsl.FlowValidator.quote;

import com.dashjoin.jsonata.Jsonata;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The build-time rules of a {@link RestRequestSpec} (design record 0002, §3): those of a call's target, body,
 * cookies and response handling here, those it shares with a service of the server in
 * {@link OutboundSettingsRules}. Whether a service or secret exists, and may be used by the flow's owner, is the
 * server's check at deploy, not one of these.
 */
final class RestRequestRules {

    static final String SERVICE_NAME_TEXT = "[a-zA-Z][a-zA-Z0-9_-]{0,29}";

    private static final Pattern SERVICE_NAME = Pattern.compile(SERVICE_NAME_TEXT);
    /** A host name, an IPv4 address, or an IPv6 address in brackets. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*|\\[[0-9A-Fa-f:.]+]");
    /** RFC 2046 §5.1.1: 1 to 70 {@code bchars}, the last not a space. */
    private static final Pattern BOUNDARY = Pattern.compile("[0-9A-Za-z'()+_,\\-./:=? ]{0,69}[0-9A-Za-z'()+_,\\-./:=?]");
    private static final Pattern BOUNDARY_PARAMETER = Pattern.compile("(?i);\\s*boundary\\s*=");
    private static final String PLACEHOLDER_IN_ORIGIN = " has a placeholder in its scheme, host or port; placeholders "
            + "may only be in the path and query (a payload must not choose where a request and its credentials go)";
    /** A call's header and query values are templates: each must compile, and a header's text is one line. */
    private static final OutboundSettingsRules.ValueRule TEMPLATE = (problems, path, value, header) ->
            checkTemplate(problems, path, value)
                    .filter(template -> header && !literalIsOneLine(template))
                    .ifPresent(template -> problems.add(new Problem(path, OutboundSettingsRules.NOT_ONE_LINE)));

    private RestRequestRules() {
    }

    static void check(List<Problem> problems, String path, RestRequestSpec spec) {
        checkTarget(problems, path, spec.target());
        checkBodyAndMethod(problems, path, spec);
        OutboundSettingsRules.checkHeaders(problems, path + ".headers", spec.headers(), spec.auth(), TEMPLATE);
        OutboundSettingsRules.checkQueryParameters(problems, path + ".queryParameters", spec.queryParameters(),
                TEMPLATE);
        spec.cookies().forEach((name, value) -> {
            if (!OutboundSettingsRules.isToken(name)) {
                problems.add(new Problem(path + ".cookies", quote(name) + " is not a cookie name; "
                        + OutboundSettingsRules.TOKEN_ADVICE));
            }
            String cookiePath = path + ".cookies." + name;
            checkTemplate(problems, cookiePath, value)
                    .filter(RestRequestRules::hasLiteralLineBreak)
                    .ifPresent(template -> problems.add(new Problem(cookiePath, "has a line break; a cookie value is "
                            + "part of the one-line Cookie header")));
        });
        spec.auth().ifPresent(auth -> problems.addAll(OutboundSettingsRules.auth(path + ".auth", auth)));
        spec.connectTimeout().ifPresent(timeout ->
                problems.addAll(OutboundSettingsRules.timeout(path + ".connectTimeout", timeout)));
        spec.readTimeout().ifPresent(timeout ->
                problems.addAll(OutboundSettingsRules.timeout(path + ".readTimeout", timeout)));
        spec.totalTimeout().ifPresent(timeout ->
                problems.addAll(OutboundSettingsRules.timeout(path + ".totalTimeout", timeout)));
        spec.maxRedirects().ifPresent(max ->
                problems.addAll(OutboundSettingsRules.maxRedirects(path + ".maxRedirects", max)));
        OutboundSettingsRules.checkStatusCodes(problems, path + ".expectedStatusCodes", spec.expectedStatusCodes());
        spec.retryPolicy().ifPresent(policy ->
                problems.addAll(OutboundSettingsRules.retryPolicy(path + ".retryPolicy", policy)));
        for (int i = 0; i < spec.forwardResponseHeaders().size(); i++) {
            String name = spec.forwardResponseHeaders().get(i);
            if (!OutboundSettingsRules.isToken(name)) {
                problems.add(new Problem(path + ".forwardResponseHeaders[" + i + "]", quote(name)
                        + " is not a header name; " + OutboundSettingsRules.TOKEN_ADVICE));
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
        problems.addAll(OutboundSettingsRules.cache(path, cache));
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
            } else if (!OutboundSettingsRules.isOneLine(contentType)) {
                problems.add(new Problem(path + ".contentType", OutboundSettingsRules.NOT_ONE_LINE));
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

    /** Whether the template's text, outside its placeholders, is fit for one header line. */
    private static boolean literalIsOneLine(TextTemplate template) {
        return template.segments().stream().allMatch(segment -> !(segment instanceof TextTemplate.Literal literal)
                || OutboundSettingsRules.isOneLine(literal.text()));
    }

    private static boolean hasLineBreak(String text) {
        return text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0;
    }
}
