package org.flowserver.server.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.flowserver.server.ServerConfig;

/**
 * The PostgreSQL that tests run against, named by environment variables (.ci/run sets them):
 * <ul>
 *   <li>{@value #URL}: a JDBC URL, e.g. {@code jdbc:postgresql://127.0.0.1:5432/flowserver_test}; the user
 *       must be allowed to create schemas in that database (its owner is);</li>
 *   <li>{@value #USER} and {@value #PASSWORD};</li>
 *   <li>{@value #REQUIRED}: {@code true} makes a missing PostgreSQL fail the tests instead of skipping them.</li>
 * </ul>
 * A PostgreSQL that is configured but cannot be reached always fails the tests: it was meant to be there.
 * Each test class gets a schema of its own, dropped when the class is done.
 */
public final class TestPostgres {

    public static final String URL = "FLOWSERVER_TEST_POSTGRES_URL";
    public static final String USER = "FLOWSERVER_TEST_POSTGRES_USER";
    public static final String PASSWORD = "FLOWSERVER_TEST_POSTGRES_PASSWORD";
    public static final String REQUIRED = "FLOWSERVER_TEST_POSTGRES_REQUIRED";

    private final Optional<String> url;
    private final Optional<String> user;
    private final Optional<String> password;
    private final boolean required;

    TestPostgres(Map<String, String> environment) {
        this.url = nonBlank(environment.get(URL));
        this.user = nonBlank(environment.get(USER));
        this.password = Optional.ofNullable(environment.get(PASSWORD));
        this.required = "true".equalsIgnoreCase(environment.getOrDefault(REQUIRED, "").trim());
    }

    /** The PostgreSQL this JVM's environment names. */
    public static TestPostgres fromEnvironment() {
        return new TestPostgres(System.getenv());
    }

    /** Why PostgreSQL tests are skipped here; empty when they run (or, being required, fail). */
    public Optional<String> skipReason() {
        if (url.isPresent() || required) {
            return Optional.empty();
        }
        return Optional.of("PostgreSQL is not configured: set " + URL + " (with " + USER + " and " + PASSWORD
                + ") to run this on PostgreSQL as well; .ci/run sets one up");
    }

    /**
     * Creates an empty schema for one test class.
     *
     * @throws IllegalStateException if PostgreSQL is required but not configured, or cannot be reached
     */
    public Schema createSchema(Class<?> testClass) {
        if (url.isEmpty()) {
            throw new IllegalStateException(REQUIRED + " is true but " + URL + " is not set; point it at a PostgreSQL "
                    + "database, e.g. jdbc:postgresql://127.0.0.1:5432/flowserver_test (.ci/run sets one up)");
        }
        // Named after the class, so that a schema left behind by a killed run says where it came from; PostgreSQL
        // names have at most 63 characters.
        String className = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String name = "test_" + className.substring(0, Math.min(className.length(), 40)) + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        execute("CREATE SCHEMA " + name);
        return new Schema(name);
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(url.get(), user.orElse(null), password.orElse(null));
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("The test PostgreSQL at '" + ServerConfig.redactJdbcUrl(url.get())
                    + "' (user '" + user.orElse("") + "') cannot run '" + sql + "'. Start it and check " + URL + ", "
                    + USER + " and " + PASSWORD + ", or unset " + URL + " to skip the PostgreSQL tests. Cause: "
                    + e.getMessage(), e);
        }
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(text -> !text.isBlank()).map(String::trim);
    }

    /** A schema of the test PostgreSQL, used through {@code currentSchema}; closing it drops it with its tables. */
    public final class Schema implements AutoCloseable {

        private final String name;

        private Schema(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        /** The test database's URL, with this schema as the one tables are created and found in. */
        public String jdbcUrl() {
            return url.get() + (url.get().contains("?") ? "&" : "?") + "currentSchema=" + name;
        }

        /** A connection to the test database with this schema as the current one. */
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl(), user.orElse(null), password.orElse(null));
        }

        /** {@code config} with this schema as its store. */
        public ServerConfig configure(ServerConfig config) {
            return config.toBuilder().jdbcUrl(Optional.of(jdbcUrl())).jdbcUser(user).jdbcPassword(password).build();
        }

        @Override
        public void close() {
            execute("DROP SCHEMA " + name + " CASCADE");
        }
    }
}
