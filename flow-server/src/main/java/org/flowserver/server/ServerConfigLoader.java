package org.flowserver.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.flowserver.processors.payload.JsonLimits;
import org.flowserver.server.access.AccessConfig;
import org.flowserver.server.traces.TraceConfig;

/**
 * Reads the configuration. Each setting has a key ({@code port}, {@code data-dir}, ...) and is taken from,
 * in order: a command-line option {@code --port=9090}; a Java system property {@code flowserver.port}; an
 * environment variable {@code FLOWSERVER_PORT}; the properties file named by {@code --config}; the default.
 * An unknown key or a bad value stops the start with a message that names it.
 */
public final class ServerConfigLoader {

    static final Map<String, String> SETTINGS = new LinkedHashMap<>();

    static {
        SETTINGS.put("host", "interface to listen on (default 127.0.0.1; 0.0.0.0 for all)");
        SETTINGS.put("port", "HTTP port, 0 for any free port (default 8080)");
        SETTINGS.put("data-dir", "directory of the embedded store (default ./data)");
        SETTINGS.put("jdbc-url", "JDBC URL of an external store, e.g. jdbc:postgresql://db/flows (default: embedded H2)");
        SETTINGS.put("jdbc-user", "database user for jdbc-url");
        SETTINGS.put("jdbc-password", "database password for jdbc-url");
        SETTINGS.put("worker-threads", "threads that run flows (default 32)");
        SETTINGS.put("max-request-body-bytes", "largest entity a flow endpoint accepts (default 10485760)");
        SETTINGS.put("max-api-body-bytes", "largest body the management API accepts (default 5242880)");
        SETTINGS.put("max-spec-bytes", "largest OpenAPI spec an upload may send (default 10485760)");
        SETTINGS.put("expression-timeout-ms", "longest one JSONata evaluation may run (default 5000)");
        SETTINGS.put("expression-max-depth", "deepest JSONata evaluation nesting (default 500)");
        SETTINGS.put("undeploy-timeout-seconds", "how long undeploy and shutdown wait for messages in flight (default 30)");
        SETTINGS.put("request-timeout-ms", "how long a RequestResponse caller waits before a 504 (default 30000; 0 waits "
                + "as long as the flow takes)");
        SETTINGS.put("max-json-depth", "deepest nesting of arrays and objects in a JSON request body, 1 to 1000 (default 200)");
        SETTINGS.put("max-json-string-length", "longest string in a JSON request body, in characters (default 1000000)");
        SETTINGS.put("max-in-flight-per-flow", "requests one flow may have in flight; more get 503 (default 1000; 0 for "
                + "no limit)");
        SETTINGS.put("idle-timeout-ms", "how long a connection may be idle, also mid-request, before it is closed "
                + "(default 60000; 0 never)");
        SETTINGS.put("traces-enabled", "record a trace of every message: true or false (default true)");
        SETTINGS.put("trace-queue-capacity", "trace snapshots waiting to be written at most; more are dropped (default 10000)");
        SETTINGS.put("trace-batch-size", "trace snapshots written to the store per batch at most (default 500)");
        SETTINGS.put("trace-retention", "how long traces are kept, an ISO-8601 duration (default P7D)");
        SETTINGS.put("trace-prune-interval", "how often old traces are removed, an ISO-8601 duration (default PT1H)");
        SETTINGS.put("trace-writer-cpu-percent", "share of one core the trace writer may spend writing while the CPU is busy, 1 to 100 (default 3)");
        SETTINGS.put("admin-password", "password of the first administrator 'admin', used on the first start only "
                + "(default: generated and printed once); prefer the environment variable FLOWSERVER_ADMIN_PASSWORD");
        SETTINGS.put("password-hash-iterations", "PBKDF2-HMAC-SHA256 iterations of new password hashes (default 600000)");
        SETTINGS.put("deploy", "flow JSON files to deploy at start, comma-separated; the option may repeat");
        SETTINGS.put("outbound-config", "a JSON file of services, secrets and defaults for outbound REST calls "
                + "(default: none, direct URLs only)");
        SETTINGS.put("config", "a properties file with any of these keys");
    }

    private ServerConfigLoader() {
    }

    /**
     * Loads the configuration.
     *
     * @throws ConfigException naming the key and what is expected, if a key is unknown or a value is bad
     */
    public static ServerConfig load(String[] args, Map<String, String> environment, Properties systemProperties) {
        Map<String, List<String>> options = parseArgs(args);
        Map<String, String> fileValues = options.containsKey("config")
                ? readFile(Path.of(last(options.get("config")))) : Map.of();
        Function<String, Optional<String>> lookup = key -> {
            if (options.containsKey(key)) {
                return Optional.of(last(options.get(key)));
            }
            String property = systemProperties.getProperty("flowserver." + key);
            if (property != null) {
                return Optional.of(property);
            }
            String variable = environment.get("FLOWSERVER_" + key.toUpperCase(Locale.ROOT).replace('-', '_'));
            if (variable != null) {
                return Optional.of(variable);
            }
            return Optional.ofNullable(fileValues.get(key));
        };

        ServerConfig defaults = ServerConfig.defaults(Path.of("data"));
        List<Path> deployFiles = new ArrayList<>();
        List<String> deployValues = options.containsKey("deploy") ? options.get("deploy")
                : lookup.apply("deploy").map(List::of).orElse(List.of());
        for (String value : deployValues) {
            for (String file : value.split(",")) {
                if (!file.isBlank()) {
                    deployFiles.add(Path.of(file.trim()));
                }
            }
        }
        return ServerConfig.builder(lookup.apply("data-dir").map(Path::of).orElse(defaults.dataDir()))
                .host(lookup.apply("host").orElse(defaults.host()))
                .port(integer(lookup, "port", defaults.port(), 0, ServerConfig.MAX_PORT))
                .jdbcUrl(lookup.apply("jdbc-url").filter(url -> !url.isBlank()))
                .jdbcUser(lookup.apply("jdbc-user"))
                .jdbcPassword(lookup.apply("jdbc-password"))
                .workerThreads(integer(lookup, "worker-threads", defaults.workerThreads(), 1, ServerConfig.MAX_WORKER_THREADS))
                .maxRequestBodyBytes(number(lookup, "max-request-body-bytes", defaults.maxRequestBodyBytes(), 1,
                        ServerConfig.MAX_BODY_BYTES))
                .maxApiBodyBytes(number(lookup, "max-api-body-bytes", defaults.maxApiBodyBytes(), 1,
                        ServerConfig.MAX_BODY_BYTES))
                .maxSpecBytes(number(lookup, "max-spec-bytes", defaults.maxSpecBytes(), 1, ServerConfig.MAX_BODY_BYTES))
                .expressionTimeout(Duration.ofMillis(number(lookup, "expression-timeout-ms",
                        defaults.expressionTimeout().toMillis(), 1, Long.MAX_VALUE)))
                .expressionMaxDepth(integer(lookup, "expression-max-depth", defaults.expressionMaxDepth(), 1,
                        ServerConfig.MAX_EXPRESSION_DEPTH))
                .undeployTimeout(Duration.ofSeconds(number(lookup, "undeploy-timeout-seconds",
                        defaults.undeployTimeout().toSeconds(), 0, Long.MAX_VALUE)))
                .requestTimeout(Duration.ofMillis(number(lookup, "request-timeout-ms",
                        defaults.requestTimeout().toMillis(), 0, ServerConfig.MAX_REQUEST_TIMEOUT_MILLIS)))
                .maxJsonDepth(integer(lookup, "max-json-depth", defaults.maxJsonDepth(), 1, JsonLimits.MAX_DEPTH))
                .maxJsonStringLength(integer(lookup, "max-json-string-length", defaults.maxJsonStringLength(), 1,
                        (int) ServerConfig.MAX_BODY_BYTES))
                .maxInFlightPerFlow(integer(lookup, "max-in-flight-per-flow", defaults.maxInFlightPerFlow(), 0,
                        Integer.MAX_VALUE))
                .idleTimeout(Duration.ofMillis(number(lookup, "idle-timeout-ms", defaults.idleTimeout().toMillis(), 0,
                        ServerConfig.MAX_IDLE_TIMEOUT_MILLIS)))
                .deployFiles(deployFiles)
                .outboundConfig(lookup.apply("outbound-config").filter(file -> !file.isBlank()).map(Path::of))
                .traces(traces(lookup, defaults.traces()))
                .access(new AccessConfig(lookup.apply("admin-password").filter(password -> !password.isEmpty()),
                        integer(lookup, "password-hash-iterations", defaults.access().passwordHashIterations(),
                                AccessConfig.MIN_ITERATIONS, AccessConfig.MAX_ITERATIONS)))
                .build();
    }

    /** The options and what they mean, for {@code --help}. */
    public static String usage() {
        StringBuilder text = new StringBuilder("Usage: java -jar flow-server.jar [--key=value ...]\n\n");
        SETTINGS.forEach((key, meaning) -> text.append(String.format("  --%-26s %s%n", key, meaning)));
        text.append("\nEach key may also be set as the system property flowserver.<key>, the environment variable\n"
                + "FLOWSERVER_<KEY> (upper case, '-' as '_'), or in the --config file.\n");
        return text.toString();
    }

    private static Map<String, List<String>> parseArgs(String[] args) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new ConfigException("'" + arg + "' is not an option; options look like --port=8080 (see --help)");
            }
            String key;
            String value;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                key = arg.substring(2, equals);
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                key = arg.substring(2);
                value = args[++i];
            } else {
                throw new ConfigException("Option '" + arg + "' needs a value, for example " + arg + "=...");
            }
            checkKnown(key, "Option '--" + key + "'");
            options.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return options;
    }

    private static Map<String, String> readFile(Path path) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("The config file '" + path + "' cannot be read: " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            checkKnown(key, "Key '" + key + "' in " + path);
            values.put(key, properties.getProperty(key));
        }
        return values;
    }

    private static void checkKnown(String key, String where) {
        if (!SETTINGS.containsKey(key)) {
            Set<String> known = new TreeSet<>(SETTINGS.keySet());
            throw new ConfigException(where + " is not a setting; known settings: " + String.join(", ", known));
        }
    }

    private static TraceConfig traces(Function<String, Optional<String>> lookup, TraceConfig defaults) {
        return TraceConfig.builder()
                .enabled(bool(lookup, "traces-enabled", defaults.enabled()))
                .queueCapacity(integer(lookup, "trace-queue-capacity", defaults.queueCapacity(), 1,
                        TraceConfig.MAX_QUEUE_CAPACITY))
                .batchSize(integer(lookup, "trace-batch-size", defaults.batchSize(), 1, TraceConfig.MAX_BATCH_SIZE))
                .retention(duration(lookup, "trace-retention", defaults.retention()))
                .pruneInterval(duration(lookup, "trace-prune-interval", defaults.pruneInterval()))
                .writerCpuPercent(integer(lookup, "trace-writer-cpu-percent", defaults.writerCpuPercent(), 1, 100))
                .build();
    }

    private static boolean bool(Function<String, Optional<String>> lookup, String key, boolean fallback) {
        Optional<String> text = lookup.apply(key).map(String::trim);
        if (text.isEmpty()) {
            return fallback;
        }
        if (text.get().equalsIgnoreCase("true") || text.get().equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text.get());
        }
        throw new ConfigException("Setting '" + key + "' is '" + text.get() + "'; it must be true or false");
    }

    private static Duration duration(Function<String, Optional<String>> lookup, String key, Duration fallback) {
        Optional<String> text = lookup.apply(key).map(String::trim);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return Duration.parse(text.get());
        } catch (DateTimeParseException e) {
            throw new ConfigException("Setting '" + key + "' is '" + text.get() + "'; it must be an ISO-8601 duration "
                    + "of at least PT1S, for example P7D or PT12H");
        }
    }

    private static int integer(Function<String, Optional<String>> lookup, String key, int fallback, int min, int max) {
        return (int) number(lookup, key, fallback, min, max);
    }

    private static long number(Function<String, Optional<String>> lookup, String key, long fallback, long min, long max) {
        Optional<String> text = lookup.apply(key);
        if (text.isEmpty()) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(text.get().trim());
        } catch (NumberFormatException e) {
            throw ServerConfig.outOfRange(key, text.get(), min, max);
        }
        ServerConfig.checkRange(key, value, min, max);
        return value;
    }

    private static String last(List<String> values) {
        return values.get(values.size() - 1);
    }

}
