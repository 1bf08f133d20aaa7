package org.flowserver.server.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.flowserver.server.store.Database;
import org.flowserver.server.store.StoreTest;
import org.junit.jupiter.api.BeforeEach;

/** Flow states in the relational store, on H2 and on PostgreSQL with the real schema. */
class JdbcFlowStateStoreTest {

    private static final FlowKey ORDERS = new FlowKey("acme", "orders");
    private static final FlowKey INVOICES = new FlowKey("acme", "invoices");
    private static final Instant WHEN = Instant.parse("2026-11-23T10:15:30.123456Z");

    private JdbcFlowStateStore store;

    @BeforeEach
    void open(Database database) {
        store = new JdbcFlowStateStore(database.dataSource());
    }

    @StoreTest
    void aFlowWithoutAStateHasNone() {
        assertThat(store.find(ORDERS)).isEmpty();
        assertThat(store.findAll()).isEmpty();
    }

    @StoreTest
    void keepsTheLastChangeWithReasonWhoAndWhen() {
        FlowState disabled = new FlowState(true, Optional.of("supplier outage"), "ops-anna", WHEN);
        FlowState enabled = new FlowState(false, Optional.empty(), "ops-ben", WHEN.plusSeconds(60));

        store.save(ORDERS, disabled);
        assertThat(store.find(ORDERS)).hasValue(disabled);

        store.save(ORDERS, enabled);
        store.save(INVOICES, disabled);
        assertThat(store.findAll()).isEqualTo(Map.of(ORDERS, enabled, INVOICES, disabled));
    }

    @StoreTest
    void deletesAState() {
        store.save(ORDERS, new FlowState(true, Optional.of("r"), "ops", WHEN));

        store.delete(ORDERS);
        store.delete(INVOICES);

        assertThat(store.find(ORDERS)).isEmpty();
    }

    @StoreTest
    void aDisabledStateNeedsAReason() {
        assertThatThrownBy(() -> new FlowState(true, Optional.empty(), "ops", WHEN))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a disabled flow has a reason");
    }
}
