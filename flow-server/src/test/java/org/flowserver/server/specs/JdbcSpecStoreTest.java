package org.flowserver.server.specs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.flowserver.server.store.Database;
import org.flowserver.server.store.StoreException;
import org.flowserver.server.store.StoreTest;
import org.junit.jupiter.api.BeforeEach;

/** Spec revisions in the relational store, on H2 and on PostgreSQL with the real schema. */
class JdbcSpecStoreTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final SpecKey ORDERS = new SpecKey("acme", "orders");

    private Database database;
    private JdbcSpecStore store;

    @BeforeEach
    void open(Database database) {
        this.database = database;
        store = new JdbcSpecStore(database.dataSource());
    }

    @StoreTest
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

    @StoreTest
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

    @StoreTest
    void keepsTheDocumentExactlyAsUploaded() {
        // given: non-ASCII text, a long document, and a time finer than a microsecond
        String document = "openapi: 3.1.0\ninfo:\n  title: Bestellungen – größer ✓\n"
                + "# " + "x".repeat(5_000) + "\n";
        Instant uploaded = Instant.parse("2026-01-01T10:15:30.123456789Z");

        // when
        SpecRevision revision = store.add(ORDERS, document, SpecFormat.YAML, "3.1.0", uploaded);

        // then
        assertThat(revision.createdAt()).isEqualTo(Instant.parse("2026-01-01T10:15:30.123456Z"));
        assertThat(store.find(ORDERS, 1)).hasValue(new StoredSpec(revision, document));
        assertThat(store.revisions(ORDERS)).containsExactly(revision);
    }

    @StoreTest
    void aSpecOrRevisionThatWasNeverUploadedIsAbsent() {
        // given
        store.add(ORDERS, "{}", SpecFormat.JSON, "3.0.3", NOW);

        // when, then
        assertThat(store.find(ORDERS, 2)).isEmpty();
        assertThat(store.latest(new SpecKey("acme", "billing"))).isEmpty();
        assertThat(store.revisions(new SpecKey("other", "orders"))).isEmpty();
        assertThat(store.latestRevisions("other")).isEmpty();
    }

    @StoreTest
    void latestRevisionsAreSortedByResourceIdWhateverTheDatabaseCollation() {
        // given: ids whose order differs between Java (and the C collation) and a linguistic collation
        for (String resourceId : List.of("alpha", "ab", "Zeta", "a-z")) {
            store.add(new SpecKey("acme", resourceId), "{}", SpecFormat.JSON, "3.0.3", NOW);
        }

        // when, then
        assertThat(store.latestRevisions("acme")).extracting(revision -> revision.key().resourceId())
                .containsExactly("Zeta", "a-z", "ab", "alpha");
    }

    @StoreTest
    void aRowWithAnUnknownMediaTypeIsReportedWithTheSpecAndTheValue() throws SQLException {
        // given: a row that a later version could have written
        store.add(ORDERS, "{}", SpecFormat.JSON, "3.0.3", NOW);
        try (Connection connection = database.dataSource().getConnection();
             Statement update = connection.createStatement()) {
            update.executeUpdate("UPDATE api_specs SET media_type = 'text/plain'");
        }

        // when, then
        assertThatThrownBy(() -> store.find(ORDERS, 1))
                .isInstanceOf(StoreException.class)
                .hasMessage("Revision 1 of spec acme/orders cannot be read from the store: the stored media type "
                        + "'text/plain' is not JSON or YAML");
    }
}
