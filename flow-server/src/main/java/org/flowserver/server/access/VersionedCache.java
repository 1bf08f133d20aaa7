package org.flowserver.server.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A short-lived cache of what the store said about credentials, sessions and grants, that a change cannot lose
 * to a look-up already running: a value loaded before {@link #invalidateAll} is returned to its caller but not
 * kept. (A plain cache would keep it: a verification that read the old password hash before a reset, and
 * finished after it, would vouch for the old password for the whole cache time.)
 */
final class VersionedCache<K, V> {

    private final Cache<K, V> cache;
    private final AtomicLong version = new AtomicLong();

    VersionedCache(Duration time, long maximumSize) {
        this.cache = Caffeine.newBuilder().expireAfterWrite(time).maximumSize(maximumSize).build();
    }

    V get(K key, Function<K, V> loader) {
        V cached = cache.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        long before = version.get();
        V loaded = loader.apply(key);
        if (version.get() == before) {
            cache.put(key, loaded);
            if (version.get() != before) {
                cache.invalidate(key);
            }
        }
        return loaded;
    }

    /** Forgets everything, including what look-ups running now are about to load. */
    void invalidateAll() {
        version.incrementAndGet();
        cache.invalidateAll();
    }
}
