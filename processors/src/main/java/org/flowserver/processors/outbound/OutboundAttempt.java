package org.flowserver.processors.outbound;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.future.PromiseInternal;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.flowserver.processors.outbound.AttemptOutcome.Answer;
import org.flowserver.processors.outbound.AttemptOutcome.Failure;

/**
 * One attempt of a call: its credentials, its requests along redirects, and the one resend after a 401 that the
 * credentials could refresh. The total timeout covers all of it. Runs on the call's context only.
 *
 * <p>Redirects are followed here, not by Vert.x: 303, and 301/302 after a POST, continue as GET without a body;
 * 307 and 308 keep method and body. Once a hop leaves the first origin (scheme, host or port), the rest of the
 * chain goes without {@code Authorization}, {@code Proxy-Authorization}, {@code Cookie} and the credentials'
 * headers: another origin must not receive them.
 */
final class OutboundAttempt {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Set<String> ORIGIN_BOUND = Set.of("authorization", "proxy-authorization", "cookie");
    private static final Set<String> BODY_HEADERS = Set.of("content-type", "content-encoding", "content-language",
            "content-location", "digest", "content-digest");
    private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding", "host", "connection");
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final OutboundCall call;
    private final ContextInternal context;
    private final PromiseInternal<AttemptOutcome> outcome;
    private final Set<String> credentialNames = new HashSet<>();
    private long totalTimer = -1;
    private boolean done;
    private boolean sent;
    private Hop hop;
    private List<HttpField> credentialHeaders = List.of();

    // The redirect chain: where the next hop goes, and how.
    private String method;
    private URI uri;
    private Optional<byte[]> body;
    private List<HttpField> headers;
    private boolean crossOrigin;
    private int redirects;

    OutboundAttempt(OutboundCall call) {
        this.call = call;
        this.context = call.context();
        this.outcome = context.promise();
        call.credentials().headerNames().forEach(name -> credentialNames.add(name.toLowerCase(Locale.ROOT)));
    }

    /** Starts the attempt; its future never fails (a failure is an {@link AttemptOutcome.Failure}). */
    Future<AttemptOutcome> run() {
        long total = call.settings().totalTimeout().toMillis();
        if (total > 0) {
            totalTimer = context.setTimer(total, id -> {
                totalTimer = -1;
                finish(Failure.transport(RestErrorKind.TIMEOUT, "no complete answer within the total timeout of "
                        + total + " ms", sent, null));
            });
        }
        withCredentials();
        return outcome.future();
    }

    private void withCredentials() {
        call.here(safely(() -> call.credentials().headers())).onComplete(fetched -> {
            if (done) {
                return;
            }
            if (fetched.failed()) {
                finish(credentialsFailure(fetched.cause()));
                return;
            }
            try {
                credentialHeaders = fetched.result() == null ? List.of() : List.copyOf(fetched.result());
            } catch (NullPointerException e) {
                finish(credentialsFailure(new IllegalStateException("the credentials gave a header that is null")));
                return;
            }
            startChain();
        });
    }

    private void startChain() {
        OutboundRequest request = call.request();
        method = request.method();
        uri = request.uri();
        body = request.body();
        headers = request.headers();
        crossOrigin = false;
        redirects = 0;
        sendHop();
    }

    private void sendHop() {
        List<HttpField> fields = new ArrayList<>();
        for (HttpField field : headers) {
            String name = field.name().toLowerCase(Locale.ROOT);
            boolean dropped = crossOrigin && (ORIGIN_BOUND.contains(name) || credentialNames.contains(name));
            if (!dropped && !FRAMING.contains(name)) {
                fields.add(field);
            }
        }
        if (!crossOrigin) {
            fields.addAll(credentialHeaders);
        }
        hop = new Hop(method, uri, body, fields, !crossOrigin && !credentialHeaders.isEmpty());
        hop.start();
    }

    /** A hop got its whole answer: follow a redirect, resend once after a refreshed 401, or end the attempt. */
    private void answered(Hop answeredHop, Answer answer) {
        if (done) {
            return;
        }
        int status = answer.status();
        if (call.settings().followRedirects() && REDIRECTS.contains(status)) {
            Optional<URI> next = CallUrls.redirectTarget(answeredHop.uri, answer.header("Location"));
            if (next.isPresent()) {
                follow(status, next.get());
                return;
            }
        }
        if (status == 401 && answeredHop.withCredentials && call.takeRefresh()) {
            refreshAndResend(answer);
            return;
        }
        finish(answer);
    }

    private void follow(int status, URI next) {
        if (redirects >= call.settings().maxRedirects()) {
            finish(Failure.permanent(RestErrorKind.TOO_MANY_REDIRECTS, "more than "
                    + call.settings().maxRedirects() + " redirects", OptionalInt.of(status), null));
            return;
        }
        redirects++;
        boolean toGet = (status == 303 && !method.equals("HEAD"))
                || ((status == 301 || status == 302) && method.equals("POST"));
        if (toGet) {
            method = "GET";
            body = Optional.empty();
            headers = headers.stream()
                    .filter(field -> !BODY_HEADERS.contains(field.name().toLowerCase(Locale.ROOT))).toList();
        }
        crossOrigin = crossOrigin || !CallUrls.sameOrigin(uri, next);
        uri = next;
        sendHop();
    }

    private void refreshAndResend(Answer rejected) {
        List<HttpField> rejectedCredentials = credentialHeaders;
        call.here(safely(() -> call.credentials().refresh(rejectedCredentials))).onComplete(refreshed -> {
            if (done) {
                return;
            }
            if (refreshed.failed()) {
                finish(credentialsFailure(refreshed.cause()));
            } else if (Boolean.TRUE.equals(refreshed.result())) {
                withCredentials();
            } else {
                finish(rejected);
            }
        });
    }

    /** Ends the attempt once: timers off, the request in flight reset. */
    private void finish(AttemptOutcome result) {
        if (done) {
            return;
        }
        done = true;
        if (totalTimer != -1) {
            context.owner().cancelTimer(totalTimer);
            totalTimer = -1;
        }
        if (hop != null) {
            hop.abort();
        }
        outcome.tryComplete(result);
    }

    private Failure credentialsFailure(Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String detail = "the credentials could not be obtained: " + message;
        if (cause instanceof RestCallException failed) {
            // The API's request was not sent: a transient failure of the token endpoint may be retried.
            return new Failure(failed.kind(), detail, failed.isTransient() ? AttemptOutcome.Retry.ALWAYS
                    : AttemptOutcome.Retry.NEVER, OptionalInt.empty(), cause);
        }
        return Failure.permanent(RestErrorKind.INVALID_CREDENTIALS, detail, OptionalInt.empty(), cause);
    }

    private static <T> Future<T> safely(java.util.function.Supplier<Future<T>> action) {
        try {
            Future<T> future = action.get();
            return future == null ? Future.failedFuture(new IllegalStateException("no future")) : future;
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /** One request and its answer. */
    private final class Hop {

        private final String method;
        private final URI uri;
        private final Optional<byte[]> body;
        private final List<HttpField> fields;
        private final boolean withCredentials;
        private final long readTimeoutMillis = call.settings().readTimeout().toMillis();
        private final long maxBytes = call.settings().maxResponseBytes();
        private HttpClientRequest request;
        private boolean finished;
        private long readTimer = -1;
        private long lastData;
        private boolean headReceived;
        private int status;
        private List<HttpField> responseHeaders = List.of();
        private final Buffer received = Buffer.buffer();
        private long size;

        Hop(String method, URI uri, Optional<byte[]> body, List<HttpField> fields, boolean withCredentials) {
            this.method = method;
            this.uri = uri;
            this.body = body;
            this.fields = List.copyOf(fields);
            this.withCredentials = withCredentials;
        }

        void start() {
            long connectTimeout = call.settings().connectTimeout().toMillis();
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(method))
                    .setHost(CallUrls.host(uri)).setPort(CallUrls.port(uri)).setSsl(CallUrls.https(uri))
                    .setURI(CallUrls.requestTarget(uri)).setFollowRedirects(false)
                    // Includes the wait for a pooled connection (RequestOptions javadoc); 0 = no limit.
                    .setConnectTimeout(Math.max(0, connectTimeout));
            safely(() -> call.target().client().request(options)).onComplete(connected -> {
                if (finished) {
                    if (connected.succeeded()) {
                        connected.result().reset();
                    }
                    return;
                }
                if (connected.failed()) {
                    finish(TransportFailures.connecting(connected.cause(), connectTimeout, call.target().pool()));
                    return;
                }
                request = connected.result();
                sent = true;
                send();
            });
        }

        private void send() {
            Future<HttpClientResponse> response;
            try {
                for (HttpField field : fields) {
                    request.headers().add(field.name(), field.value());
                }
                if (body.isPresent()) {
                    // Always a Content-Length, never chunked: many APIs refuse chunked requests.
                    request.headers().set("Content-Length", String.valueOf(body.get().length));
                    response = request.send(Buffer.buffer(body.get()));
                } else {
                    response = request.send();
                }
            } catch (RuntimeException e) {
                // A header Vert.x refuses (a control character): never quote the value, it may be a secret.
                finish(Failure.permanent(RestErrorKind.CONNECTION, "the request could not be sent ("
                        + e.getClass().getSimpleName() + ": a header name or value HTTP does not allow)",
                        OptionalInt.empty(), null));
                return;
            }
            touch();
            if (readTimeoutMillis > 0) {
                armRead(readTimeoutMillis);
            }
            response.onComplete(arrived -> {
                if (finished) {
                    return;
                }
                if (arrived.failed()) {
                    finish(TransportFailures.exchanging(arrived.cause(), false));
                } else {
                    receive(arrived.result());
                }
            });
        }

        private void receive(HttpClientResponse response) {
            headReceived = true;
            touch();
            status = response.statusCode();
            List<HttpField> head = new ArrayList<>();
            for (Map.Entry<String, String> header : response.headers()) {
                head.add(new HttpField(header.getKey(), header.getValue()));
            }
            responseHeaders = head;
            response.exceptionHandler(failure -> {
                if (!finished) {
                    finish(TransportFailures.exchanging(failure, true));
                }
            });
            response.handler(this::chunk);
            response.endHandler(ignored -> end());
        }

        private void chunk(Buffer data) {
            if (finished) {
                return;
            }
            touch();
            size += data.length();
            if (size > maxBytes) {
                finish(Failure.permanent(RestErrorKind.RESPONSE_TOO_LARGE, "the answer's body is larger than the "
                        + "limit of " + maxBytes + " bytes", OptionalInt.of(status), null));
                return;
            }
            received.appendBuffer(data);
        }

        private void end() {
            if (finished) {
                return;
            }
            finished = true;
            cancelRead();
            answered(this, new Answer(status, responseHeaders, received.getBytes(), uri));
        }

        /** Stops this hop: the attempt ended (a timeout, a failure, a body too large) before its answer did. */
        void abort() {
            if (finished) {
                return;
            }
            finished = true;
            cancelRead();
            if (request != null) {
                // HTTP/1.1: closes the connection, so that nothing more of this answer is read.
                request.reset();
            }
        }

        private void touch() {
            lastData = System.nanoTime();
        }

        private void armRead(long delayMillis) {
            readTimer = context.setTimer(Math.max(1, delayMillis), id -> {
                readTimer = -1;
                if (finished) {
                    return;
                }
                long idleMillis = (System.nanoTime() - lastData) / NANOS_PER_MILLI;
                if (idleMillis < readTimeoutMillis) {
                    armRead(readTimeoutMillis - idleMillis);
                    return;
                }
                String detail = headReceived
                        ? "no more of the answer within the read timeout of " + readTimeoutMillis + " ms"
                        : "no answer within the read timeout of " + readTimeoutMillis + " ms";
                finish(Failure.transport(RestErrorKind.TIMEOUT, detail, true, null));
            });
        }

        private void cancelRead() {
            if (readTimer != -1) {
                context.owner().cancelTimer(readTimer);
                readTimer = -1;
            }
        }
    }
}
