package org.flowserver.dsl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Configures a {@link RestRequestSpec}, an outbound HTTP call. The target is exactly one of {@link #url},
 * {@link #hostname} (with {@link #scheme}, {@link #port}, {@link #basePath}, {@link #path}) or {@link #service}
 * (with {@link #path}). Text settings marked as templates hold {@code {JSONata}} placeholders
 * ({@code customers/{payload.id}}; <code>{{</code> for a literal brace); {@link #body} and a part's content are JSONata
 * expressions. Every setting left out takes the service's value (for a service target), then the server's default.
 *
 * <p>{@link FlowBuilder#build()} reports every problem at once with its path: what this builder cannot put in a spec
 * (two targets, a {@code port} next to a {@code url}, an {@code auth} without a kind, a {@code cache} without a
 * {@code ttl}), and every rule of {@link RestRequestSpec}. Whether a service or secret exists, and may be used by the
 * flow's owner, is checked by the server at deploy.
 *
 * <p>Every method throws {@link NullPointerException} for a {@code null} argument; nothing else is thrown before
 * {@code build()}.
 */
public final class RestRequestBuilder extends ProcessorBuilder<RestRequestBuilder> {

    private TargetFields target = TargetFields.NONE;
    private Optional<RestMethod> method = Optional.empty();
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final Map<String, List<String>> queryParameters = new LinkedHashMap<>();
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private Optional<String> body = Optional.empty();
    private Optional<MultipartSpec> multipart = Optional.empty();
    private Optional<RestAuthSpec> auth = Optional.empty();
    private List<Problem> authProblems = List.of();
    private Optional<Duration> connectTimeout = Optional.empty();
    private Optional<Duration> readTimeout = Optional.empty();
    private Optional<Duration> totalTimeout = Optional.empty();
    private Optional<Boolean> followRedirects = Optional.empty();
    private OptionalInt maxRedirects = OptionalInt.empty();
    private final List<Integer> expectedStatusCodes = new ArrayList<>();
    private Optional<RetryPolicySpec> retryPolicy = Optional.empty();
    private OnError onError = OnError.BREAK_FLOW;
    private RestOutput output = RestOutput.BODY;
    private final List<String> forwardResponseHeaders = new ArrayList<>();
    private Optional<ResponseCacheSpec> cache = Optional.empty();
    private List<Problem> cacheProblems = List.of();

    RestRequestBuilder(String id) {
        super(id);
    }

    @Override
    RestRequestBuilder self() {
        return this;
    }

    /**
     * The full URL, a template: {@code https://host/path?query}, or {@code <service>://path} for a service
     * configured on the server. Placeholders only in the path and query. Instead of {@code hostname} or
     * {@code service}.
     */
    public RestRequestBuilder url(String url) {
        target = target.withUrl(Objects.requireNonNull(url, "url"));
        return this;
    }

    /** {@code http} or {@code https}, with {@code hostname}; default {@code https}. */
    public RestRequestBuilder scheme(String scheme) {
        target = target.withScheme(Objects.requireNonNull(scheme, "scheme"));
        return this;
    }

    /** The host name or address to call, without placeholders; instead of {@code url} or {@code service}. */
    public RestRequestBuilder hostname(String hostname) {
        target = target.withHostname(Objects.requireNonNull(hostname, "hostname"));
        return this;
    }

    /** The port, 1 to 65535, with {@code hostname}; default 443 for https, 80 for http. */
    public RestRequestBuilder port(int port) {
        target = target.withPort(port);
        return this;
    }

    /** A path template before {@code path}, with {@code hostname}; the two are joined with exactly one slash. */
    public RestRequestBuilder basePath(String basePath) {
        target = target.withBasePath(Objects.requireNonNull(basePath, "basePath"));
        return this;
    }

    /** A path template, after the {@code basePath} of a {@code hostname} or under the base URL of a {@code service}. */
    public RestRequestBuilder path(String path) {
        target = target.withPath(Objects.requireNonNull(path, "path"));
        return this;
    }

    /**
     * A service configured on the server, by name (ignoring case); instead of {@code url} or {@code hostname}.
     * Whether it exists and may be used by the flow's owner is checked at deploy.
     */
    public RestRequestBuilder service(String service) {
        target = target.withService(Objects.requireNonNull(service, "service"));
        return this;
    }

    /**
     * The HTTP method. Default: the service's, else POST when a {@code body} or {@code multipart} is set, else GET.
     * GET, HEAD and OPTIONS may not carry a body.
     */
    public RestRequestBuilder method(RestMethod method) {
        this.method = Optional.of(Objects.requireNonNull(method, "method"));
        return this;
    }

    /**
     * Adds a value (a template) to the request header {@code name}; a second call with the same name (ignoring
     * case) sends the header twice. It replaces a service's header of that name; an empty value removes it.
     * Credentials go in {@link #auth}, not here.
     */
    public RestRequestBuilder header(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        String key = headers.keySet().stream().filter(name::equalsIgnoreCase).findFirst().orElse(name);
        headers.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        return this;
    }

    /**
     * Adds a value (a template) to the query parameter {@code name} (matched exactly); a second call with the same
     * name repeats the parameter. It replaces a service's parameter of that name; an empty value removes it.
     */
    public RestRequestBuilder queryParameter(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        queryParameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        return this;
    }

    /** Sets the cookie {@code name} to {@code value} (a template), replacing an earlier value of that name. */
    public RestRequestBuilder cookie(String name, String value) {
        cookies.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * The body, a JSONata expression ({@code payload} sends the payload): an object or array is sent as JSON
     * (URL-encoded for {@code Content-Type: application/x-www-form-urlencoded}), text in the content type's
     * charset, binary as is. By default no body. Instead of {@code multipart}.
     */
    public RestRequestBuilder body(String jsonataExpression) {
        this.body = Optional.of(Objects.requireNonNull(jsonataExpression, "jsonataExpression"));
        return this;
    }

    /** A multipart body, configured by {@code configurator}; instead of {@code body}. */
    public RestRequestBuilder multipart(Consumer<MultipartBuilder> configurator) {
        MultipartBuilder builder = new MultipartBuilder();
        configurator.accept(builder);
        this.multipart = Optional.of(builder.build());
        return this;
    }

    /**
     * The credentials, chosen by {@code configurator} ({@code a -> a.bearer("github-token")}). Default: the
     * service's, else none.
     */
    public RestRequestBuilder auth(Consumer<RestAuthBuilder> configurator) {
        RestAuthBuilder builder = new RestAuthBuilder();
        configurator.accept(builder);
        this.auth = builder.build();
        this.authProblems = builder.problems();
        return this;
    }

    /** How long to wait for a connection, {@code PT0S} (no limit) to 24 h. Default: the service's, else 5 s. */
    public RestRequestBuilder connectTimeout(Duration connectTimeout) {
        this.connectTimeout = Optional.of(Objects.requireNonNull(connectTimeout, "connectTimeout"));
        return this;
    }

    /**
     * How long to wait for the next bytes of the answer, {@code PT0S} (no limit) to 24 h. Default: the service's,
     * else 15 s.
     */
    public RestRequestBuilder readTimeout(Duration readTimeout) {
        this.readTimeout = Optional.of(Objects.requireNonNull(readTimeout, "readTimeout"));
        return this;
    }

    /** How long one attempt may take in all, {@code PT0S} (no limit) to 24 h. Default: the service's, else 30 s. */
    public RestRequestBuilder totalTimeout(Duration totalTimeout) {
        this.totalTimeout = Optional.of(Objects.requireNonNull(totalTimeout, "totalTimeout"));
        return this;
    }

    /** Whether redirects are followed. Default: the service's, else {@code true}. */
    public RestRequestBuilder followRedirects(boolean followRedirects) {
        this.followRedirects = Optional.of(followRedirects);
        return this;
    }

    /** The most redirects followed, 0 to 20. Default: the service's, else 10. */
    public RestRequestBuilder maxRedirects(int maxRedirects) {
        this.maxRedirects = OptionalInt.of(maxRedirects);
        return this;
    }

    /**
     * The statuses that count as success, 100 to 599 each, replacing any set before. By default (none set) any
     * 2xx.
     */
    public RestRequestBuilder expectedStatusCodes(int... statusCodes) {
        expectedStatusCodes.clear();
        for (int statusCode : statusCodes) {
            expectedStatusCodes.add(statusCode);
        }
        return this;
    }

    /** Adds one status that counts as success, 100 to 599. */
    public RestRequestBuilder expectedStatusCode(int statusCode) {
        expectedStatusCodes.add(statusCode);
        return this;
    }

    /**
     * How the call retries, configured by {@code configurator}; each setting left out takes its
     * {@link RetryPolicySpec#DEFAULT} value. Default: the service's policy, else {@link RetryPolicySpec#DEFAULT}.
     */
    public RestRequestBuilder retryPolicy(Consumer<RetryPolicyBuilder> configurator) {
        RetryPolicyBuilder builder = new RetryPolicyBuilder();
        configurator.accept(builder);
        this.retryPolicy = Optional.of(builder.build());
        return this;
    }

    /** What a failed call does to the message; default {@link OnError#BREAK_FLOW}. */
    public RestRequestBuilder onError(OnError onError) {
        this.onError = Objects.requireNonNull(onError, "onError");
        return this;
    }

    /** What becomes of the payload; default {@link RestOutput#BODY}. */
    public RestRequestBuilder output(RestOutput output) {
        this.output = Objects.requireNonNull(output, "output");
        return this;
    }

    /**
     * Adds an answer header to copy to {@code responseHeader.<name>}, so that a {@code restApi} flow passes it to
     * its caller.
     */
    public RestRequestBuilder forwardResponseHeader(String name) {
        forwardResponseHeaders.add(Objects.requireNonNull(name, "name"));
        return this;
    }

    /**
     * Keeps successful answers for a while, configured by {@code configurator} ({@code ttl} required). Only for
     * GET and HEAD calls. By default the service's cache, else none.
     */
    public RestRequestBuilder cache(Consumer<ResponseCacheBuilder> configurator) {
        ResponseCacheBuilder builder = new ResponseCacheBuilder();
        configurator.accept(builder);
        this.cache = Optional.of(builder.build());
        this.cacheProblems = builder.problems();
        return this;
    }

    @Override
    List<Problem> problems() {
        List<Problem> problems = new ArrayList<>(target.problems());
        authProblems.forEach(problem -> problems.add(problem.under("auth")));
        cacheProblems.forEach(problem -> problems.add(problem.under("cache")));
        return problems;
    }

    @Override
    RestRequestSpec build() {
        return new RestRequestSpec(common(), target.target(), method, headers, queryParameters, cookies, body,
                multipart, auth, connectTimeout, readTimeout, totalTimeout, followRedirects, maxRedirects,
                expectedStatusCodes, retryPolicy, onError, output, forwardResponseHeaders, cache);
    }
}
