package org.flowserver.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VersionedCacheTest {

    private final VersionedCache<String, String> cache = new VersionedCache<>(Duration.ofMinutes(1), 100);

    @Test
    void keepsWhatItLoaded() {
        AtomicInteger loads = new AtomicInteger();

        cache.get("k", key -> "v" + loads.incrementAndGet());

        assertThat(cache.get("k", key -> "v" + loads.incrementAndGet())).isEqualTo("v1");
    }

    @Test
    void doesNotKeepAValueLoadedWhileEverythingWasForgotten() {
        // A verification read the old password hash; a reset happened before it finished.
        String loaded = cache.get("k", key -> {
            cache.invalidateAll();
            return "old";
        });

        assertThat(loaded).isEqualTo("old");
        assertThat(cache.get("k", key -> "new")).isEqualTo("new");
    }
}
