package org.flowserver.processors.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowserver.processors.outbound.AuthTestSupport.await;
import static org.flowserver.processors.outbound.AuthTestSupport.concurrently;
import static org.flowserver.processors.outbound.AuthTestSupport.failure;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.flowserver.dsl.ResponseCacheSpec;
import org.junit.jupiter.api.Test;

/** The response cache, time moved by hand, Caffeine's upkeep run on the calling thread. */
class ResponseCacheTest {

    private static final Predicate<OutboundResponse> OK = response -> response.statusCode() == 200;

    private final ManualClock clock = new ManualClock();
    private final AtomicInteger loads = new AtomicInteger();

    @Test
    void secondGetIsServedFromTheCacheWithoutALoad() {
        // given
        ResponseCache cache = cache(Duration.ofMinutes(1), 100, 1024 * 1024);
        OutboundResponse first = await(cache.get("k", load(200, "hello"), OK));

        // when
        OutboundResponse second = await(cache.get("k", load(200, "other"), OK));

        // then
        assertThat(loads).hasValue(1);
        assertThat(first.fromCache()).isFalse();
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(second.fromCache()).isTrue();
        assertThat(second.attempts()).isZero();
        assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void servesHitsWithCaffeinesOwnExecutorToo() {
        // given
        ResponseCache cache = new ResponseCache(new ResponseCacheSpec(Duration.ofMinutes(1), 100, 1024 * 1024),
                clock);
        await(cache.get("k", load(200, "hello"), OK));

        // when
        OutboundResponse second = await(cache.get("k", load(200, "other"), OK));

        // then
        assertThat(second.fromCache()).isTrue();
        assertThat(loads).hasValue(1);
    }

    @Test
    void answerExpiresTtlAfterItArrived() {
        // given
        ResponseCache cache = cache(Duration.ofMinutes(1), 100, 1024 * 1024);
        await(cache.get("k", load(200, "first"), OK));
        clock.advance(Duration.ofSeconds(59));
        OutboundResponse withinTtl = await(cache.get("k", load(200, "second"), OK));

        // when
        clock.advance(Duration.ofSeconds(1));
        cache.cleanUp();
        OutboundResponse afterTtl = await(cache.get("k", load(200, "third"), OK));

        // then
        assertThat(withinTtl.fromCache()).isTrue();
        assertThat(afterTtl.fromCache()).isFalse();
        assertThat(new String(afterTtl.body(), StandardCharsets.UTF_8)).isEqualTo("third");
        assertThat(loads).hasValue(2);
    }

    @Test
    void answerTheCallerDoesNotWantKeptIsNotKept() {
        // given: a 404, not an expected status
        ResponseCache cache = cache(Duration.ofMinutes(1), 100, 1024 * 1024);
        OutboundResponse first = await(cache.get("k", load(404, "missing"), OK));

        // when
        OutboundResponse second = await(cache.get("k", load(404, "missing"), OK));

        // then
        assertThat(first.statusCode()).isEqualTo(404);
        assertThat(second.fromCache()).isFalse();
        assertThat(loads).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void answerWithNoStoreIsNotKept() {
        // given
        ResponseCache cache = cache(Duration.ofMinutes(1), 100, 1024 * 1024);
        Supplier<Future<OutboundResponse>> noStore = () -> {
            loads.incrementAndGet();
            return Future.succeededFuture(response(200, "private", new HttpField("Cache-Control",
                    "private, No-Store")));
        };
        await(cache.get("k", noStore, OK));

        // when
        OutboundResponse second = await(cache.get("k", noStore, OK));

        // then
        assertThat(second.fromCache()).isFalse();
        assertThat(loads).hasValue(2);
    }

    @Test
    void failedLoadFailsAndIsNotKept() {
        // given
        ResponseCache cache = cache(Duration.ofMinutes(1), 100, 1024 * 1024);
        RestCallException refused = new RestCallException("GET http://127.0.0.1:1/api failed (connection)",
                RestErrorKind.CONNECTION, OptionalInt.empty(), "", 1, true, true, null);
        Throwable first = failure(cache.get("k", () -> {
            loads.incrementAndGet();
            return Future.failedFuture(refused);
        }, OK));

        // when
        OutboundResponse second = await(cache.get("k", load(200, "back"), OK));

        // then
        assertThat(first).isSameAs(refused);
        assertThat(second.fromCache()).isFalse();
        assertThat(loads).hasValue(2);
    }

    @Test
    void tenConcurrentMissesShareOneLoad() throws Exception {
        // given
        ResponseCache cache = cache(Duration.ofMinutes(1), 100, 1024 * 1024);
        Promise<OutboundResponse> held = Promise.promise();
        Supplier<Future<OutboundResponse>> load = () -> {
            loads.incrementAndGet();
            return held.future();
        };

        // when
        List<Future<OutboundResponse>> gets = concurrently(10, () -> cache.get("k", load, OK));
        held.complete(response(200, "shared"));

        // then
        assertThat(loads).hasValue(1);
        List<OutboundResponse> answers = new ArrayList<>();
        for (Future<OutboundResponse> get : gets) {
            answers.add(await(get));
        }
        assertThat(answers).extracting(OutboundResponse::statusCode).containsOnly(200);
        assertThat(answers).filteredOn(OutboundResponse::fromCache).hasSize(9);
    }

    @Test
    void everyWaiterGetsANotCacheableAnswerThatIsThenDropped() {
        // given
        ResponseCache cache = cache(Duration.ofMinutes(1), 100, 1024 * 1024);
        Promise<OutboundResponse> held = Promise.promise();
        Supplier<Future<OutboundResponse>> load = () -> {
            loads.incrementAndGet();
            return held.future();
        };
        Future<OutboundResponse> first = cache.get("k", load, OK);
        Future<OutboundResponse> second = cache.get("k", load, OK);

        // when
        held.complete(response(404, "missing"));
        OutboundResponse third = await(cache.get("k", load(404, "missing"), OK));

        // then
        assertThat(await(first).statusCode()).isEqualTo(404);
        assertThat(await(second).statusCode()).isEqualTo(404);
        assertThat(third.fromCache()).isFalse();
        assertThat(loads).hasValue(2);
    }

    @Test
    void evictsBeyondMaxBytes() {
        // given: about 480 bytes an answer (450 of body, its URL and key), 1000 bytes at most
        ResponseCache cache = cache(Duration.ofMinutes(1), 100, 1000);

        // when
        for (String key : List.of("a", "b", "c")) {
            await(cache.get(key, load(200, "x".repeat(450)), OK));
        }
        cache.cleanUp();

        // then
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void evictsBeyondMaxEntries() {
        // given
        ResponseCache cache = cache(Duration.ofMinutes(1), 2, 16 * 1024 * 1024);

        // when
        for (String key : List.of("a", "b", "c")) {
            await(cache.get(key, load(200, "small"), OK));
        }
        cache.cleanUp();

        // then
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void keepsMaxEntriesAnswersWhenMaxBytesIsNoMultipleOfIt() {
        // given: 1000 bytes for 3 entries, each entry at least 334
        ResponseCache cache = cache(Duration.ofMinutes(1), 3, 1000);

        // when
        for (String key : List.of("a", "b", "c", "d")) {
            await(cache.get(key, load(200, ""), OK));
        }
        cache.cleanUp();

        // then
        assertThat(cache.size()).isEqualTo(3);
    }

    private ResponseCache cache(Duration ttl, int maxEntries, long maxBytes) {
        return new ResponseCache(new ResponseCacheSpec(ttl, maxEntries, maxBytes), clock, Runnable::run);
    }

    private Supplier<Future<OutboundResponse>> load(int status, String body) {
        return () -> {
            loads.incrementAndGet();
            return Future.succeededFuture(response(status, body));
        };
    }

    private static OutboundResponse response(int status, String body, HttpField... headers) {
        return new OutboundResponse(status, List.of(headers), body.getBytes(StandardCharsets.UTF_8),
                URI.create("http://127.0.0.1:8080/api"), 1, false);
    }
}
