package org.flowserver.server.outbound;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.flowserver.dsl.Problem;
import org.flowserver.processors.outbound.OutboundDefaults;
import org.flowserver.processors.outbound.ServiceDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's outbound config (setting {@code outbound-config}, ADR 0002 §4.2): defaults for outbound calls, the
 * services flows call by name, and the secrets their credentials come from. Read once at start; a change needs a
 * restart (secret files excepted: their values are read again when they change).
 *
 * <p>The file is strict JSON: an unknown property, a wrong type or a broken rule is a problem, and every problem
 * is reported at once in an {@link InvalidOutboundConfigException}. Relative paths in it (secret files, TLS
 * files) are resolved against the file's directory.
 */
public final class OutboundConfig {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundConfig.class);
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final OutboundConfig EMPTY = new OutboundConfig(OutboundDefaults.DEFAULT, List.of(),
            SecretStore.empty());

    private final OutboundDefaults defaults;
    private final List<ServiceDefinition> services;
    private final SecretStore secrets;

    OutboundConfig(OutboundDefaults defaults, List<ServiceDefinition> services, SecretStore secrets) {
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.services = List.copyOf(services);
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    /** No services and no secrets, the default call settings: direct URLs only. */
    public static OutboundConfig empty() {
        return EMPTY;
    }

    /**
     * Reads the file; secrets from files and from the server's environment.
     *
     * @throws InvalidOutboundConfigException listing every problem, the file's unreadability included
     */
    public static OutboundConfig load(Path file) {
        return load(file, System.getenv(), InstantSource.system());
    }

    /**
     * Reads a config given as text; secrets from files and from the server's environment.
     *
     * @param baseDir  what relative paths in it are resolved against
     * @throws InvalidOutboundConfigException listing every problem
     */
    public static OutboundConfig parse(String json, Path baseDir) {
        return parse(json, baseDir, System.getenv(), InstantSource.system());
    }

    /** {@link #load(Path)} with the environment and the clock (for secret file checks) given. */
    static OutboundConfig load(Path file, Map<String, String> environment, InstantSource clock) {
        Optional<String> source = Optional.of(file.toString());
        String json;
        try {
            json = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidOutboundConfigException(source, List.of(new Problem("", "The file cannot be read ("
                    + SecretStore.reason(e) + "); check the outbound-config setting")));
        }
        Path baseDir = file.toAbsolutePath().normalize().getParent();
        OutboundConfig config = parse(json, baseDir, source, environment, clock);
        LOG.atInfo().addKeyValue("file", file).addKeyValue("services", config.serviceNames())
                .addKeyValue("secrets", config.secrets.names()).log("Outbound config loaded");
        return config;
    }

    /** {@link #parse(String, Path)} with the environment and the clock (for secret file checks) given. */
    static OutboundConfig parse(String json, Path baseDir, Map<String, String> environment, InstantSource clock) {
        return parse(json, baseDir, Optional.empty(), environment, clock);
    }

    private static OutboundConfig parse(String json, Path baseDir, Optional<String> source,
                                        Map<String, String> environment, InstantSource clock) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            // Jackson names the hidden source inside nested locations; the position is what helps.
            String reason = e.getOriginalMessage()
                    .replace("[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); ", "[");
            throw new InvalidOutboundConfigException(source, List.of(new Problem("",
                    "The outbound config is not valid JSON: " + reason + where)));
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidOutboundConfigException(source, List.of(new Problem("", "The outbound config is empty; "
                    + "write a JSON object, at least {\"services\": []}")));
        }
        OutboundConfigReader.Result result = new OutboundConfigReader(baseDir, environment, clock).read(root);
        OutboundConfig config = result.config()
                .orElseThrow(() -> new InvalidOutboundConfigException(source, result.problems()));
        for (ServiceDefinition service : config.services) {
            if (service.tls().insecure()) {
                LOG.atWarn().addKeyValue("service", service.name())
                        .log("Service trusts every TLS certificate and host name (tls.insecure); use that only in tests");
            }
        }
        return config;
    }

    /** Defaults for calls, where neither the call nor its service sets a value. */
    public OutboundDefaults defaults() {
        return defaults;
    }

    /** The services, in the order of the file. */
    public List<ServiceDefinition> services() {
        return services;
    }

    /** The service called {@code name}, ignoring case. */
    public Optional<ServiceDefinition> service(String name) {
        return services.stream().filter(service -> service.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The secrets, by name. */
    public SecretStore secrets() {
        return secrets;
    }

    private List<String> serviceNames() {
        return services.stream().map(ServiceDefinition::name).toList();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OutboundConfig config && config.defaults.equals(defaults)
                && config.services.equals(services) && config.secrets.equals(secrets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(defaults, services, secrets);
    }

    /** Names and settings only, never a secret's value. */
    @Override
    public String toString() {
        return "OutboundConfig[defaults=" + defaults + ", services=" + serviceNames() + ", secrets=" + secrets.names()
                + "]";
    }
}
