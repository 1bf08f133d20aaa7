package org.flowserver.server.flows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flowserver.server.store.StoreException;

/** Flow states in the relational store (H2 or PostgreSQL), times to the microsecond. */
public final class JdbcFlowStateStore implements FlowStateStore {

    private static final String COLUMNS = "owner_id, flow_id, disabled, reason, changed_by, changed_at";

    private final DataSource dataSource;

    public JdbcFlowStateStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<FlowState> find(FlowKey key) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT " + COLUMNS + " FROM flow_states WHERE owner_id = ? AND flow_id = ?")) {
            select.setString(1, key.ownerId());
            select.setString(2, key.flowId());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(state(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("The state of flow " + key + " cannot be read", e);
        }
    }

    @Override
    public Map<FlowKey, FlowState> findAll() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM flow_states");
             ResultSet rows = select.executeQuery()) {
            Map<FlowKey, FlowState> states = new HashMap<>();
            while (rows.next()) {
                states.put(new FlowKey(rows.getString("owner_id"), rows.getString("flow_id")), state(rows));
            }
            return states;
        } catch (SQLException e) {
            throw new StoreException("The states of the flows cannot be read", e);
        }
    }

    @Override
    public void save(FlowKey key, FlowState state) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement delete = connection.prepareStatement(
                         "DELETE FROM flow_states WHERE owner_id = ? AND flow_id = ?");
                 PreparedStatement insert = connection.prepareStatement(
                         "INSERT INTO flow_states (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
                delete.setString(1, key.ownerId());
                delete.setString(2, key.flowId());
                delete.executeUpdate();
                insert.setString(1, key.ownerId());
                insert.setString(2, key.flowId());
                insert.setBoolean(3, state.disabled());
                insert.setString(4, state.reason().orElse(null));
                insert.setString(5, state.changedBy());
                insert.setObject(6, OffsetDateTime.ofInstant(state.changedAt().truncatedTo(ChronoUnit.MICROS),
                        ZoneOffset.UTC));
                insert.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("The state of flow " + key + " cannot be saved", e);
        }
    }

    @Override
    public void delete(FlowKey key) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM flow_states WHERE owner_id = ? AND flow_id = ?")) {
            delete.setString(1, key.ownerId());
            delete.setString(2, key.flowId());
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("The state of flow " + key + " cannot be deleted", e);
        }
    }

    private static FlowState state(ResultSet rows) throws SQLException {
        return new FlowState(rows.getBoolean("disabled"), Optional.ofNullable(rows.getString("reason")),
                rows.getString("changed_by"), rows.getObject("changed_at", OffsetDateTime.class).toInstant());
    }
}
