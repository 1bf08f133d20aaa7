package org.flowserver.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flowserver.dsl.Access;
import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Random mutations of valid requests to a generic and an OpenAPI flow, sent over loopback sockets: bytes flipped,
 * bodies and requests cut short, special characters, line breaks, {@code %00} and huge values put in, headers
 * repeated, methods changed. No answer may be a 5xx or show exception text, every 4xx is a problem, and the server
 * serves as before afterwards. The run is bounded in count and time; each request derives from the seed and its
 * index, so a failure names both and {@code -Dfuzz.seed=...} repeats the run.
 */
class RequestFuzzIT {

    private static final long SEED = Long.getLong("fuzz.seed", 6_2026L);
    private static final int REQUESTS = 1500;
    private static final Duration TIME_BUDGET = Duration.ofSeconds(25);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    private static final int THREADS = 4;
    private static final List<String> LEAKS = List.of("Exception", "exception:", "\tat ", "at org.", "at io.",
            "at java.", "java.", "Caused by");
    private static final List<String> SPECIAL = List.of("\r\n", "\r", "\n", "%00", "\u0000", "%", "%zz", "%2e%2e/",
            "../", "%2F", ";", "\"", "{", "}", "[", "]", ",", ":", "\\", "\\u0000", "\u00ff", "\u00c3", "\u00e2\u0082",
            " ", "\t", "?", "#", "&", "=", "+", "'", "${x}", "$(x)", "<x>", "\r\nX-Injected: yes\r\n",
            "9".repeat(2000), "1e999999", "-1e-999999", "[".repeat(300), "{\"a\":".repeat(300), "A".repeat(9000),
            "\"a\":1,\"a\":2");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS",
            "TRACE", "CONNECT", "FOO", "PROPFIND", "get", "G ET", "", "POST POST", "M-SEARCH");
    private static final String SPEC = """
            {"openapi": "3.0.3", "info": {"title": "Orders", "version": "1"},
             "paths": {
              "/orders": {"post": {"operationId": "createOrder",
                "parameters": [{"name": "X-Tenant", "in": "header", "schema": {"type": "string", "maxLength": 10}}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {
                  "type": "object", "required": ["item", "qty"], "additionalProperties": false,
                  "properties": {"item": {"type": "string", "minLength": 1}, "qty": {"type": "integer", "minimum": 1},
                    "note": {"type": "string", "format": "email"}}}}}},
                "responses": {"201": {"description": "created"}}}},
              "/orders/{id}": {"get": {"operationId": "getOrder",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}},
                  {"name": "verbose", "in": "query", "schema": {"type": "boolean"}}],
                "responses": {"200": {"description": "found"}}}}}}
            """;

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.with(config -> config.toBuilder()
            .idleTimeout(Duration.ofSeconds(2)).build());

    @BeforeAll
    static void deployFlows() {
        SERVER.deployOk(Flow.define("echo", f -> f.ownerId("acme").restApi("echo-in", r -> r.access(Access.PUBLIC))));
        SERVER.deployOk(Flow.define("reader", f -> f.ownerId("acme").restApi("reader-in", r -> r.access(Access.PUBLIC))
                .map("to-reply", "{ 'type': $type(payload), 'size': $count(payload), 'first': properties.`http.path.1`,"
                        + " 'page': properties.`http.query.page` }")));
        SERVER.uploadSpecOk("acme", "orders", SPEC);
        SERVER.deployOk(Flow.define("orders", f -> f.ownerId("acme")
                .restApi("orders-in", r -> r.apiSpecId("OpenAPIv3:orders:latest").access(Access.PUBLIC))
                .map("to-reply", "{ 'order': payload, 'id': properties.`http.path.id` }")));
    }

    /** The valid requests that are mutated; each is answered with a 2xx as it is. */
    private static List<Request> validRequests() {
        return List.of(
                new Request("POST", "/acme/rs/echo", json(), "{\"name\": \"Ada\", \"tags\": [1, 2.5, true, null]}"),
                new Request("POST", "/acme/rs/reader/items/7?page=2&q=a%20b", json(),
                        "{\"order\": {\"id\": 7, \"lines\": [{\"sku\": \"x-1\", \"qty\": 3}]}}"),
                new Request("GET", "/acme/rs/reader/items?page=1&page=2", headers("X-Correlation-Id", "c-1"), ""),
                new Request("PUT", "/acme/rs/echo/forms", headers("Content-Type",
                        "application/x-www-form-urlencoded"), "a=1&b=x%20y&b=%C3%A9"),
                new Request("POST", "/acme/rs/reader", headers("Content-Type", "text/plain; charset=UTF-8"),
                        "Gr\u00fc\u00dfe"),
                new Request("POST", "/acme/rs/orders/orders", headers("Content-Type", "application/json",
                        "X-Tenant", "t1"), "{\"item\": \"book\", \"qty\": 2, \"note\": \"ann@example.com\"}"),
                new Request("GET", "/acme/rs/orders/orders/42?verbose=true", headers(), ""));
    }

    @Test
    void mutatedRequestsGetNo5xxAndNoExceptionText() throws Exception {
        // given
        List<Request> valid = validRequests();
        for (Request request : valid) {
            assertThat(send(request.render()).status()).as("unmutated %s", request).isBetween(200, 299);
        }
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long deadline = System.nanoTime() + TIME_BUDGET.toNanos();
        AtomicInteger sent = new AtomicInteger();

        // when
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                int index = i;
                tasks.add(pool.submit(() -> {
                    if (System.nanoTime() > deadline || failures.size() >= 5) {
                        return;
                    }
                    Random random = new Random(SEED * 31 + index);
                    Request base = valid.get(random.nextInt(valid.size()));
                    Mutated mutated = mutate(base, random);
                    RawHttp.Response response = sendQuietly(mutated);
                    sent.incrementAndGet();
                    statuses.computeIfAbsent(response.status(), status -> new AtomicInteger()).incrementAndGet();
                    check(response).ifPresent(problem -> failures.add("request " + index + " (seed " + SEED + "): "
                            + problem + "\n--- sent:\n" + printable(mutated.bytes()) + "\n--- answered:\n"
                            + printable(response.text().getBytes(StandardCharsets.ISO_8859_1))));
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }

        // then
        System.out.println("Fuzzing (seed " + SEED + "): " + sent.get() + " requests, answers by status "
                + new TreeMap<>(statuses));
        assertThat(failures).as("seed %d", SEED).isEmpty();
        assertThat(sent.get()).as("requests sent within %s", TIME_BUDGET).isGreaterThanOrEqualTo(300);
        SERVER.request().get("/health").then().statusCode(200);
        SERVER.request().contentType("application/json").body("{\"item\": \"book\", \"qty\": 2}")
                .post("/acme/rs/orders/orders").then().statusCode(201).body("order.item", equalTo("book"));
        for (Request request : valid) {
            assertThat(send(request.render()).status()).as("unmutated %s after fuzzing", request).isBetween(200, 299);
        }
    }

    /** What is wrong with an answer, if anything. */
    private static java.util.Optional<String> check(RawHttp.Response response) {
        if (response.status() >= 500) {
            return java.util.Optional.of("a " + response.status() + " answer");
        }
        String text = response.text();
        for (String leak : LEAKS) {
            if (text.contains(leak)) {
                return java.util.Optional.of("the answer shows '" + leak.trim() + "'");
            }
        }
        if (response.status() >= 400 && !response.header("Content-Type").orElse("").equals("application/problem+json")) {
            return java.util.Optional.of("a " + response.status() + " answer that is not a problem");
        }
        return java.util.Optional.empty();
    }

    /** A request as its parts, before it is written out. */
    private record Request(String method, String target, List<String[]> headers, String body) {

        Mutated render() {
            return render(method, target, "HTTP/1.1", headers, body.getBytes(StandardCharsets.UTF_8), true);
        }

        static Mutated render(String method, String target, String version, List<String[]> headers, byte[] body,
                              boolean contentLength) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes((method + " " + target + " " + version + "\r\nHost: localhost\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            for (String[] header : headers) {
                out.writeBytes((header[0] + ": " + header[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            if (contentLength && body.length > 0) {
                out.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            out.writeBytes(body);
            return new Mutated(out.toByteArray(), method.equals("HEAD"), false);
        }

        @Override
        public String toString() {
            return method + " " + target;
        }
    }

    /**
     * The bytes to send.
     *
     * @param head     whether the method is HEAD (no body in the answer)
     * @param shortOf  whether the request stops short of what it announces: the client then ends its side, as a
     *                 client that gave up would, instead of waiting for an answer that comes only at the idle timeout
     */
    private record Mutated(byte[] bytes, boolean head, boolean shortOf) {
    }

    private static Mutated mutate(Request base, Random random) {
        String method = base.method();
        String target = base.target();
        String version = "HTTP/1.1";
        List<String[]> headers = new ArrayList<>();
        base.headers().forEach(header -> headers.add(header.clone()));
        byte[] body = base.body().getBytes(StandardCharsets.UTF_8);
        boolean contentLength = true;
        boolean shortOf = false;
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            switch (random.nextInt(10)) {
                case 0 -> body = flip(body, random);
                case 1 -> body = body.length == 0 ? body : java.util.Arrays.copyOf(body, random.nextInt(body.length));
                case 2 -> body = insert(body, special(random), random);
                case 3 -> target = new String(insert(target.getBytes(StandardCharsets.ISO_8859_1),
                        special(random).replace("\r", "").replace("\n", ""), random), StandardCharsets.ISO_8859_1);
                case 4 -> {
                    if (headers.isEmpty()) {
                        headers.add(new String[] {"X-Extra", special(random)});
                    } else {
                        String[] header = headers.get(random.nextInt(headers.size()));
                        header[1] = new String(insert(header[1].getBytes(StandardCharsets.UTF_8), special(random),
                                random), StandardCharsets.ISO_8859_1);
                    }
                }
                case 5 -> {
                    String[] added = duplicate(headers, body.length, random);
                    headers.add(added);
                    shortOf |= added[0].equals("Content-Length") || added[0].equals("Transfer-Encoding");
                }
                case 6 -> method = METHODS.get(random.nextInt(METHODS.size()));
                case 7 -> {
                    contentLength = false;
                    String length = List.of("99999999999", "-1", "abc", "0x10", "1 2", "",
                            String.valueOf(body.length + 1 + random.nextInt(100))).get(random.nextInt(7));
                    headers.add(new String[] {"Content-Length", length});
                    shortOf = true;
                }
                case 8 -> version = List.of("HTTP/1.0", "HTTP/2.0", "HTTP/1.2", "HTTP/0.9", "HTTPS/1.1", "HTTP/1.1.1",
                        "http/1.1").get(random.nextInt(7));
                default -> {
                    Mutated rendered = Request.render(method, target, version, headers, body, contentLength);
                    return flipHead(rendered.bytes(), method, random);
                }
            }
        }
        Mutated rendered = Request.render(method, target, version, headers, body, contentLength);
        if (random.nextInt(20) == 0) {
            // Cut short anywhere, headers included.
            return new Mutated(java.util.Arrays.copyOf(rendered.bytes(), random.nextInt(rendered.bytes().length)),
                    rendered.head(), true);
        }
        return new Mutated(rendered.bytes(), rendered.head(), shortOf);
    }

    /** Flips bits in a few bytes of the request line and headers, never in their line breaks or lengths. */
    private static Mutated flipHead(byte[] request, String method, Random random) {
        int headEnd = indexOf(request, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        int lengthAt = indexOf(request, "Content-Length:".getBytes(StandardCharsets.ISO_8859_1));
        byte[] flipped = request.clone();
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
            int at = random.nextInt(Math.max(1, headEnd));
            boolean inLength = lengthAt >= 0 && at >= lengthAt && at < indexOf(request, "\r\n", lengthAt);
            if (flipped[at] != '\r' && flipped[at] != '\n' && !inLength) {
                flipped[at] ^= (byte) (1 << random.nextInt(8));
            }
        }
        return new Mutated(flipped, method.equals("HEAD"), false);
    }

    private static String[] duplicate(List<String[]> headers, int bodyLength, Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> new String[] {"Content-Length", String.valueOf(bodyLength + 1)};
            case 1 -> new String[] {"Content-Type", List.of("application/json", "text/plain; charset=nope",
                    "application/json; charset=UTF-32", "multipart/form-data", ";").get(random.nextInt(5))};
            case 2 -> new String[] {"Host", "evil.example"};
            case 3 -> new String[] {"Transfer-Encoding", List.of("chunked", "gzip", "identity").get(random.nextInt(3))};
            default -> headers.isEmpty() ? new String[] {"X-Correlation-Id", "\u00ff"}
                    : headers.get(random.nextInt(headers.size())).clone();
        };
    }

    private static String special(Random random) {
        return SPECIAL.get(random.nextInt(SPECIAL.size()));
    }

    private static byte[] flip(byte[] bytes, Random random) {
        if (bytes.length == 0) {
            return bytes;
        }
        byte[] flipped = bytes.clone();
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
            flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return flipped;
    }

    private static byte[] insert(byte[] bytes, String text, Random random) {
        byte[] inserted = text.getBytes(StandardCharsets.UTF_8);
        int at = random.nextInt(bytes.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        out.writeBytes(inserted);
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }

    private static RawHttp.Response send(Mutated request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", SERVER.port())) {
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            try {
                socket.getOutputStream().write(request.bytes());
                socket.getOutputStream().flush();
                if (request.shortOf()) {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                // The server answered and closed before it read everything (a 413, a 400): read what it said.
            }
            return RawHttp.read(socket.getInputStream(), request.head());
        }
    }

    /** The answer, or none (status 0) when the connection failed. */
    private static RawHttp.Response sendQuietly(Mutated request) {
        try {
            return send(request);
        } catch (IOException e) {
            return new RawHttp.Response(0, Map.of(), new byte[0]);
        }
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return bytes.length;
    }

    private static int indexOf(byte[] bytes, String part, int from) {
        byte[] tail = java.util.Arrays.copyOfRange(bytes, from, bytes.length);
        return from + indexOf(tail, part.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The bytes with control characters and non-ASCII shown as escapes, cut to a readable length. */
    private static String printable(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 2000); i++) {
            int b = bytes[i] & 0xff;
            if (b == '\n') {
                text.append("\\n\n");
            } else if (b < 0x20 || b >= 0x7f) {
                text.append(String.format("\\x%02x", b));
            } else {
                text.append((char) b);
            }
        }
        return bytes.length > 2000 ? text + "... (" + bytes.length + " bytes)" : text.toString();
    }

    private static List<String[]> json() {
        return headers("Content-Type", "application/json");
    }

    private static List<String[]> headers(String... namesAndValues) {
        List<String[]> headers = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(new String[] {namesAndValues[i], namesAndValues[i + 1]});
        }
        return headers;
    }
}
