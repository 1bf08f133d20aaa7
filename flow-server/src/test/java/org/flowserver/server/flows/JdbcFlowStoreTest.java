package org.flowserver.server.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.flowserver.server.store.Database;
import org.flowserver.server.store.StoreTest;
import org.junit.jupiter.api.BeforeEach;

/** Flows in the relational store, on H2 and on PostgreSQL with the real schema. */
class JdbcFlowStoreTest {

    private static final Instant FIRST = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant SECOND = Instant.parse("2026-01-02T00:00:00Z");
    private static final FlowKey ORDERS = new FlowKey("acme", "orders");
    private static final String ORDERS_JSON = "{\"id\":\"orders\",\"ownerId\":\"acme\",\"processors\":[]}";

    private Database database;
    private JdbcFlowStore store;

    @BeforeEach
    void open(Database database) {
        this.database = database;
        store = new JdbcFlowStore(database.dataSource());
    }

    @StoreTest
    void savesANewFlowAtVersionOne() {
        // when
        StoredFlow saved = store.save(ORDERS, ORDERS_JSON, OptionalInt.of(3), FIRST);

        // then
        assertThat(saved).isEqualTo(new StoredFlow(ORDERS, ORDERS_JSON, OptionalInt.of(3), 1, FIRST, FIRST));
        assertThat(store.find(ORDERS)).hasValue(saved);
    }

    @StoreTest
    void aRedeployCountsTheVersionAndKeepsWhenTheFlowWasCreated() {
        // given
        store.save(ORDERS, ORDERS_JSON, OptionalInt.of(3), FIRST);

        // when
        StoredFlow saved = store.save(ORDERS, "{\"changed\":true}", OptionalInt.empty(), SECOND);

        // then
        assertThat(saved)
                .isEqualTo(new StoredFlow(ORDERS, "{\"changed\":true}", OptionalInt.empty(), 2, FIRST, SECOND));
        assertThat(store.find(ORDERS)).hasValue(saved);
    }

    @StoreTest
    void readsBackExactlyWhatSaveReturned() {
        // given: non-ASCII text, a long flow, and a time finer than a microsecond
        String json = "{\"description\":\"Bestellungen – größer ✓ " + "x".repeat(5_000) + "\"}";
        Instant now = Instant.parse("2026-01-01T10:15:30.123456789Z");

        // when
        StoredFlow saved = store.save(ORDERS, json, OptionalInt.empty(), now);

        // then
        assertThat(saved.createdAt()).isEqualTo(Instant.parse("2026-01-01T10:15:30.123456Z"));
        assertThat(store.find(ORDERS)).hasValue(saved);
        assertThat(store.findAll()).containsExactly(saved);
    }

    @StoreTest
    void findAllListsEveryFlowByOwnerAndIdWhateverTheDatabaseCollation() {
        // given: ids whose order differs between Java (and the C collation) and a linguistic collation
        for (FlowKey key : List.of(new FlowKey("acme", "alpha"), new FlowKey("Zulu", "orders"),
                new FlowKey("acme", "ab"), new FlowKey("acme", "Zeta"), new FlowKey("acme", "a-z"))) {
            store.save(key, ORDERS_JSON, OptionalInt.empty(), FIRST);
        }

        // when, then
        assertThat(store.findAll()).extracting(flow -> flow.key().toString())
                .containsExactly("Zulu/orders", "acme/Zeta", "acme/a-z", "acme/ab", "acme/alpha");
    }

    @StoreTest
    void anAbsentFlowIsNotFound() {
        assertThat(store.find(ORDERS)).isEmpty();
        assertThat(store.findAll()).isEmpty();
        assertThat(store.delete(ORDERS)).isFalse();
    }

    @StoreTest
    void deleteRemovesOnlyThatFlow() {
        // given
        store.save(ORDERS, ORDERS_JSON, OptionalInt.empty(), FIRST);
        StoredFlow billing = store.save(new FlowKey("acme", "billing"), ORDERS_JSON, OptionalInt.empty(), FIRST);

        // when
        boolean deleted = store.delete(ORDERS);

        // then
        assertThat(deleted).isTrue();
        assertThat(store.find(ORDERS)).isEmpty();
        assertThat(store.findAll()).containsExactly(billing);
    }

    @StoreTest
    void restorePutsBackTheFlowAsItWasBeforeARedeploy() {
        // given
        StoredFlow before = store.save(ORDERS, ORDERS_JSON, OptionalInt.of(1), FIRST);
        store.save(ORDERS, "{\"changed\":true}", OptionalInt.of(2), SECOND);

        // when
        store.restore(ORDERS, Optional.of(before));

        // then
        assertThat(store.find(ORDERS)).hasValue(before);
    }

    @StoreTest
    void restorePutsBackAFlowThatWasRemovedMeanwhile() {
        // given
        StoredFlow before = store.save(ORDERS, ORDERS_JSON, OptionalInt.empty(), FIRST);
        store.delete(ORDERS);

        // when
        store.restore(ORDERS, Optional.of(before));

        // then
        assertThat(store.find(ORDERS)).hasValue(before);
    }

    @StoreTest
    void restoreOfNoPreviousFlowRemovesTheNewOne() {
        // given
        store.save(ORDERS, ORDERS_JSON, OptionalInt.empty(), FIRST);

        // when
        store.restore(ORDERS, Optional.empty());

        // then
        assertThat(store.find(ORDERS)).isEmpty();
        store.restore(ORDERS, Optional.empty());
        assertThat(store.findAll()).isEmpty();
    }

    @StoreTest
    void aRowThatIsNoLongerAFlowIsReturnedAsItIsForTheRegistryToReport() throws SQLException {
        // given: rows the store did not write through this version
        insertRow("acme", "legacy", "not json", null, 7);
        insertRow("acme", "retired", "{\"processors\": [{\"type\": \"retired\"}]}", 2, 1);
        StoredFlow orders = store.save(ORDERS, ORDERS_JSON, OptionalInt.empty(), FIRST);

        // when
        List<StoredFlow> flows = store.findAll();

        // then
        assertThat(flows).containsExactly(
                new StoredFlow(new FlowKey("acme", "legacy"), "not json", OptionalInt.empty(), 7, FIRST, SECOND),
                orders,
                new StoredFlow(new FlowKey("acme", "retired"), "{\"processors\": [{\"type\": \"retired\"}]}",
                        OptionalInt.of(2), 1, FIRST, SECOND));
    }

    private void insertRow(String ownerId, String flowId, String json, Integer apiSpecRevision, int version)
            throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO flows (owner_id, flow_id, spec_json, "
                     + "api_spec_revision, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, ownerId);
            insert.setString(2, flowId);
            insert.setString(3, json);
            insert.setObject(4, apiSpecRevision, Types.INTEGER);
            insert.setInt(5, version);
            insert.setObject(6, OffsetDateTime.ofInstant(FIRST, ZoneOffset.UTC));
            insert.setObject(7, OffsetDateTime.ofInstant(SECOND, ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }
}
