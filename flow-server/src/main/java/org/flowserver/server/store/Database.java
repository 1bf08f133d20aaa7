package org.flowserver.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flowserver.dsl.FlowException;
import org.flowserver.server.ServerConfig;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relational store: embedded H2 in the data directory unless a JDBC URL is configured, with the schema
 * brought up to date by Flyway at start.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Opens the store and migrates its schema.
     *
     * @throws FlowException saying which store could not be opened and why
     */
    public static Database open(ServerConfig config) {
        HikariConfig hikari = new HikariConfig();
        String url;
        if (config.jdbcUrl().isPresent()) {
            url = config.jdbcUrl().get();
            config.jdbcUser().ifPresent(hikari::setUsername);
            config.jdbcPassword().ifPresent(hikari::setPassword);
        } else {
            Path dir = config.dataDir().toAbsolutePath();
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new FlowException("The data directory '" + dir + "' cannot be created: " + e.getMessage(), e);
            }
            // AUTO_SERVER off: one server owns its embedded store; a second one fails fast on the file lock.
            url = "jdbc:h2:file:" + dir.resolve("flowserver") + ";DB_CLOSE_ON_EXIT=FALSE";
            hikari.setUsername("flowserver");
            hikari.setPassword("");
        }
        hikari.setJdbcUrl(url);
        hikari.setPoolName("flowserver-store");
        hikari.setMaximumPoolSize(10);
        hikari.setInitializationFailTimeout(10_000);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new FlowException("The store at '" + ServerConfig.redactJdbcUrl(url) + "' cannot be opened: " + rootMessage(e), e);
        }
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw new FlowException("The schema of the store at '" + ServerConfig.redactJdbcUrl(url) + "' cannot be migrated: "
                    + rootMessage(e), e);
        }
        LOG.atInfo().addKeyValue("store", ServerConfig.redactJdbcUrl(url)).log("Store opened");
        return new Database(dataSource);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Publishes the connection pool's metrics ({@code hikaricp_connections_*}, pool {@code flowserver-store}). */
    public void bindMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
        dataSource.setMetricRegistry(registry);
    }

    @Override
    public void close() {
        dataSource.close();
    }


    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
