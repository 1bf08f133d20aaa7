package org.flowserver.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
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

    @Test
    void concurrentLookUpsOfOneKeyLoadItOnce() throws Exception {
        // given a load that is held until every caller is waiting
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(callers.submit(() -> cache.get("k", key -> {
                    loads.incrementAndGet();
                    await(release);
                    return "v";
                })));
            }
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> loads.get() == 1);
            Thread.sleep(100);

            // when
            release.countDown();

            // then
            for (Future<String> result : results) {
                assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("v");
            }
            assertThat(loads.get()).isEqualTo(1);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aFailedLoadFailsEveryCallerThatWaitedForItAndIsNotKept() {
        // when
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> cache.get("k", key -> {
            throw new IllegalStateException("busy");
        }));

        // then
        assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessage("busy");
        assertThat(cache.get("k", key -> "loaded again")).isEqualTo("loaded again");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
