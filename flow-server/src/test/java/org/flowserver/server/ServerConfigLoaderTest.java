package org.flowserver.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.flowserver.processors.payload.JsonLimits;
import org.flowserver.server.traces.TraceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigLoaderTest {

    @Test
    void usesTheDefaultsWhenNothingIsSet() {
        ServerConfig config = ServerConfigLoader.load(new String[0], Map.of(), new Properties());

        assertThat(config).isEqualTo(ServerConfig.defaults(Path.of("data")));
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.jdbcUrl()).isEmpty();
    }

    @Test
    void optionsWinOverSystemPropertiesOverEnvironmentOverFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, "port=1001\nworker-threads=3\nhost=10.0.0.1\ndata-dir=/from/file\n");
        Properties system = new Properties();
        system.setProperty("flowserver.port", "1002");
        system.setProperty("flowserver.worker-threads", "4");

        ServerConfig config = ServerConfigLoader.load(new String[] {"--config=" + file, "--port=1003"},
                Map.of("FLOWSERVER_PORT", "1004", "FLOWSERVER_WORKER_THREADS", "5", "FLOWSERVER_HOST", "0.0.0.0"),
                system);

        assertThat(config.port()).isEqualTo(1003);
        assertThat(config.workerThreads()).isEqualTo(4);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.dataDir()).isEqualTo(Path.of("/from/file"));
    }

    @Test
    void readsEverySetting() {
        ServerConfig config = ServerConfigLoader.load(new String[] {"--host", "0.0.0.0", "--port=9090",
            "--data-dir=/var/lib/flows", "--jdbc-url=jdbc:postgresql://db/flows", "--jdbc-user=flows",
            "--jdbc-password=s3cret", "--worker-threads=64", "--max-request-body-bytes=2048",
            "--max-api-body-bytes=4096", "--max-spec-bytes=8192", "--expression-timeout-ms=250",
            "--expression-max-depth=50",
            "--undeploy-timeout-seconds=3", "--request-timeout-ms=1500", "--deploy=a.json,b.json", "--deploy=c.json"},
                Map.of(), new Properties());

        assertThat(config).isEqualTo(ServerConfig.builder(Path.of("/var/lib/flows")).host("0.0.0.0").port(9090)
                .jdbcUrl(Optional.of("jdbc:postgresql://db/flows")).jdbcUser(Optional.of("flows"))
                .jdbcPassword(Optional.of("s3cret")).workerThreads(64).maxRequestBodyBytes(2048).maxApiBodyBytes(4096)
                .maxSpecBytes(8192).expressionTimeout(Duration.ofMillis(250)).expressionMaxDepth(50).undeployTimeout(Duration.ofSeconds(3))
                .requestTimeout(Duration.ofMillis(1500)).deployFiles(List.of(Path.of("a.json"), Path.of("b.json"), Path.of("c.json"))).build());
        assertThat(config.toString()).contains("jdbcPassword=***").doesNotContain("s3cret");
    }

    @Test
    void refusesAnUnknownOption() {
        assertThatThrownBy(() -> ServerConfigLoader.load(new String[] {"--prot=1"}, Map.of(), new Properties()))
                .hasMessage("Option '--prot' is not a setting; known settings: admin-password, config, data-dir, deploy, "
                        + "expression-max-depth, expression-timeout-ms, host, idle-timeout-ms, jdbc-password, jdbc-url, "
                        + "jdbc-user, max-api-body-bytes, max-in-flight-per-flow, max-json-depth, "
                        + "max-json-string-length, max-request-body-bytes, max-spec-bytes, outbound-config, "
                        + "password-hash-iterations, port, "
                        + "request-timeout-ms, "
                        + "trace-batch-size, "
                        + "trace-prune-interval, trace-queue-capacity, trace-retention, trace-writer-cpu-percent, traces-enabled, "
                        + "undeploy-timeout-seconds, worker-threads");
    }

    @Test
    void readsTheOutboundConfigFile() {
        // when
        ServerConfig config = ServerConfigLoader.load(new String[0],
                Map.of("FLOWSERVER_OUTBOUND_CONFIG", "/etc/flowserver/outbound.json"), new Properties());

        // then
        assertThat(config.outboundConfig()).hasValue(Path.of("/etc/flowserver/outbound.json"));
        assertThat(ServerConfigLoader.load(new String[0], Map.of(), new Properties()).outboundConfig()).isEmpty();
    }

    @Test
    void readsTheAccessSettingsAndHidesTheAdminPassword() {
        // when
        ServerConfig config = ServerConfigLoader.load(new String[] {"--password-hash-iterations=200000"},
                Map.of("FLOWSERVER_ADMIN_PASSWORD", "a-long-admin-password"), new Properties());

        // then
        assertThat(config.access().adminPassword()).hasValue("a-long-admin-password");
        assertThat(config.access().passwordHashIterations()).isEqualTo(200_000);
        assertThat(config.toString()).doesNotContain("a-long-admin-password").contains("adminPassword=***");
    }

    @Test
    void refusesTooFewPasswordHashIterations() {
        assertThatThrownBy(() -> ServerConfigLoader.load(new String[] {"--password-hash-iterations=10"}, Map.of(),
                new Properties()))
                .hasMessage("Setting 'password-hash-iterations' is '10'; it must be a whole number from 1000 to 10000000");
    }

    @Test
    void readsTheRequestLimitSettings() {
        // when
        ServerConfig config = ServerConfigLoader.load(new String[] {"--max-json-depth=20",
            "--max-json-string-length=300", "--max-in-flight-per-flow=0", "--idle-timeout-ms=1500"}, Map.of(),
                new Properties());

        // then
        assertThat(config.jsonLimits()).isEqualTo(new JsonLimits(20, 300));
        assertThat(config.maxInFlightPerFlow()).isZero();
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void defaultsTheRequestLimits() {
        // when
        ServerConfig config = ServerConfigLoader.load(new String[0], Map.of(), new Properties());

        // then
        assertThat(config.jsonLimits()).isEqualTo(new JsonLimits(200, 1_000_000));
        assertThat(config.maxInFlightPerFlow()).isEqualTo(1000);
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void refusesAJsonDepthBeyondWhatTheParserCanWalk() {
        assertThatThrownBy(() -> ServerConfigLoader.load(new String[] {"--max-json-depth=5000"}, Map.of(),
                new Properties()))
                .hasMessage("Setting 'max-json-depth' is '5000'; it must be a whole number from 1 to 1000");
    }

    @Test
    void readsTheTraceSettings() {
        ServerConfig config = ServerConfigLoader.load(new String[] {"--traces-enabled=false",
            "--trace-queue-capacity=20000", "--trace-batch-size=100", "--trace-retention=P30D",
            "--trace-prune-interval=PT10M", "--trace-writer-cpu-percent=100"}, Map.of(), new Properties());

        assertThat(config.traces()).isEqualTo(TraceConfig.builder().enabled(false).queueCapacity(20_000).batchSize(100)
                .retention(Duration.ofDays(30)).pruneInterval(Duration.ofMinutes(10)).writerCpuPercent(100).build());
        assertThat(ServerConfig.defaults(Path.of("data")).traces()).isEqualTo(new TraceConfig(true, 10_000, 500,
                Duration.ofDays(7), Duration.ofHours(1), 3));
    }

    @Test
    void refusesBadTraceSettings() {
        assertThatThrownBy(() -> ServerConfigLoader.load(new String[] {"--traces-enabled=yes"}, Map.of(),
                new Properties()))
                .hasMessage("Setting 'traces-enabled' is 'yes'; it must be true or false");
        assertThatThrownBy(() -> ServerConfigLoader.load(new String[] {"--trace-queue-capacity=0"}, Map.of(),
                new Properties()))
                .hasMessage("Setting 'trace-queue-capacity' is '0'; it must be a whole number from 1 to 1000000");
        assertThatThrownBy(() -> ServerConfigLoader.load(new String[] {"--trace-batch-size=10001"}, Map.of(),
                new Properties()))
                .hasMessage("Setting 'trace-batch-size' is '10001'; it must be a whole number from 1 to 10000");
        assertThatThrownBy(() -> ServerConfigLoader.load(new String[] {"--trace-retention=7d"}, Map.of(),
                new Properties()))
                .hasMessage("Setting 'trace-retention' is '7d'; it must be an ISO-8601 duration of at least PT1S, for "
                        + "example P7D or PT12H");
        assertThatThrownBy(() -> ServerConfigLoader.load(new String[] {"--trace-prune-interval=PT0S"}, Map.of(),
                new Properties()))
                .hasMessage("Setting 'trace-prune-interval' is 'PT0S'; it must be an ISO-8601 duration of at least PT1S, "
                        + "for example P7D or PT12H");
        assertThatThrownBy(() -> ServerConfigLoader.load(new String[] {"--trace-writer-cpu-percent=0"}, Map.of(),
                new Properties()))
                .hasMessage("Setting 'trace-writer-cpu-percent' is '0'; it must be a whole number from 1 to 100");
    }

    @Test
    void refusesABadNumber() {
        assertThatThrownBy(() -> ServerConfigLoader.load(new String[0], Map.of("FLOWSERVER_PORT", "eighty"),
                new Properties()))
                .hasMessage("Setting 'port' is 'eighty'; it must be a whole number from 0 to 65535");
        assertThatThrownBy(() -> ServerConfigLoader.load(new String[] {"--worker-threads=0"}, Map.of(),
                new Properties()))
                .hasMessage("Setting 'worker-threads' is '0'; it must be a whole number from 1 to 10000");
    }

    @Test
    void refusesAnArgumentThatIsNotAnOption() {
        assertThatThrownBy(() -> ServerConfigLoader.load(new String[] {"serve"}, Map.of(), new Properties()))
                .hasMessage("'serve' is not an option; options look like --port=8080 (see --help)");
        assertThatThrownBy(() -> ServerConfigLoader.load(new String[] {"--port"}, Map.of(), new Properties()))
                .hasMessage("Option '--port' needs a value, for example --port=...");
    }

    @Test
    void refusesAnUnknownKeyInTheConfigFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, "colour=blue\n");

        assertThatThrownBy(() -> ServerConfigLoader.load(new String[] {"--config=" + file}, Map.of(), new Properties()))
                .hasMessageStartingWith("Key 'colour' in " + file + " is not a setting; known settings: ");
    }

    @Test
    void theConfigurationChecksItsOwnRanges() {
        assertThatThrownBy(() -> ServerConfig.builder(Path.of("data")).port(70000).build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("Setting 'port' is '70000'; it must be a whole number from 0 to 65535");
        assertThatThrownBy(() -> ServerConfig.builder(Path.of("data")).maxRequestBodyBytes(3L * 1024 * 1024 * 1024).build())
                .hasMessage("Setting 'max-request-body-bytes' is '3221225472'; it must be a whole number from 1 to "
                        + "2147483639");
        assertThatThrownBy(() -> ServerConfig.builder(Path.of("data")).expressionTimeout(Duration.ZERO).build())
                .hasMessage("Setting 'expression-timeout-ms' is '0'; it must be a whole number from 1 to any size");
    }

    @Test
    void neverShowsAPasswordInTheJdbcUrl() {
        ServerConfig config = ServerConfig.builder(Path.of("data"))
                .jdbcUrl(Optional.of("jdbc:postgresql://db/flows?user=flows&password=s3cret&ssl=true")).build();

        assertThat(config.toString()).contains("jdbc:postgresql://db/flows?user=flows&password=***&ssl=true")
                .doesNotContain("s3cret");
    }

    @Test
    void usageListsEverySetting() {
        String usage = ServerConfigLoader.usage();

        for (String key : ServerConfigLoader.SETTINGS.keySet()) {
            assertThat(usage).contains("--" + key);
        }
    }
}
