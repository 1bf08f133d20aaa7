package org.flowserver.server.flows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import javax.sql.DataSource;
import org.flowserver.server.store.StoreException;

/**
 * Flows in a relational store (H2 or PostgreSQL), as their JSON form. Times are kept to the microsecond, the
 * finest both databases store, so that a saved flow reads back equal to what {@link #save} returned.
 */
public final class JdbcFlowStore implements FlowStore {

    private static final String COLUMNS = "owner_id, flow_id, spec_json, api_spec_revision, version, created_at, updated_at";

    private final DataSource dataSource;

    public JdbcFlowStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<StoredFlow> findAll() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT " + COLUMNS + " FROM flows");
             ResultSet rows = select.executeQuery()) {
            List<StoredFlow> flows = new ArrayList<>();
            while (rows.next()) {
                flows.add(row(rows));
            }
            // Sorted here, not by ORDER BY: a PostgreSQL database's collation (en_US, say) would put 'ab' before
            // 'Zeta' and 'a-z' after 'ab'.
            flows.sort(Comparator.comparing(StoredFlow::key));
            return flows;
        } catch (SQLException e) {
            throw new StoreException("The flows cannot be read from the store: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<StoredFlow> find(FlowKey key) {
        try (Connection connection = dataSource.getConnection()) {
            return find(connection, key);
        } catch (SQLException e) {
            throw new StoreException("Flow " + key + " cannot be read from the store: " + e.getMessage(), e);
        }
    }

    @Override
    public StoredFlow save(FlowKey key, String specJson, OptionalInt apiSpecRevision, Instant now) {
        Instant stamp = now.truncatedTo(ChronoUnit.MICROS);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Optional<StoredFlow> existing = find(connection, key);
                StoredFlow saved = existing
                        .map(old -> new StoredFlow(key, specJson, apiSpecRevision, old.version() + 1, old.createdAt(),
                                stamp))
                        .orElseGet(() -> new StoredFlow(key, specJson, apiSpecRevision, 1, stamp, stamp));
                write(connection, saved, existing.isPresent());
                connection.commit();
                return saved;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Flow " + key + " cannot be saved in the store: " + e.getMessage(), e);
        }
    }

    @Override
    public void restore(FlowKey key, Optional<StoredFlow> previous) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                boolean exists = find(connection, key).isPresent();
                if (previous.isPresent()) {
                    write(connection, previous.get(), exists);
                } else if (exists) {
                    delete(connection, key);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Flow " + key + " cannot be restored in the store: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(FlowKey key) {
        try (Connection connection = dataSource.getConnection()) {
            return delete(connection, key);
        } catch (SQLException e) {
            throw new StoreException("Flow " + key + " cannot be removed from the store: " + e.getMessage(), e);
        }
    }

    private static Optional<StoredFlow> find(Connection connection, FlowKey key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM flows WHERE owner_id = ? AND flow_id = ?")) {
            select.setString(1, key.ownerId());
            select.setString(2, key.flowId());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(row(rows)) : Optional.empty();
            }
        }
    }

    private static void write(Connection connection, StoredFlow flow, boolean exists) throws SQLException {
        String sql = exists
                ? "UPDATE flows SET spec_json = ?, api_spec_revision = ?, version = ?, created_at = ?, updated_at = ? "
                        + "WHERE owner_id = ? AND flow_id = ?"
                : "INSERT INTO flows (spec_json, api_spec_revision, version, created_at, updated_at, owner_id, flow_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, flow.specJson());
            if (flow.apiSpecRevision().isPresent()) {
                statement.setInt(2, flow.apiSpecRevision().getAsInt());
            } else {
                statement.setNull(2, Types.INTEGER);
            }
            statement.setInt(3, flow.version());
            statement.setObject(4, OffsetDateTime.ofInstant(flow.createdAt(), ZoneOffset.UTC));
            statement.setObject(5, OffsetDateTime.ofInstant(flow.updatedAt(), ZoneOffset.UTC));
            statement.setString(6, flow.key().ownerId());
            statement.setString(7, flow.key().flowId());
            statement.executeUpdate();
        }
    }

    private static boolean delete(Connection connection, FlowKey key) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM flows WHERE owner_id = ? AND flow_id = ?")) {
            delete.setString(1, key.ownerId());
            delete.setString(2, key.flowId());
            return delete.executeUpdate() > 0;
        }
    }

    private static StoredFlow row(ResultSet rows) throws SQLException {
        int revision = rows.getInt("api_spec_revision");
        // wasNull() speaks of the column read last: ask it before reading another.
        OptionalInt apiSpecRevision = rows.wasNull() ? OptionalInt.empty() : OptionalInt.of(revision);
        return new StoredFlow(new FlowKey(rows.getString("owner_id"), rows.getString("flow_id")),
                rows.getString("spec_json"), apiSpecRevision,
                rows.getInt("version"),
                rows.getObject("created_at", OffsetDateTime.class).toInstant(),
                rows.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
