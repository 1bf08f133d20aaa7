package org.flowserver.server.access;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flowserver.server.store.StoreException;

/**
 * Management users, service accounts, their grants and the sessions of logged-in users, in the relational store
 * (H2 or PostgreSQL). Only hashes of secrets are stored.
 */
final class JdbcAccessStore {

    private final DataSource dataSource;

    JdbcAccessStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    record StoredUser(String name, Role role, String passwordHash, String createdBy, Instant createdAt) {
    }

    record StoredAccount(String name, Optional<String> description, String passwordHash, String createdBy,
                         Instant createdAt, Instant secretsSetAt) {
    }

    record Grant(String ownerId, String flowId, String grantedBy, Instant grantedAt) {
    }

    record StoredSession(String userName, String csrfToken, Instant expiresAt) {
    }

    // ---- management users

    Optional<StoredUser> user(String name) {
        return queryOne("SELECT name, role, password_hash, created_by, created_at FROM management_users WHERE name = ?",
                "user '" + name + "'", this::user, name);
    }

    List<StoredUser> users() {
        return query("SELECT name, role, password_hash, created_by, created_at FROM management_users ORDER BY name",
                "the users", this::user);
    }

    /** Creates a user; false if one of that name exists. */
    boolean createUser(StoredUser user) {
        return insertUnlessExists("INSERT INTO management_users (name, role, password_hash, created_by, created_at) "
                        + "VALUES (?, ?, ?, ?, ?)", "user '" + user.name() + "'", user.name(), user.role().name(),
                user.passwordHash(), user.createdBy(), timestamp(user.createdAt()));
    }

    boolean setRole(String name, Role role) {
        return update("UPDATE management_users SET role = ? WHERE name = ?", "user '" + name + "'", role.name(), name);
    }

    boolean setUserPassword(String name, String passwordHash) {
        return update("UPDATE management_users SET password_hash = ? WHERE name = ?", "user '" + name + "'",
                passwordHash, name);
    }

    boolean deleteUser(String name) {
        return update("DELETE FROM management_users WHERE name = ?", "user '" + name + "'", name);
    }

    // ---- service accounts

    Optional<StoredAccount> account(String name) {
        return queryOne("SELECT name, description, password_hash, created_by, created_at, secrets_set_at "
                + "FROM service_accounts WHERE name = ?", "service account '" + name + "'", this::account, name);
    }

    Optional<String> accountByApiKeyHash(String apiKeyHash) {
        return queryOne("SELECT name FROM service_accounts WHERE api_key_hash = ?", "a service account",
                rows -> rows.getString(1), apiKeyHash);
    }

    List<StoredAccount> accounts() {
        return query("SELECT name, description, password_hash, created_by, created_at, secrets_set_at "
                + "FROM service_accounts ORDER BY name", "the service accounts", this::account);
    }

    boolean createAccount(StoredAccount account, String apiKeyHash) {
        return insertUnlessExists("INSERT INTO service_accounts (name, description, password_hash, api_key_hash, "
                        + "created_by, created_at, secrets_set_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                "service account '" + account.name() + "'", account.name(), account.description().orElse(null),
                account.passwordHash(), apiKeyHash, account.createdBy(), timestamp(account.createdAt()),
                timestamp(account.secretsSetAt()));
    }

    boolean setDescription(String name, Optional<String> description) {
        return update("UPDATE service_accounts SET description = ? WHERE name = ?", "service account '" + name + "'",
                description.orElse(null), name);
    }

    boolean setAccountPassword(String name, String passwordHash, Instant at) {
        return update("UPDATE service_accounts SET password_hash = ?, secrets_set_at = ? WHERE name = ?",
                "service account '" + name + "'", passwordHash, timestamp(at), name);
    }

    boolean setApiKey(String name, String apiKeyHash, Instant at) {
        return update("UPDATE service_accounts SET api_key_hash = ?, secrets_set_at = ? WHERE name = ?",
                "service account '" + name + "'", apiKeyHash, timestamp(at), name);
    }

    boolean deleteAccount(String name) {
        return update("DELETE FROM service_accounts WHERE name = ?", "service account '" + name + "'", name);
    }

    // ---- grants

    List<Grant> grants(String account) {
        return query("SELECT owner_id, flow_id, granted_by, granted_at FROM flow_grants WHERE account_name = ? "
                        + "ORDER BY owner_id, flow_id", "the grants of '" + account + "'",
                rows -> new Grant(rows.getString(1), rows.getString(2), rows.getString(3), instant(rows, 4)), account);
    }

    /** Grants a flow; false if it was granted already. */
    boolean grant(String account, String ownerId, String flowId, String by, Instant at) {
        return insertUnlessExists("INSERT INTO flow_grants (account_name, owner_id, flow_id, granted_by, granted_at) "
                        + "VALUES (?, ?, ?, ?, ?)", "the grant of " + ownerId + "/" + flowId + " to '" + account + "'",
                account, ownerId, flowId, by, timestamp(at));
    }

    boolean revoke(String account, String ownerId, String flowId) {
        return update("DELETE FROM flow_grants WHERE account_name = ? AND owner_id = ? AND flow_id = ?",
                "the grant of " + ownerId + "/" + flowId + " to '" + account + "'", account, ownerId, flowId);
    }

    // ---- sessions

    void createSession(String tokenHash, String userName, String csrfToken, Instant createdAt, Instant expiresAt) {
        update("INSERT INTO management_sessions (token_hash, user_name, csrf_token, created_at, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?)", "a session of '" + userName + "'", tokenHash, userName, csrfToken,
                timestamp(createdAt), timestamp(expiresAt));
    }

    Optional<StoredSession> session(String tokenHash) {
        return queryOne("SELECT user_name, csrf_token, expires_at FROM management_sessions WHERE token_hash = ?",
                "a session", rows -> new StoredSession(rows.getString(1), rows.getString(2), instant(rows, 3)),
                tokenHash);
    }

    void deleteSession(String tokenHash) {
        update("DELETE FROM management_sessions WHERE token_hash = ?", "a session", tokenHash);
    }

    void deleteSessionsOf(String userName) {
        update("DELETE FROM management_sessions WHERE user_name = ?", "the sessions of '" + userName + "'", userName);
    }

    int deleteExpiredSessions(Instant now) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM management_sessions WHERE expires_at < ?")) {
            delete.setObject(1, timestamp(now));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Expired sessions cannot be deleted", e);
        }
    }

    // ---- plumbing

    private StoredUser user(ResultSet rows) throws SQLException {
        return new StoredUser(rows.getString(1), Role.valueOf(rows.getString(2)), rows.getString(3),
                rows.getString(4), instant(rows, 5));
    }

    private StoredAccount account(ResultSet rows) throws SQLException {
        return new StoredAccount(rows.getString(1), Optional.ofNullable(rows.getString(2)), rows.getString(3),
                rows.getString(4), instant(rows, 5), instant(rows, 6));
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private <T> Optional<T> queryOne(String sql, String what, Row<T> row, Object... parameters) {
        List<T> found = query(sql, what, row, parameters);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private <T> List<T> query(String sql, String what, Row<T> row, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = prepare(connection, sql, parameters);
             ResultSet rows = select.executeQuery()) {
            List<T> found = new ArrayList<>();
            while (rows.next()) {
                found.add(row.read(rows));
            }
            return found;
        } catch (SQLException e) {
            throw new StoreException(capitalized(what) + " cannot be read", e);
        }
    }

    private boolean update(String sql, String what, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StoreException(capitalized(what) + " cannot be written", e);
        }
    }

    /** An insert; false when the key exists (a unique or foreign key violation, SQL state class 23). */
    private boolean insertUnlessExists(String sql, String what, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate() > 0;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false;
            }
            throw new StoreException(capitalized(what) + " cannot be written", e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] == null) {
                statement.setNull(i + 1, java.sql.Types.VARCHAR);
            } else {
                statement.setObject(i + 1, parameters[i]);
            }
        }
        return statement;
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
