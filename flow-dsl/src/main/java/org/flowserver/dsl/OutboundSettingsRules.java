package org.flowserver.dsl;

import static org.flowserver.dsl.FlowValidator.quote;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules of the outbound-call settings a {@code restRequest} and a service of the server's outbound config
 * share: headers, query parameters, {@code auth}, timeouts, {@code maxRedirects}, {@code retryPolicy} and
 * {@code cache}. {@link FlowSpec} checks them for every call; the server checks them for every service, so that
 * both are held to the same rules, worded alike.
 *
 * <p>Each method returns the problems of one setting (empty when it keeps every rule), with paths below the
 * {@code path} given, which is the setting's own ({@code services[0].auth}). A value that may be a secret (a
 * header value, a secret name that is not one, a URL with user information) is never quoted. Whether a secret
 * exists, and may be used, is for the caller to check: see {@link #secretNames}. Nothing here throws for a bad
 * value; a {@code null} argument is a {@link NullPointerException}.
 */
public final class OutboundSettingsRules {

    /** The form of a secret's name, in the server's store and wherever an {@code auth} names one. */
    public static final String SECRET_NAME_PATTERN = "[a-zA-Z][a-zA-Z0-9._-]{0,63}";

    static final String TOKEN_ADVICE = "use an HTTP token: letters, digits and !#$%&'*+-.^_`|~";

    private static final Pattern SECRET_NAME = Pattern.compile(SECRET_NAME_PATTERN);
    /** RFC 9110 §5.6.2 {@code token}, the form of a header (and cookie) name. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
    private static final int MAX_REDIRECTS = 20;
    private static final Duration MAX_TIMEOUT = Duration.ofHours(24);
    private static final Duration MIN_RETRY_WAIT = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY_DEADLINE = Duration.ofHours(1);
    private static final Duration MIN_TTL = Duration.ofSeconds(1);
    private static final Duration MAX_TTL = Duration.ofDays(1);
    static final String NOT_ONE_LINE = "contains a line break or another control character; a header value "
            + "is one line of text";

    /** Headers a call or a service may not set, lower-cased, with the reason. */
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

    /** Checks one header or query parameter value, adding what is wrong with it. */
    interface ValueRule {
        void check(List<Problem> problems, String path, String value, boolean header);
    }

    /** Values that are sent as written, a service's: a header value is one line. */
    private static final ValueRule LITERAL = (problems, path, value, header) -> {
        if (header && !isOneLine(value)) {
            problems.add(new Problem(path, NOT_ONE_LINE));
        }
    };

    private OutboundSettingsRules() {
    }

    /**
     * Header names are HTTP tokens, each once ignoring case, none of those the HTTP client or {@code auth} sets
     * ({@code Authorization}, {@code Proxy-Authorization}, {@code Connection}, {@code Transfer-Encoding},
     * {@code Content-Length}, {@code Host}, the header of an {@code apiKey} auth); each has one or more values, and
     * each value (sent as written) is one line.
     *
     * @param path  where the headers are ({@code services[0].headers})
     * @param auth  the auth of the same call or service, whose apiKey header may not be among the headers
     */
    public static List<Problem> headers(String path, Map<String, List<String>> headers, Optional<RestAuthSpec> auth) {
        List<Problem> problems = new ArrayList<>();
        checkHeaders(problems, path, headers, auth, LITERAL);
        return problems;
    }

    /**
     * Each query parameter has a name and one or more values.
     *
     * @param path  where the parameters are ({@code services[0].queryParameters})
     */
    public static List<Problem> queryParameters(String path, Map<String, List<String>> parameters) {
        List<Problem> problems = new ArrayList<>();
        checkQueryParameters(problems, path, parameters, LITERAL);
        return problems;
    }

    /**
     * Every secret is named in the form {@value #SECRET_NAME_PATTERN}; a basic user name is given and has no
     * {@code :}; an apiKey header is a token, neither {@code Authorization} nor one the client sets; OAuth 2.0 has
     * exactly one of {@code tokenUrl} and {@code issuer}, each an absolute http(s) URL without user information or
     * fragment (an issuer also without query), a {@code clientId}, and no empty {@code scope} or {@code audience}.
     *
     * @param path  where the auth is ({@code processors[1].auth})
     */
    public static List<Problem> auth(String path, RestAuthSpec auth) {
        List<Problem> problems = new ArrayList<>();
        if (auth instanceof RestAuthSpec.Basic basic) {
            if (basic.username().isEmpty()) {
                problems.add(new Problem(path + ".username", "is required"));
            } else if (basic.username().contains(":")) {
                // Not quoted: "user:password" pasted into the user name would leak the password.
                problems.add(new Problem(path + ".username", "contains ':', which HTTP Basic cannot carry in a user "
                        + "name (the value is not shown: it may hold a password); the password goes in the secret "
                        + "passwordSecretName names"));
            }
            problems.addAll(secretName(path + ".passwordSecretName", basic.passwordSecretName()));
        } else if (auth instanceof RestAuthSpec.Bearer bearer) {
            problems.addAll(secretName(path + ".tokenSecretName", bearer.tokenSecretName()));
        } else if (auth instanceof RestAuthSpec.ApiKey apiKey) {
            checkApiKeyHeader(problems, path + ".headerName", apiKey.headerName());
            problems.addAll(secretName(path + ".apiKeySecretName", apiKey.apiKeySecretName()));
        } else if (auth instanceof RestAuthSpec.OAuth2ClientCredentials oauth2) {
            checkOAuth2(problems, path, oauth2);
        }
        return problems;
    }

    /**
     * A secret name is given and has the form {@value #SECRET_NAME_PATTERN}. One that has not may be a secret
     * pasted by mistake: it is never quoted.
     */
    public static List<Problem> secretName(String path, String name) {
        if (name.isEmpty()) {
            return List.of(new Problem(path, "is required; the name of a secret in the server's store, matching "
                    + SECRET_NAME_PATTERN));
        }
        if (!SECRET_NAME.matcher(name).matches()) {
            return List.of(new Problem(path, "does not match " + SECRET_NAME_PATTERN + ", the form of a secret name "
                    + "(the value is not shown: it may be a secret pasted by mistake); name a secret of the "
                    + "server's store"));
        }
        return List.of();
    }

    /**
     * The secrets an auth names, by the name of the property that names each ({@code tokenSecretName}), in the
     * order of the auth's properties; empty for {@code none}.
     */
    public static Map<String, String> secretNames(RestAuthSpec auth) {
        Map<String, String> names = new LinkedHashMap<>();
        if (auth instanceof RestAuthSpec.Basic basic) {
            names.put("passwordSecretName", basic.passwordSecretName());
        } else if (auth instanceof RestAuthSpec.Bearer bearer) {
            names.put("tokenSecretName", bearer.tokenSecretName());
        } else if (auth instanceof RestAuthSpec.ApiKey apiKey) {
            names.put("apiKeySecretName", apiKey.apiKeySecretName());
        } else if (auth instanceof RestAuthSpec.OAuth2ClientCredentials oauth2) {
            names.put("clientSecretName", oauth2.clientSecretName());
        }
        return names;
    }

    /** A timeout is from {@code PT0S} (no limit) to {@code PT24H}. */
    public static List<Problem> timeout(String path, Duration timeout) {
        if (timeout.isNegative() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            return List.of(new Problem(path, quote(timeout.toString()) + " is out of range; use PT0S (no limit) "
                    + "to PT24H"));
        }
        return List.of();
    }

    /** {@code maxRedirects} is 0 to 20. */
    public static List<Problem> maxRedirects(String path, int maxRedirects) {
        if (maxRedirects < 0 || maxRedirects > MAX_REDIRECTS) {
            return List.of(new Problem(path, quote(String.valueOf(maxRedirects)) + " is out of range; use 0 to "
                    + MAX_REDIRECTS + " (followRedirects false follows none)"));
        }
        return List.of();
    }

    /**
     * {@code initial} is at least 1 s (unless {@code deadline} is {@code PT0S}: no retries), {@code maximum} at
     * least {@code initial}, {@code multiplier} 1.0 to 10.0, {@code deadline} {@code PT0S} to {@code PT1H}, and the
     * retried statuses are 100 to 599.
     *
     * @param path  where the policy is ({@code processors[1].retryPolicy})
     */
    public static List<Problem> retryPolicy(String path, RetryPolicySpec policy) {
        List<Problem> problems = new ArrayList<>();
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
        return problems;
    }

    /**
     * {@code ttl} is 1 s to 1 day, {@code maxEntries} and {@code maxBytes} 1 or more. Which calls may be cached
     * depends on their method, so that rule is the caller's.
     *
     * @param path  where the cache is ({@code services[0].cache})
     */
    public static List<Problem> cache(String path, ResponseCacheSpec cache) {
        List<Problem> problems = new ArrayList<>();
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
        return problems;
    }

    // --- for RestRequestRules, whose header and query values are templates

    static void checkHeaders(List<Problem> problems, String path, Map<String, List<String>> headers,
                             Optional<RestAuthSpec> auth, ValueRule values) {
        Map<String, String> seen = new HashMap<>();
        Optional<String> apiKeyHeader = auth.filter(RestAuthSpec.ApiKey.class::isInstance)
                .map(apiKey -> ((RestAuthSpec.ApiKey) apiKey).headerName().toLowerCase(Locale.ROOT));
        headers.forEach((name, headerValues) -> {
            String headerPath = path + "." + name;
            String lower = name.toLowerCase(Locale.ROOT);
            if (!isToken(name)) {
                problems.add(new Problem(path, quote(name) + " is not a header name; " + TOKEN_ADVICE));
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
            checkValues(problems, headerPath, headerValues, true, values);
        });
    }

    static void checkQueryParameters(List<Problem> problems, String path, Map<String, List<String>> parameters,
                                     ValueRule values) {
        parameters.forEach((name, parameterValues) -> {
            if (name.isEmpty()) {
                problems.add(new Problem(path, "has a parameter without a name; give each parameter a name"));
                return;
            }
            checkValues(problems, path + "." + name, parameterValues, false, values);
        });
    }

    static void checkStatusCodes(List<Problem> problems, String path, List<Integer> statusCodes) {
        for (int i = 0; i < statusCodes.size(); i++) {
            int code = statusCodes.get(i);
            if (code < 100 || code > 599) {
                problems.add(new Problem(path + "[" + i + "]", quote(String.valueOf(code))
                        + " is not an HTTP status; use 100 to 599"));
            }
        }
    }

    static boolean isToken(String name) {
        return TOKEN.matcher(name).matches();
    }

    /** Whether the text has no control character but tab (so no line break): what a header value may hold. */
    static boolean isOneLine(String text) {
        return text.chars().noneMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f);
    }

    private static void checkValues(List<Problem> problems, String path, List<String> values, boolean header,
                                    ValueRule rule) {
        if (values.isEmpty()) {
            problems.add(new Problem(path, "has no value; give one or more (in a call, an empty string removes the "
                    + "service's value of that name)"));
        }
        for (int i = 0; i < values.size(); i++) {
            rule.check(problems, path + "[" + i + "]", values.get(i), header);
        }
    }

    private static void checkApiKeyHeader(List<Problem> problems, String path, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            problems.add(new Problem(path, "is required; the header that carries the key, such as X-Api-Key"));
        } else if (!isToken(name)) {
            problems.add(new Problem(path, quote(name) + " is not a header name; " + TOKEN_ADVICE));
        } else if (lower.equals("authorization")) {
            problems.add(new Problem(path, quote(name) + " is not allowed; for the Authorization header use bearer "
                    + "or basic, or a header of its own such as X-Api-Key"));
        } else if (FORBIDDEN_HEADERS.containsKey(lower)) {
            problems.add(new Problem(path, quote(name) + " is not allowed; " + FORBIDDEN_HEADERS.get(lower)));
        }
    }

    private static void checkOAuth2(List<Problem> problems, String path,
                                    RestAuthSpec.OAuth2ClientCredentials oauth2) {
        if (oauth2.tokenUrl().isPresent() && oauth2.issuer().isPresent()) {
            problems.add(new Problem(path + ".issuer", "cannot be combined with tokenUrl; set tokenUrl or issuer, "
                    + "not both"));
        } else if (oauth2.tokenUrl().isEmpty() && oauth2.issuer().isEmpty()) {
            problems.add(new Problem(path, "has neither tokenUrl nor issuer; set the token endpoint in tokenUrl, "
                    + "or an OpenID Connect issuer in issuer"));
        }
        oauth2.tokenUrl().ifPresent(url -> checkEndpoint(problems, path + ".tokenUrl", url,
                "https://login.example.com/oauth2/token", false));
        oauth2.issuer().ifPresent(url -> checkEndpoint(problems, path + ".issuer", url,
                "https://login.example.com/realms/acme", true));
        if (oauth2.clientId().isBlank()) {
            problems.add(new Problem(path + ".clientId", "is required"));
        }
        problems.addAll(secretName(path + ".clientSecretName", oauth2.clientSecretName()));
        oauth2.scope().filter(String::isBlank).ifPresent(scope ->
                problems.add(new Problem(path + ".scope", "is empty; leave it out to ask for no scope")));
        oauth2.audience().filter(String::isBlank).ifPresent(audience ->
                problems.add(new Problem(path + ".audience", "is empty; leave it out to ask for no audience")));
    }

    /** An identity provider's URL: absolute http(s), no user information or fragment; an issuer has no query. */
    private static void checkEndpoint(List<Problem> problems, String path, String url, String example,
                                      boolean issuer) {
        if (hasUserInfo(url)) {
            // Not quoted: what precedes the host is likely a user name and password.
            problems.add(new Problem(path, "has user information (user:password@) before its host; the client's "
                    + "credentials go in clientId and clientSecretName (the URL is not shown: it may hold a "
                    + "password)"));
            return;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            uri = null;
        }
        String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri == null || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            problems.add(new Problem(path, quote(url) + " is not an absolute https or http URL; write one such as "
                    + example));
        } else if (issuer && uri.getRawQuery() != null) {
            problems.add(new Problem(path, quote(url) + " has a query; an OpenID Connect issuer has none, give the "
                    + "issuer exactly"));
        } else if (uri.getRawFragment() != null) {
            problems.add(new Problem(path, quote(url) + " has a fragment (#...); a request never sends one, leave it "
                    + "out"));
        }
    }

    /** Whether an {@code @} comes before the end of the URL's authority. */
    private static boolean hasUserInfo(String url) {
        int scheme = url.indexOf("://");
        for (int i = scheme < 0 ? 0 : scheme + 3; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return false;
            }
            if (c == '@') {
                return true;
            }
        }
        return false;
    }
}
