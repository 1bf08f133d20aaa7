package org.flowserver.processors.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.flowserver.dsl.RetryPolicySpec;

/** Requests, settings and services for the outbound tests, and waiting for a call's outcome. */
final class OutboundFixtures {

    /** C's defaults (1 s doubling, at most 60 s, 502/503/504), retrying for up to 10 minutes. */
    static final RetryPolicySpec RETRIES = RetryPolicySpec.DEFAULT;

    /** No retries at all. */
    static final RetryPolicySpec NO_RETRIES = deadline(Duration.ZERO);

    static final CallContext CONTEXT = new CallContext("acme", "order-sync", "get-customer", "m-1", () -> false);

    private OutboundFixtures() {
    }

    static RetryPolicySpec deadline(Duration deadline) {
        return new RetryPolicySpec(Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0, deadline,
                List.of(502, 503, 504), false);
    }

    /** Short timeouts (a loaded test machine still answers a loopback call well within them), no retries. */
    static Settings settings() {
        return new Settings();
    }

    static OutboundRequest get(String url) {
        return new OutboundRequest("GET", URI.create(url), List.of(), Optional.empty());
    }

    static OutboundRequest request(String method, String url, String body, HttpField... headers) {
        return new OutboundRequest(method, URI.create(url), List.of(headers),
                Optional.of(body.getBytes(StandardCharsets.UTF_8)));
    }

    static ServiceDefinition service(String name, String baseUrl, int maxPoolSize, int maxWaitQueueSize,
                                     TlsSettings tls) {
        return new ServiceDefinition(name, Set.of("*"), URI.create(baseUrl), Optional.empty(), Map.of(), Map.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                OptionalInt.empty(), Optional.empty(), maxPoolSize, maxWaitQueueSize, Optional.empty(), tls);
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("The call failed: " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError("The call did not end in time", e);
        }
    }

    static RestCallException failure(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(RestCallException.class);
            return (RestCallException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError("The call did not end in time", e);
        }
        throw new AssertionError("The call succeeded, a failure was expected");
    }

    /** Waits until {@code server} received {@code count} requests (the calls before were sent). */
    static void awaitReceived(LoopbackServer server, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.count() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The server received " + server.count() + " requests, not " + count);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** {@link CallSettings} built step by step. */
    static final class Settings {
        private Duration connect = Duration.ofSeconds(2);
        private Duration read = Duration.ofSeconds(2);
        private Duration total = Duration.ofSeconds(5);
        private boolean follow = true;
        private int maxRedirects = 10;
        private Set<Integer> expected = Set.of();
        private RetryPolicySpec retry = NO_RETRIES;
        private long maxBytes = 1024 * 1024;

        Settings connect(Duration value) {
            connect = value;
            return this;
        }

        Settings read(Duration value) {
            read = value;
            return this;
        }

        Settings total(Duration value) {
            total = value;
            return this;
        }

        Settings followRedirects(boolean value) {
            follow = value;
            return this;
        }

        Settings maxRedirects(int value) {
            maxRedirects = value;
            return this;
        }

        Settings expected(Integer... statuses) {
            expected = Set.of(statuses);
            return this;
        }

        Settings retry(RetryPolicySpec value) {
            retry = value;
            return this;
        }

        Settings maxResponseBytes(long value) {
            maxBytes = value;
            return this;
        }

        CallSettings build() {
            return new CallSettings(connect, read, total, follow, maxRedirects, expected, retry, maxBytes);
        }
    }
}
