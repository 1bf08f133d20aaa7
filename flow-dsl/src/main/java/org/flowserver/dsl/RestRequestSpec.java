package org.flowserver.dsl;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Calls another system over HTTP, the outbound REST call. The answer becomes the payload (as {@code output}
 * says) and the {@code restResponse.*} exchange properties. Settings left out come from the service (for a
 * {@link RestTarget.Service} target), then from the server's defaults.
 *
 * @param common                  the properties every processor has
 * @param target                  where the request goes
 * @param method                  absent: the service's method, else POST with a body, else GET
 * @param headers                 request headers (values are templates); they replace a service's headers of the
 *                                same name (ignoring case), an empty value removes one
 * @param queryParameters         query parameters (values are templates), merged with the service's likewise
 * @param cookies                 cookies sent in one {@code Cookie} header (values are templates)
 * @param body                    a JSONata expression whose result is the body: objects and arrays as JSON
 *                                (URL-encoded when the content type is {@code application/x-www-form-urlencoded}),
 *                                text in the content type's charset, binary as is; absent sends no body
 * @param multipart               a multipart body instead of {@code body}
 * @param auth                    credentials; absent uses the service's, {@link RestAuthSpec.None} none at all
 * @param connectTimeout          how long to wait for a connection; {@code PT0S} waits without limit
 * @param readTimeout             how long to wait for the next bytes of the answer; {@code PT0S} without limit
 * @param totalTimeout            how long one attempt may take in all; {@code PT0S} without limit
 * @param followRedirects         whether redirects are followed; absent: the service's, else true
 * @param maxRedirects            the most redirects followed, 0 to 20; absent: the service's, else 10
 * @param expectedStatusCodes     the statuses that count as success; empty means any 2xx
 * @param retryPolicy             how the call retries; absent: the service's, else {@link RetryPolicySpec#DEFAULT}
 * @param onError                 what a failed call does to the message; default {@link OnError#BREAK_FLOW}
 * @param output                  what becomes of the payload; default {@link RestOutput#BODY}
 * @param forwardResponseHeaders  answer headers copied to {@code responseHeader.<Name>}, so that a
 *                                {@code restApi} flow passes them to its caller
 * @param cache                   keeps successful answers of a GET or HEAD call
 */
public record RestRequestSpec(CommonProperties common, RestTarget target, Optional<RestMethod> method,
                              Map<String, List<String>> headers, Map<String, List<String>> queryParameters,
                              Map<String, String> cookies, Optional<String> body, Optional<MultipartSpec> multipart,
                              Optional<RestAuthSpec> auth, Optional<Duration> connectTimeout,
                              Optional<Duration> readTimeout, Optional<Duration> totalTimeout,
                              Optional<Boolean> followRedirects, OptionalInt maxRedirects,
                              List<Integer> expectedStatusCodes, Optional<RetryPolicySpec> retryPolicy,
                              OnError onError, RestOutput output, List<String> forwardResponseHeaders,
                              Optional<ResponseCacheSpec> cache) implements ProcessorSpec {

    public static final String TYPE = "restRequest";

    public RestRequestSpec {
        Objects.requireNonNull(common, "common");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(method, "method");
        headers = copy(headers);
        queryParameters = copy(queryParameters);
        cookies = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cookies));
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(multipart, "multipart");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(totalTimeout, "totalTimeout");
        Objects.requireNonNull(followRedirects, "followRedirects");
        Objects.requireNonNull(maxRedirects, "maxRedirects");
        expectedStatusCodes = List.copyOf(expectedStatusCodes);
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(onError, "onError");
        Objects.requireNonNull(output, "output");
        forwardResponseHeaders = List.copyOf(forwardResponseHeaders);
        Objects.requireNonNull(cache, "cache");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public <R> R accept(ProcessorVisitor<R> visitor) {
        return visitor.restRequest(this);
    }

    /** Insertion-ordered, unmodifiable, with unmodifiable value lists. */
    private static Map<String, List<String>> copy(Map<String, List<String>> map) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        map.forEach((name, values) -> copy.put(Objects.requireNonNull(name, "name"), List.copyOf(values)));
        return java.util.Collections.unmodifiableMap(copy);
    }
}
