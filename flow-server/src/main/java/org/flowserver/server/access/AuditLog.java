package org.flowserver.server.access;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flowserver.server.http.MethodNames;
import org.flowserver.server.store.StoreException;

/** Who changed what and when, through the management API; in the relational store, newest first. */
public final class AuditLog {

    static final int MAX_DETAIL = 500;
    static final int MAX_TARGET = 500;

    private final DataSource dataSource;

    AuditLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * One management request.
     *
     * @param actor   the management user, or {@code anonymous} for a request without valid credentials
     * @param action  the HTTP method
     * @param target  the path
     * @param status  the status it was answered with
     * @param detail  what else matters (a failed login's reason); never a secret
     */
    public record Entry(Instant at, String actor, String action, String target, int status, Optional<String> detail) {
    }

    /** The action of a request: its method, {@code OTHER} for one HTTP does not define. */
    static String action(io.vertx.core.http.HttpMethod method) {
        return MethodNames.bounded(method);
    }

    void append(Entry entry) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO audit_log (at, actor, action, target, status, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, entry.at().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
            insert.setString(2, entry.actor());
            insert.setString(3, entry.action());
            insert.setString(4, cut(entry.target(), MAX_TARGET));
            insert.setInt(5, entry.status());
            insert.setString(6, entry.detail().map(detail -> cut(detail, MAX_DETAIL)).orElse(null));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("The audit log cannot be written", e);
        }
    }

    /** Entries from {@code from} (inclusive) to {@code to} (exclusive), optionally of one actor, newest first. */
    List<Entry> find(Instant from, Instant to, Optional<String> actor, int limit) {
        String sql = "SELECT at, actor, action, target, status, detail FROM audit_log WHERE at >= ? AND at < ?"
                + (actor.isPresent() ? " AND actor = ?" : "") + " ORDER BY at DESC, id DESC LIMIT " + limit;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, from.atOffset(ZoneOffset.UTC));
            select.setObject(2, to.atOffset(ZoneOffset.UTC));
            if (actor.isPresent()) {
                select.setString(3, actor.get());
            }
            List<Entry> entries = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new Entry(rows.getObject(1, OffsetDateTime.class).toInstant(), rows.getString(2),
                            rows.getString(3), rows.getString(4), rows.getInt(5), Optional.ofNullable(rows.getString(6))));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new StoreException("The audit log cannot be read", e);
        }
    }

    private static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }
}
