package org.flowserver.processors.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One small exchange with an identity provider (a token request, a discovery document): bounded in time and in
 * size, never blocking, its answer's body kept only for the caller to parse (never put in a message: a token
 * endpoint may echo credentials).
 */
final class IdentityProviderCall {

    /** The largest token response or discovery document read. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    /** How long one exchange may take, connection included. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The status and body of an answer. */
    record Answer(int statusCode, byte[] body) {
    }

    private IdentityProviderCall() {
    }

    /**
     * Sends the request; fails with a transient {@link RestCallException} ({@code timeout} or {@code connection})
     * when there is no answer, or an {@code invalid-credentials} one when the answer is larger than
     * {@link #MAX_ANSWER_BYTES}. {@code place} starts every message ("OAuth 2.0 token request for client 'x' to
     * POST https://idp/token"), {@code tooLarge} names what was too large ("token response too large").
     */
    static Future<Answer> exchange(HttpClient client, HttpMethod method, URI uri, List<HttpField> headers,
                                   Buffer body, Duration timeout, String place, String tooLarge) {
        long started = System.nanoTime();
        RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(uri.toString())
                .setConnectTimeout(timeout.toMillis()).setIdleTimeout(timeout.toMillis()).setFollowRedirects(false);
        headers.forEach(field -> options.addHeader(field.name(), field.value()));
        AtomicBoolean timedOut = new AtomicBoolean();
        Future<Answer> answer;
        try {
            answer = client.request(options).compose(request -> {
                long timer = armTotalTimeout(request, started, timeout, timedOut);
                return request.send(body).compose(response -> readBounded(response, place, tooLarge))
                        .andThen(done -> cancelTimer(timer));
            });
        } catch (RuntimeException e) {
            answer = Future.failedFuture(e);
        }
        return answer.recover(failure -> Future.failedFuture(transportFailure(failure, timedOut.get(), timeout,
                place)));
    }

    /** The URL as it may be shown: scheme, host, port and path; no user info, query or fragment. */
    static String shown(URI uri) {
        StringBuilder text = new StringBuilder();
        if (uri.getScheme() != null) {
            text.append(uri.getScheme()).append("://");
        }
        if (uri.getHost() != null) {
            text.append(uri.getHost());
            if (uri.getPort() != -1) {
                text.append(':').append(uri.getPort());
            }
        }
        if (uri.getRawPath() != null) {
            text.append(uri.getRawPath());
        }
        return text.toString();
    }

    /** A timeout as people write it: {@code 10 s}, {@code 250 ms}. */
    static String shown(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** The failure for an answer with an error status; its body is never part of it. */
    static RestCallException statusFailure(int status, String place, String refusedAdvice) {
        if (status >= 500 && status <= 599 || status == 429) {
            RestErrorKind kind = RestErrorKind.of(status);
            return new RestCallException(place + " answered " + status + " (" + kind.code()
                    + "): the identity provider is failing or busy; a later try may succeed",
                    kind, OptionalInt.of(status), "", 1, true, false, null);
        }
        return new RestCallException(place + " answered " + status + " ("
                + RestErrorKind.INVALID_CREDENTIALS.code() + "): " + refusedAdvice
                + " (the answer's body is not shown: it may echo credentials)",
                RestErrorKind.INVALID_CREDENTIALS, OptionalInt.of(status), "", 1, false, false, null);
    }

    /**
     * The answer's body as a JSON object; an {@link #invalid} failure, naming what was {@code expected} (and not
     * the body), when it is not one.
     */
    static JsonNode jsonObject(Answer answer, String place, String expected) {
        JsonNode root;
        try {
            root = JSON.readTree(answer.body());
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw invalid(place + " answered " + answer.statusCode() + " with a body that is not a JSON object: "
                    + "expected " + expected, OptionalInt.of(answer.statusCode()));
        }
        return root;
    }

    /** A non-transient {@code invalid-credentials} failure about a well-delivered answer. */
    static RestCallException invalid(String message, OptionalInt status) {
        return new RestCallException(message, RestErrorKind.INVALID_CREDENTIALS, status, "", 1, false, false, null);
    }

    private static long armTotalTimeout(HttpClientRequest request, long started, Duration timeout,
                                        AtomicBoolean timedOut) {
        Context context = Vertx.currentContext();
        if (context == null) {
            return -1;
        }
        long left = Math.max(1, timeout.toMillis() - Duration.ofNanos(System.nanoTime() - started).toMillis());
        return context.owner().setTimer(left, id -> {
            timedOut.set(true);
            request.reset(0, new TimeoutException("no complete answer within " + shown(timeout)));
        });
    }

    private static void cancelTimer(long timer) {
        Context context = Vertx.currentContext();
        if (timer != -1 && context != null) {
            context.owner().cancelTimer(timer);
        }
    }

    private static Future<Answer> readBounded(HttpClientResponse response, String place, String tooLarge) {
        Promise<Answer> promise = Promise.promise();
        if (declaredLength(response) > MAX_ANSWER_BYTES) {
            // Resetting fails the stream: expected here, so not reported as unhandled.
            response.exceptionHandler(expected -> { });
            response.request().reset();
            return Future.failedFuture(tooLarge(place, tooLarge, response.statusCode()));
        }
        Buffer collected = Buffer.buffer();
        response.handler(chunk -> {
            if (promise.future().isComplete()) {
                return;
            }
            if (collected.length() + chunk.length() > MAX_ANSWER_BYTES) {
                promise.tryFail(tooLarge(place, tooLarge, response.statusCode()));
                response.request().reset();
                return;
            }
            collected.appendBuffer(chunk);
        });
        response.exceptionHandler(promise::tryFail);
        response.endHandler(end -> promise.tryComplete(new Answer(response.statusCode(), collected.getBytes())));
        return promise.future();
    }

    private static long declaredLength(HttpClientResponse response) {
        String length = response.getHeader("Content-Length");
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static RestCallException tooLarge(String place, String tooLarge, int status) {
        return invalid(place + " answered more than " + MAX_ANSWER_BYTES + " bytes (" + tooLarge
                + "): expected a small JSON object", OptionalInt.of(status));
    }

    private static RestCallException transportFailure(Throwable failure, boolean timedOut, Duration timeout,
                                                      String place) {
        if (failure instanceof RestCallException known) {
            return known;
        }
        if (timedOut || causedBy(failure, TimeoutException.class)) {
            return new RestCallException(place + " got no answer within " + shown(timeout) + " ("
                    + RestErrorKind.TIMEOUT.code() + "); a later try may succeed",
                    RestErrorKind.TIMEOUT, OptionalInt.empty(), "", 1, true, false, failure);
        }
        if (causedBy(failure, javax.net.ssl.SSLException.class)) {
            return new RestCallException(place + " failed its TLS handshake (" + RestErrorKind.TLS.code()
                    + "): check the identity provider's certificate and the trust of the client that asks it",
                    RestErrorKind.TLS, OptionalInt.empty(), "", 1, false, false, failure);
        }
        return new RestCallException(place + " failed to connect or was cut off ("
                + RestErrorKind.CONNECTION.code() + "): refused, reset or unreachable; a later try may succeed",
                RestErrorKind.CONNECTION, OptionalInt.empty(), "", 1, true, false, failure);
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
