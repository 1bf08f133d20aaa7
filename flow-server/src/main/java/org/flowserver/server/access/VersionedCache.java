package org.flowserver.server.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A short-lived cache of what the store said about credentials, sessions and grants, that a change cannot lose
 * to a look-up already running: a value loaded before {@link #invalidateAll} is returned to its caller but not
 * kept. (A plain cache would keep it: a verification that read the old password hash before a reset, and
 * finished after it, would vouch for the old password for the whole cache time.) Concurrent look-ups of one key
 * that is not cached wait for one load: a burst of requests with the same new credentials costs one password hash,
 * not one each (which could use up the slots for hashing and refuse the rest as busy).
 */
final class VersionedCache<K, V> {

    private final Cache<K, V> cache;
    private final AtomicLong version = new AtomicLong();
    private final ConcurrentMap<K, CompletableFuture<V>> loading = new ConcurrentHashMap<>();

    VersionedCache(Duration time, long maximumSize) {
        this.cache = Caffeine.newBuilder().expireAfterWrite(time).maximumSize(maximumSize).build();
    }

    V get(K key, Function<K, V> loader) {
        V cached = cache.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = loading.putIfAbsent(key, mine);
        if (running != null) {
            return outcome(running);
        }
        try {
            long before = version.get();
            V loaded = loader.apply(key);
            if (version.get() == before) {
                cache.put(key, loaded);
                if (version.get() != before) {
                    cache.invalidate(key);
                }
            }
            mine.complete(loaded);
            return loaded;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            loading.remove(key, mine);
        }
    }

    /** What another caller's load gave: its value, or its failure thrown again here. */
    private static <V> V outcome(CompletableFuture<V> load) {
        try {
            return load.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Forgets everything, including what look-ups running now are about to load. */
    void invalidateAll() {
        version.incrementAndGet();
        // A look-up that starts from now on loads afresh, rather than wait for one that started before.
        loading.clear();
        cache.invalidateAll();
    }
}
