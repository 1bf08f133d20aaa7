package org.flowserver.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.flowserver.processors.payload.JsonLimits;
import org.flowserver.server.access.AccessConfig;
import org.flowserver.server.traces.TraceConfig;

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
 * @param maxSpecBytes          the largest OpenAPI spec an upload may send (413 above); default 10 MiB
 * @param expressionTimeout     the longest one JSONata evaluation may run; default 5 s
 * @param expressionMaxDepth    the deepest JSONata evaluation nesting; default 500
 * @param undeployTimeout       how long an undeploy or shutdown waits for messages in flight; default 30 s
 * @param requestTimeout        how long the caller of a RequestResponse flow waits for its answer before a 504;
 *                              default 30 s, 0 waits as long as the flow takes
 * @param maxJsonDepth          the deepest nesting of arrays and objects in a JSON request body (400 deeper);
 *                              default 200
 * @param maxJsonStringLength   the longest string, in characters, in a JSON request body (400 longer); default
 *                              1,000,000
 * @param maxInFlightPerFlow    the most requests one flow has accepted and not answered yet (503 flow-overloaded
 *                              with Retry-After above it); default 1000, 0 for no limit
 * @param idleTimeout           how long a connection may send and receive nothing before it is closed, also in
 *                              the middle of a request; default 60 s, 0 never closes an idle connection
 * @param deployFiles           flow JSON files deployed (or redeployed) at start
 * @param outboundConfig        the outbound config file: services, secrets and defaults of outbound REST calls;
 *                              absent means no services (direct URLs only) and the built-in defaults
 * @param traces                how message traces are recorded and kept; see {@link TraceConfig}
 * @param access                how management users and service accounts authenticate; see {@link AccessConfig}
 */
public record ServerConfig(String host, int port, Path dataDir, Optional<String> jdbcUrl, Optional<String> jdbcUser,
                           Optional<String> jdbcPassword, int workerThreads, long maxRequestBodyBytes,
                           long maxApiBodyBytes, long maxSpecBytes, Duration expressionTimeout, int expressionMaxDepth,
                           Duration undeployTimeout, Duration requestTimeout, int maxJsonDepth,
                           int maxJsonStringLength, int maxInFlightPerFlow, Duration idleTimeout, List<Path> deployFiles,
                           Optional<Path> outboundConfig, TraceConfig traces, AccessConfig access) {

    public static final int MAX_PORT = 65535;
    public static final int MAX_WORKER_THREADS = 10_000;
    /** The largest body a Vert.x buffer (a Java array) can hold. */
    public static final long MAX_BODY_BYTES = Integer.MAX_VALUE - 8;
    public static final int MAX_EXPRESSION_DEPTH = 100_000;
    /** One day: a caller that waits longer has given up long before. */
    public static final long MAX_REQUEST_TIMEOUT_MILLIS = 86_400_000;
    /** One hour: a connection idle for longer is gone. */
    public static final long MAX_IDLE_TIMEOUT_MILLIS = 3_600_000;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        checkRange("port", port, 0, MAX_PORT);
        checkRange("worker-threads", workerThreads, 1, MAX_WORKER_THREADS);
        checkRange("max-request-body-bytes", maxRequestBodyBytes, 1, MAX_BODY_BYTES);
        checkRange("max-api-body-bytes", maxApiBodyBytes, 1, MAX_BODY_BYTES);
        checkRange("max-spec-bytes", maxSpecBytes, 1, MAX_BODY_BYTES);
        checkRange("expression-max-depth", expressionMaxDepth, 1, MAX_EXPRESSION_DEPTH);
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(jdbcUser, "jdbcUser");
        Objects.requireNonNull(jdbcPassword, "jdbcPassword");
        Objects.requireNonNull(expressionTimeout, "expressionTimeout");
        checkRange("expression-timeout-ms", expressionTimeout.toMillis(), 1, Long.MAX_VALUE);
        Objects.requireNonNull(undeployTimeout, "undeployTimeout");
        checkRange("undeploy-timeout-seconds", undeployTimeout.toSeconds(), 0, Long.MAX_VALUE);
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        checkRange("request-timeout-ms", requestTimeout.toMillis(), 0, MAX_REQUEST_TIMEOUT_MILLIS);
        checkRange("max-json-depth", maxJsonDepth, 1, JsonLimits.MAX_DEPTH);
        checkRange("max-json-string-length", maxJsonStringLength, 1, MAX_BODY_BYTES);
        checkRange("max-in-flight-per-flow", maxInFlightPerFlow, 0, Integer.MAX_VALUE);
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        checkRange("idle-timeout-ms", idleTimeout.toMillis(), 0, MAX_IDLE_TIMEOUT_MILLIS);
        deployFiles = List.copyOf(deployFiles);
        Objects.requireNonNull(outboundConfig, "outboundConfig");
        Objects.requireNonNull(traces, "traces");
        Objects.requireNonNull(access, "access");
    }

    static void checkRange(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw outOfRange(key, String.valueOf(value), min, max);
        }
    }

    static ConfigException outOfRange(String key, String value, long min, long max) {
        return new ConfigException("Setting '" + key + "' is '" + value + "'; it must be a whole number from " + min
                + " to " + (max == Long.MAX_VALUE ? "any size" : max));
    }

    /** The limits a JSON request body must keep. */
    public JsonLimits jsonLimits() {
        return new JsonLimits(maxJsonDepth, maxJsonStringLength);
    }

    /** The JDBC URL with any password in it hidden, for logs. */
    public static String redactJdbcUrl(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    /** The defaults, with the embedded store in {@code dataDir}. */
    public static ServerConfig defaults(Path dataDir) {
        return builder(dataDir).build();
    }

    /** A builder starting from the defaults, with the embedded store in {@code dataDir}. */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder builder = new Builder(dataDir);
        builder.host = host;
        builder.port = port;
        builder.jdbcUrl = jdbcUrl;
        builder.jdbcUser = jdbcUser;
        builder.jdbcPassword = jdbcPassword;
        builder.workerThreads = workerThreads;
        builder.maxRequestBodyBytes = maxRequestBodyBytes;
        builder.maxApiBodyBytes = maxApiBodyBytes;
        builder.maxSpecBytes = maxSpecBytes;
        builder.expressionTimeout = expressionTimeout;
        builder.expressionMaxDepth = expressionMaxDepth;
        builder.undeployTimeout = undeployTimeout;
        builder.requestTimeout = requestTimeout;
        builder.maxJsonDepth = maxJsonDepth;
        builder.maxJsonStringLength = maxJsonStringLength;
        builder.maxInFlightPerFlow = maxInFlightPerFlow;
        builder.idleTimeout = idleTimeout;
        builder.deployFiles = deployFiles;
        builder.outboundConfig = outboundConfig;
        builder.traces = traces;
        builder.access = access;
        return builder;
    }

    /** Builds a {@link ServerConfig}; every setting starts at its default. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private Path dataDir;
        private Optional<String> jdbcUrl = Optional.empty();
        private Optional<String> jdbcUser = Optional.empty();
        private Optional<String> jdbcPassword = Optional.empty();
        private int workerThreads = 32;
        private long maxRequestBodyBytes = 10L * 1024 * 1024;
        private long maxApiBodyBytes = 5L * 1024 * 1024;
        private long maxSpecBytes = 10L * 1024 * 1024;
        private Duration expressionTimeout = Duration.ofSeconds(5);
        private int expressionMaxDepth = 500;
        private Duration undeployTimeout = Duration.ofSeconds(30);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int maxJsonDepth = JsonLimits.DEFAULT.maxDepth();
        private int maxJsonStringLength = JsonLimits.DEFAULT.maxStringLength();
        private int maxInFlightPerFlow = 1000;
        private Duration idleTimeout = Duration.ofSeconds(60);
        private List<Path> deployFiles = List.of();
        private Optional<Path> outboundConfig = Optional.empty();
        private TraceConfig traces = TraceConfig.defaults();
        private AccessConfig access = AccessConfig.defaults();

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder jdbcUrl(Optional<String> jdbcUrl) {
            this.jdbcUrl = jdbcUrl;
            return this;
        }

        public Builder jdbcUser(Optional<String> jdbcUser) {
            this.jdbcUser = jdbcUser;
            return this;
        }

        public Builder jdbcPassword(Optional<String> jdbcPassword) {
            this.jdbcPassword = jdbcPassword;
            return this;
        }

        public Builder workerThreads(int workerThreads) {
            this.workerThreads = workerThreads;
            return this;
        }

        public Builder maxRequestBodyBytes(long maxRequestBodyBytes) {
            this.maxRequestBodyBytes = maxRequestBodyBytes;
            return this;
        }

        public Builder maxApiBodyBytes(long maxApiBodyBytes) {
            this.maxApiBodyBytes = maxApiBodyBytes;
            return this;
        }

        public Builder maxSpecBytes(long maxSpecBytes) {
            this.maxSpecBytes = maxSpecBytes;
            return this;
        }

        public Builder expressionTimeout(Duration expressionTimeout) {
            this.expressionTimeout = expressionTimeout;
            return this;
        }

        public Builder expressionMaxDepth(int expressionMaxDepth) {
            this.expressionMaxDepth = expressionMaxDepth;
            return this;
        }

        public Builder undeployTimeout(Duration undeployTimeout) {
            this.undeployTimeout = undeployTimeout;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder maxJsonDepth(int maxJsonDepth) {
            this.maxJsonDepth = maxJsonDepth;
            return this;
        }

        public Builder maxJsonStringLength(int maxJsonStringLength) {
            this.maxJsonStringLength = maxJsonStringLength;
            return this;
        }

        public Builder maxInFlightPerFlow(int maxInFlightPerFlow) {
            this.maxInFlightPerFlow = maxInFlightPerFlow;
            return this;
        }

        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        public Builder deployFiles(List<Path> deployFiles) {
            this.deployFiles = deployFiles;
            return this;
        }

        public Builder outboundConfig(Optional<Path> outboundConfig) {
            this.outboundConfig = outboundConfig;
            return this;
        }

        public Builder traces(TraceConfig traces) {
            this.traces = traces;
            return this;
        }

        public Builder access(AccessConfig access) {
            this.access = access;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, workerThreads,
                    maxRequestBodyBytes, maxApiBodyBytes, maxSpecBytes, expressionTimeout, expressionMaxDepth, undeployTimeout,
                    requestTimeout, maxJsonDepth, maxJsonStringLength, maxInFlightPerFlow, idleTimeout,
                    deployFiles, outboundConfig, traces, access);
        }
    }

    @Override
    public String toString() {
        // The password never reaches a log.
        return "ServerConfig[host=" + host + ", port=" + port + ", dataDir=" + dataDir + ", jdbcUrl="
                + jdbcUrl.map(ServerConfig::redactJdbcUrl).orElse("(embedded H2)") + ", jdbcUser=" + jdbcUser.orElse("") + ", jdbcPassword="
                + (jdbcPassword.isPresent() ? "***" : "") + ", workerThreads=" + workerThreads
                + ", maxRequestBodyBytes=" + maxRequestBodyBytes + ", maxApiBodyBytes=" + maxApiBodyBytes
                + ", maxSpecBytes=" + maxSpecBytes
                + ", expressionTimeout=" + expressionTimeout + ", expressionMaxDepth=" + expressionMaxDepth
                + ", undeployTimeout=" + undeployTimeout + ", requestTimeout=" + requestTimeout
                + ", maxJsonDepth=" + maxJsonDepth + ", maxJsonStringLength=" + maxJsonStringLength
                + ", maxInFlightPerFlow=" + maxInFlightPerFlow + ", idleTimeout=" + idleTimeout + ", deployFiles=" + deployFiles
                + ", outboundConfig=" + outboundConfig.map(Path::toString).orElse("") + ", traces=" + traces + ", access=" + access + "]";
    }
}
