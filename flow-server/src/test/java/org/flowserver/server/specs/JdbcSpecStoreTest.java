package org.flowserver.server.specs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.flowserver.server.ServerConfig;
import org.flowserver.server.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Revision numbering in the relational store, on an in-memory H2 with the real schema. */
class JdbcSpecStoreTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final SpecKey ORDERS = new SpecKey("acme", "orders");

    private Database database;
    private JdbcSpecStore store;

    @BeforeEach
    void open() {
        database = Database.open(ServerConfig.builder(Path.of("unused"))
                .jdbcUrl(Optional.of("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")).build());
        store = new JdbcSpecStore(database.dataSource());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void numbersRevisionsOfEachSpecFromOne() {
        // when
        SpecRevision first = store.add(ORDERS, "{}", SpecFormat.JSON, "3.0.3", NOW);
        SpecRevision second = store.add(ORDERS, "openapi: 3.1.0", SpecFormat.YAML, "3.1.0", NOW);
        SpecRevision other = store.add(new SpecKey("acme", "billing"), "{}", SpecFormat.JSON, "3.0.3", NOW);

        // then
        assertThat(List.of(first.number(), second.number(), other.number())).containsExactly(1, 2, 1);
        assertThat(store.latest(ORDERS)).hasValue(2);
        assertThat(store.find(ORDERS, 2)).hasValue(new StoredSpec(second, "openapi: 3.1.0"));
        assertThat(store.latestRevisions("acme")).extracting(revision -> revision.key().resourceId() + ":"
                + revision.number()).containsExactly("billing:1", "orders:2");
    }

    @Test
    void concurrentUploadsOfTheSameSpecGetDistinctConsecutiveRevisions() throws Exception {
        // given
        int threads = 4;
        int uploadsEach = 10;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Integer>>> results = new ArrayList<>();

        // when
        try {
            for (int i = 0; i < threads; i++) {
                Callable<List<Integer>> uploader = () -> {
                    start.await();
                    List<Integer> numbers = new ArrayList<>();
                    for (int upload = 0; upload < uploadsEach; upload++) {
                        numbers.add(store.add(ORDERS, "{}", SpecFormat.JSON, "3.0.3", NOW).number());
                    }
                    return numbers;
                };
                results.add(pool.submit(uploader));
            }
            start.countDown();
            List<Integer> numbers = new ArrayList<>();
            for (Future<List<Integer>> result : results) {
                numbers.addAll(result.get());
            }
            int uploads = threads * uploadsEach;

            // then
            assertThat(numbers).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, uploads).boxed().toList());
            assertThat(store.revisions(ORDERS)).hasSize(uploads);
        } finally {
            pool.shutdownNow();
        }
    }
}
