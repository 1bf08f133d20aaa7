package org.flowserver.processors.outbound;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.flowserver.dsl.ResponseCacheSpec;

/**
 * Keeps answers of outbound calls for {@link ResponseCacheSpec#ttl()} after they arrived, so that the same request
 * (same {@link CacheKey}) is not sent again; one per service and per call that configures a cache.
 *
 * <p>Concurrent misses of one key share one load. An answer that is not cacheable (the caller's predicate says
 * so, or it carries {@code Cache-Control: no-store}) and a failed load still go to every caller waiting for that
 * load, and are then dropped, before those callers hear of them, so a later call loads again.
 *
 * <p><b>Bounds.</b> Caffeine cannot bound both the number of entries and their weight, so both are expressed in
 * one weight: with {@code unit = ceil(maxBytes / maxEntries)}, an entry weighs {@code max(unit, its bytes)}
 * (body, headers, URL and key) and the cache holds at most {@code unit * maxEntries}. Every entry weighing at
 * least {@code unit}, there are never more than {@code maxEntries}; the bytes kept may pass {@code maxBytes} by
 * less than {@code maxEntries} (the rounding of {@code unit}). The weight of one entry is capped at
 * {@link Integer#MAX_VALUE} (Caffeine's weights are {@code int}); an answer larger than the whole bound is
 * evicted at once.
 *
 * <p>Works from any thread and never waits for a load; Caffeine's upkeep (eviction, expiry) runs on its executor.
 */
public final class ResponseCache {

    /** What one load came to: an answer, or the failure every waiting caller gets. */
    private record Outcome(OutboundResponse response, Throwable failure) {
    }

    private final AsyncCache<String, Outcome> cache;

    public ResponseCache(ResponseCacheSpec spec, OutboundClock clock) {
        this(spec, clock, ForkJoinPool.commonPool());
    }

    /** With Caffeine's upkeep run on {@code executor} ({@code Runnable::run} in tests makes it immediate). */
    ResponseCache(ResponseCacheSpec spec, OutboundClock clock, Executor executor) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(clock, "clock");
        long entries = Math.max(1, spec.maxEntries());
        long unit = Math.max(1, (Math.max(1, spec.maxBytes()) + entries - 1) / entries);
        this.cache = Caffeine.newBuilder()
                .ticker(clock::nanoTime)
                .executor(executor)
                .maximumWeight(saturatedProduct(unit, entries))
                .<String, Outcome>weigher((key, outcome) -> weight(key, outcome, unit))
                .expireAfterWrite(spec.ttl())
                .buildAsync();
    }

    /**
     * The kept answer for {@code key} as served from the cache ({@code fromCache} true, no attempts), or the one
     * {@code load} brings, shared with every caller asking for {@code key} while it runs. The caller that started
     * the load gets the answer as loaded; every other caller gets it as {@link OutboundResponse#cached()}.
     *
     * @param cacheable  whether a loaded answer may be kept (the expected status, say)
     */
    public Future<OutboundResponse> get(String key, Supplier<Future<OutboundResponse>> load,
                                        Predicate<OutboundResponse> cacheable) {
        CompletableFuture<Outcome> mine = new CompletableFuture<>();
        CompletableFuture<Outcome> shared = cache.get(key, (k, executor) -> mine);
        if (shared != mine) {
            return Future.fromCompletionStage(shared).compose(outcome -> outcome.failure() == null
                    ? Future.succeededFuture(outcome.response().cached()) : Future.failedFuture(outcome.failure()));
        }
        // The load starts outside Caffeine's compute, so that it may use the cache itself.
        Future<OutboundResponse> loading;
        try {
            loading = Objects.requireNonNull(load.get(), "the load of a response cache returned no future");
        } catch (RuntimeException e) {
            loading = Future.failedFuture(e);
        }
        return loading.andThen(result -> {
            boolean keep = result.succeeded() && keeps(result.result(), cacheable);
            if (!keep) {
                // Dropped before the waiters hear of it: no caller sees it as a hit.
                cache.asMap().remove(key, mine);
            }
            mine.complete(result.succeeded() ? new Outcome(result.result(), null) : new Outcome(null, result.cause()));
        });
    }

    /** Runs Caffeine's pending upkeep now (eviction, expiry); for tests. */
    void cleanUp() {
        cache.synchronous().cleanUp();
    }

    /** How many answers are kept (after {@link #cleanUp()}, exactly). */
    long size() {
        return cache.synchronous().estimatedSize();
    }

    private static boolean keeps(OutboundResponse response, Predicate<OutboundResponse> cacheable) {
        if (response == null) {
            return false;
        }
        boolean noStore = response.headers("Cache-Control").stream()
                .anyMatch(value -> value.toLowerCase(Locale.ROOT).contains("no-store"));
        if (noStore) {
            return false;
        }
        try {
            return cacheable.test(response);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static long saturatedProduct(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static int weight(String key, Outcome outcome, long unit) {
        long bytes = key.length();
        OutboundResponse response = outcome.response();
        if (response != null) {
            bytes += response.body().length + response.url().toString().length();
            for (HttpField field : response.headers()) {
                bytes += field.name().length() + field.value().length() + 4;
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.max(unit, bytes));
    }
}
