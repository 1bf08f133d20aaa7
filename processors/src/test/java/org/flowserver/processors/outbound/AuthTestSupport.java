package org.flowserver.processors.outbound;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Helpers of the credentials and cache tests: a secret store a test changes, waiting for futures. */
final class AuthTestSupport {

    private AuthTestSupport() {
    }

    /** A secret store in memory; a test may change or remove a secret between calls. */
    static final class TestSecrets implements Secrets {

        private final Map<String, String> values = new ConcurrentHashMap<>();

        TestSecrets put(String name, String value) {
            values.put(name, value);
            return this;
        }

        TestSecrets remove(String name) {
            values.remove(name);
            return this;
        }

        @Override
        public Optional<SecretValue> find(String name) {
            return values.containsKey(name) ? Optional.of(new SecretValue(name, () -> values.get(name)))
                    : Optional.empty();
        }

        @Override
        public boolean allows(String name, String ownerId) {
            return true;
        }

        @Override
        public Set<String> names() {
            return Set.copyOf(values.keySet());
        }
    }

    /** The result of {@code future}, waiting at most 10 s. */
    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("expected success, got " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no result within 10 s", e);
        }
    }

    /** The failure of {@code future}, waiting at most 10 s. */
    static Throwable failure(Future<?> future) {
        try {
            Object result = future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got " + result);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no result within 10 s", e);
        }
    }

    /** Calls {@code call} from {@code count} threads at once; the futures it returned, in order. */
    static <T> List<Future<T>> concurrently(int count, Callable<Future<T>> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            CyclicBarrier start = new CyclicBarrier(count);
            List<java.util.concurrent.Future<Future<T>>> started = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                started.add(threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return call.call();
                }));
            }
            List<Future<T>> calls = new ArrayList<>();
            for (java.util.concurrent.Future<Future<T>> each : started) {
                calls.add(each.get(10, TimeUnit.SECONDS));
            }
            return calls;
        } finally {
            threads.shutdownNow();
        }
    }
}
