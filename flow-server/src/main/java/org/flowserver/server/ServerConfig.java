package org.flowserver.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the server is configured with. See {@link ServerConfigLoader} for where values come from and
 * docs/configuration.md for each setting.
 *
 * @param host                  the interface to listen on; default 127.0.0.1 (use 0.0.0.0 in containers)
 * @param port                  the HTTP port; 0 picks a free one; default 8080
 * @param dataDir               where the embedded store keeps its files; default {@code ./data}
 * @param jdbcUrl               a JDBC URL (for example PostgreSQL); absent means the embedded H2 store in dataDir
 * @param jdbcUser              the database user, with jdbcUrl
 * @param jdbcPassword          the database password, with jdbcUrl
 * @param workerThreads         threads that run flows (the Vert.x worker pool); default 32
 * @param maxRequestBodyBytes   the largest entity a flow endpoint accepts (413 above); default 10 MiB
 * @param maxApiBodyBytes       the largest body the management API accepts (413 above); default 5 MiB
 * @param expressionTimeout     the longest one JSONata evaluation may run; default 5 s
 * @param expressionMaxDepth    the deepest JSONata evaluation nesting; default 500
 * @param undeployTimeout       how long an undeploy or shutdown waits for messages in flight; default 30 s
 * @param deployFiles           flow JSON files deployed (or redeployed) at start
 */
public record ServerConfig(String host, int port, Path dataDir, Optional<String> jdbcUrl, Optional<String> jdbcUser,
                           Optional<String> jdbcPassword, int workerThreads, long maxRequestBodyBytes,
                           long maxApiBodyBytes, Duration expressionTimeout, int expressionMaxDepth,
                           Duration undeployTimeout, List<Path> deployFiles) {

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(jdbcUser, "jdbcUser");
        Objects.requireNonNull(jdbcPassword, "jdbcPassword");
        Objects.requireNonNull(expressionTimeout, "expressionTimeout");
        Objects.requireNonNull(undeployTimeout, "undeployTimeout");
        deployFiles = List.copyOf(deployFiles);
    }

    /** The defaults, with the embedded store in {@code dataDir}. */
    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig("127.0.0.1", 8080, dataDir, Optional.empty(), Optional.empty(), Optional.empty(),
                32, 10L * 1024 * 1024, 5L * 1024 * 1024, Duration.ofSeconds(5), 500, Duration.ofSeconds(30), List.of());
    }

    public ServerConfig withPort(int port) {
        return new ServerConfig(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, workerThreads,
                maxRequestBodyBytes, maxApiBodyBytes, expressionTimeout, expressionMaxDepth, undeployTimeout,
                deployFiles);
    }

    public ServerConfig withDeployFiles(List<Path> files) {
        return new ServerConfig(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, workerThreads,
                maxRequestBodyBytes, maxApiBodyBytes, expressionTimeout, expressionMaxDepth, undeployTimeout, files);
    }

    @Override
    public String toString() {
        // The password never reaches a log.
        return "ServerConfig[host=" + host + ", port=" + port + ", dataDir=" + dataDir + ", jdbcUrl="
                + jdbcUrl.orElse("(embedded H2)") + ", jdbcUser=" + jdbcUser.orElse("") + ", jdbcPassword="
                + (jdbcPassword.isPresent() ? "***" : "") + ", workerThreads=" + workerThreads
                + ", maxRequestBodyBytes=" + maxRequestBodyBytes + ", maxApiBodyBytes=" + maxApiBodyBytes
                + ", expressionTimeout=" + expressionTimeout + ", expressionMaxDepth=" + expressionMaxDepth
                + ", undeployTimeout=" + undeployTimeout + ", deployFiles=" + deployFiles + "]";
    }
}
