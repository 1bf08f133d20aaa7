package org.flowserver.server.specs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.flowserver.server.store.StoreException;

/**
 * Specs in a relational store (H2 or PostgreSQL). The next revision number is the newest plus one; two uploads of
 * the same spec at once may both pick it, and the primary key lets only one of them have it: the other tries
 * again with the number after that, a bounded number of times. Times are kept to the microsecond, the finest both
 * databases store.
 */
public final class JdbcSpecStore implements SpecStore {

    static final int MAX_ATTEMPTS = 20;
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String INFO_COLUMNS = "owner_id, resource_id, revision, media_type, openapi_version, created_at";

    private final DataSource dataSource;

    public JdbcSpecStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public SpecRevision add(SpecKey key, String document, SpecFormat format, String openapiVersion, Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            for (int attempt = 1; ; attempt++) {
                SpecRevision revision = new SpecRevision(key, latest(connection, key).orElse(0) + 1, format,
                        openapiVersion, now.truncatedTo(ChronoUnit.MICROS));
                try {
                    insert(connection, revision, document);
                    return revision;
                } catch (SQLException e) {
                    if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw e;
                    }
                    if (attempt == MAX_ATTEMPTS) {
                        throw new StoreException("Spec " + key + " was not stored: " + MAX_ATTEMPTS + " times, another "
                                + "upload of the same spec took the next revision number first; upload it again", e);
                    }
                    pause(attempt);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Spec " + key + " cannot be saved in the store: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<StoredSpec> find(SpecKey key, int revision) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + INFO_COLUMNS + ", document "
                     + "FROM api_specs WHERE owner_id = ? AND resource_id = ? AND revision = ?")) {
            select.setString(1, key.ownerId());
            select.setString(2, key.resourceId());
            select.setInt(3, revision);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(new StoredSpec(revision(rows), rows.getString("document")))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("Revision " + revision + " of spec " + key + " cannot be read from the store: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public OptionalInt latest(SpecKey key) {
        try (Connection connection = dataSource.getConnection()) {
            return latest(connection, key);
        } catch (SQLException e) {
            throw new StoreException("Spec " + key + " cannot be read from the store: " + e.getMessage(), e);
        }
    }

    @Override
    public List<SpecRevision> revisions(SpecKey key) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + INFO_COLUMNS + " FROM api_specs "
                     + "WHERE owner_id = ? AND resource_id = ? ORDER BY revision")) {
            select.setString(1, key.ownerId());
            select.setString(2, key.resourceId());
            return revisions(select);
        } catch (SQLException e) {
            throw new StoreException("Spec " + key + " cannot be read from the store: " + e.getMessage(), e);
        }
    }

    @Override
    public List<SpecRevision> latestRevisions(String ownerId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + INFO_COLUMNS + " FROM api_specs s "
                     + "WHERE owner_id = ? AND revision = (SELECT MAX(revision) FROM api_specs n "
                     + "WHERE n.owner_id = s.owner_id AND n.resource_id = s.resource_id)")) {
            select.setString(1, ownerId);
            List<SpecRevision> revisions = revisions(select);
            // Sorted here, not by ORDER BY, whose order would follow a PostgreSQL database's collation.
            revisions.sort(Comparator.comparing(revision -> revision.key().resourceId()));
            return revisions;
        } catch (SQLException e) {
            throw new StoreException("The specs of owner '" + ownerId + "' cannot be read from the store: "
                    + e.getMessage(), e);
        }
    }

    private static OptionalInt latest(Connection connection, SpecKey key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT MAX(revision) FROM api_specs WHERE owner_id = ? AND resource_id = ?")) {
            select.setString(1, key.ownerId());
            select.setString(2, key.resourceId());
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                int latest = rows.getInt(1);
                return rows.wasNull() ? OptionalInt.empty() : OptionalInt.of(latest);
            }
        }
    }

    private static void insert(Connection connection, SpecRevision revision, String document) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO api_specs (owner_id, resource_id, "
                + "revision, document, media_type, openapi_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, revision.key().ownerId());
            insert.setString(2, revision.key().resourceId());
            insert.setInt(3, revision.number());
            insert.setString(4, document);
            insert.setString(5, revision.format().mediaType());
            insert.setString(6, revision.openapiVersion());
            insert.setObject(7, OffsetDateTime.ofInstant(revision.createdAt(), ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    private static List<SpecRevision> revisions(PreparedStatement select) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            List<SpecRevision> revisions = new ArrayList<>();
            while (rows.next()) {
                revisions.add(revision(rows));
            }
            return revisions;
        }
    }

    private static SpecRevision revision(ResultSet rows) throws SQLException {
        String mediaType = rows.getString("media_type");
        SpecFormat format = SpecFormat.ofMediaType(mediaType).orElseThrow(() -> new SQLException(
                "the stored media type '" + mediaType + "' is not JSON or YAML"));
        return new SpecRevision(new SpecKey(rows.getString("owner_id"), rows.getString("resource_id")),
                rows.getInt("revision"), format, rows.getString("openapi_version"),
                rows.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    /** Lets the upload that won go first, and spreads out the ones that lost. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * attempt + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while storing a spec", e);
        }
    }
}
