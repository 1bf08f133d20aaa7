package org.flowserver.processors.outbound;

import io.vertx.core.Future;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Credentials for tests: one header whose values come in turn; each refresh moves to the next value (true) until
 * there is none left (false). Every refresh and the headers it was given are recorded.
 */
final class TestCredentials implements Credentials {

    private final String headerName;
    private final List<String> values;
    private final List<List<HttpField>> rejected = new CopyOnWriteArrayList<>();
    private volatile int current;

    private TestCredentials(String headerName, List<String> values) {
        this.headerName = headerName;
        this.values = List.copyOf(values);
    }

    /** {@code Authorization: Bearer <token>}, the next token after each refresh. */
    static TestCredentials bearer(String... tokens) {
        return new TestCredentials("Authorization", List.of(tokens).stream().map(token -> "Bearer " + token).toList());
    }

    /** An API key in header {@code headerName}, which no refresh changes. */
    static TestCredentials apiKey(String headerName, String key) {
        return new TestCredentials(headerName, List.of(key));
    }

    @Override
    public Future<List<HttpField>> headers() {
        return Future.succeededFuture(List.of(new HttpField(headerName, values.get(current))));
    }

    @Override
    public synchronized Future<Boolean> refresh(List<HttpField> rejectedHeaders) {
        rejected.add(List.copyOf(rejectedHeaders));
        if (current + 1 < values.size()) {
            current++;
            return Future.succeededFuture(true);
        }
        return Future.succeededFuture(false);
    }

    @Override
    public Set<String> headerNames() {
        return Set.of(headerName);
    }

    @Override
    public String cacheKey() {
        return "test:" + headerName;
    }

    /** The headers of every refresh, in order. */
    List<List<HttpField>> refreshes() {
        return List.copyOf(rejected);
    }
}
