package org.flowserver.processors.outbound;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A real HTTP server on a free loopback port for tests of outbound calls: it answers from a queue of scripted
 * answers (then the fallback answer, or a handler of the test's own) and records every request it received,
 * body bytes included.
 */
public final class LoopbackServer implements AutoCloseable {

    /** A request as received. */
    public record Received(String method, String uri, MultiMap headers, byte[] body) {

        public String header(String name) {
            return headers.get(name);
        }

        public String bodyText() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** A scripted answer, sent after {@code delay}. */
    public record Answer(int status, List<HttpField> headers, byte[] body, Duration delay) {

        public static Answer of(int status) {
            return new Answer(status, List.of(), new byte[0], Duration.ZERO);
        }

        public static Answer json(int status, String json) {
            return new Answer(status, List.of(new HttpField("Content-Type", "application/json")),
                    json.getBytes(java.nio.charset.StandardCharsets.UTF_8), Duration.ZERO);
        }

        public Answer header(String name, String value) {
            List<HttpField> more = new ArrayList<>(headers);
            more.add(new HttpField(name, value));
            return new Answer(status, more, body, delay);
        }

        public Answer body(String text) {
            return new Answer(status, headers, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), delay);
        }

        public Answer after(Duration wait) {
            return new Answer(status, headers, body, wait);
        }
    }

    private final Vertx vertx;
    private final HttpServer server;
    private final boolean tls;
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Answer fallback = Answer.of(200);
    private volatile Consumer<HttpServerRequest> handler;

    private LoopbackServer(Vertx vertx, HttpServerOptions options) {
        this.vertx = vertx;
        this.tls = options.isSsl();
        this.server = vertx.createHttpServer(options.setHost("127.0.0.1").setPort(0)).requestHandler(this::handle);
        await(server.listen().toCompletionStage().toCompletableFuture());
    }

    /** A plain HTTP server. */
    public static LoopbackServer start(Vertx vertx) {
        return new LoopbackServer(vertx, new HttpServerOptions());
    }

    /** A server with these options (TLS, for one); host and port are always loopback and free. */
    public static LoopbackServer start(Vertx vertx, HttpServerOptions options) {
        return new LoopbackServer(vertx, options);
    }

    public int port() {
        return server.actualPort();
    }

    /** {@code http://127.0.0.1:<port><path>} ({@code https} when {@code tls}). */
    public String url(String path) {
        return (tls ? "https" : "http") + "://127.0.0.1:" + port() + path;
    }

    /** Queues answers, sent in order to the next requests. */
    public LoopbackServer answer(Answer... next) {
        answers.addAll(List.of(next));
        return this;
    }

    /** The answer once the queue is empty; 200 without a body unless set. */
    public LoopbackServer fallback(Answer answer) {
        this.fallback = answer;
        return this;
    }

    /** Hands every request (once its body arrived) to {@code handler} instead of the scripted answers. */
    public LoopbackServer handler(Consumer<HttpServerRequest> handler) {
        this.handler = handler;
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public Received last() {
        return received.get(received.size() - 1);
    }

    public int count() {
        return received.size();
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            received.add(new Received(request.method().name(), request.uri(), MultiMap.caseInsensitiveMultiMap()
                    .addAll(request.headers()), body.getBytes()));
            Consumer<HttpServerRequest> custom = handler;
            if (custom != null) {
                custom.accept(request);
                return;
            }
            Answer answer = answers.poll();
            Answer chosen = answer == null ? fallback : answer;
            if (chosen.delay().isZero()) {
                send(request, chosen);
            } else {
                vertx.setTimer(chosen.delay().toMillis(), id -> send(request, chosen));
            }
        });
    }

    private static void send(HttpServerRequest request, Answer answer) {
        var response = request.response().setStatusCode(answer.status());
        answer.headers().forEach(field -> response.headers().add(field.name(), field.value()));
        response.end(Buffer.buffer(answer.body()));
    }

    @Override
    public void close() {
        await(server.close().toCompletionStage().toCompletableFuture());
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The loopback server did not start or stop in time", e);
        }
    }
}
