package org.flowserver.server.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.flowserver.dsl.Ids;
import org.flowserver.dsl.OutboundSettingsJson;
import org.flowserver.dsl.OutboundSettingsRules;
import org.flowserver.dsl.Problem;
import org.flowserver.dsl.ResponseCacheSpec;
import org.flowserver.dsl.RestAuthSpec;
import org.flowserver.dsl.RestMethod;
import org.flowserver.dsl.RetryPolicySpec;
import org.flowserver.processors.outbound.OutboundDefaults;
import org.flowserver.processors.outbound.ServiceDefinition;
import org.flowserver.processors.outbound.TlsSettings;

/**
 * Reads the outbound config's JSON tree (ADR 0002 §4.2), collecting every problem with its JSON path. Secret
 * files and environment variables are read here too, so that a missing one is reported with the rest.
 *
 * <p>The settings a service shares with a {@code restRequest} (headers, query parameters, auth, timeouts,
 * redirects, retries, cache) are read and checked as a flow's are, by {@link OutboundSettingsJson} and
 * {@link OutboundSettingsRules}; what only a service has (name, owners, baseUrl, pool, tls, that a secret is in
 * {@code secrets}, the cache's upper bounds) is checked here.
 */
final class OutboundConfigReader {

    static final String SERVICE_NAME_PATTERN = "[a-zA-Z][a-zA-Z0-9_-]{0,29}";
    static final int MAX_POOL_SIZE = 1000;
    static final int MAX_WAIT_QUEUE_SIZE = 100_000;
    static final long MAX_RESPONSE_BYTES = 1024L * 1024 * 1024;
    static final int MAX_CACHE_ENTRIES = 1_000_000;
    static final long MAX_CACHE_BYTES = 1024L * 1024 * 1024;

    private final ConfigJson json = new ConfigJson();
    private final OutboundSettingsJson settings = new OutboundSettingsJson(json::add);
    private final Path baseDir;
    private final Map<String, String> environment;
    private final InstantSource clock;
    /** Secrets declared with a valid name, whether or not their value could be read. */
    private final Set<String> declaredSecrets = new TreeSet<>();

    OutboundConfigReader(Path baseDir, Map<String, String> environment, InstantSource clock) {
        this.baseDir = baseDir;
        this.environment = environment;
        this.clock = clock;
    }

    /** The config, or the problems that keep it from being one (never empty then). */
    Result read(JsonNode root) {
        if (!root.isObject()) {
            json.add("", "The outbound config is a JSON object with defaults, secrets and services, not "
                    + ConfigJson.kind(root));
            return new Result(Optional.empty(), json.problems());
        }
        json.known(root, "", "the outbound config", List.of("defaults", "secrets", "services"));
        OutboundDefaults defaults = defaults(root);
        SecretStore secrets = secrets(root);
        List<ServiceDefinition> services = services(root, defaults);
        if (json.problemCount() > 0) {
            return new Result(Optional.empty(), inDocumentOrder(root, json.problems()));
        }
        return new Result(Optional.of(new OutboundConfig(defaults, services, secrets)), List.of());
    }

    /**
     * The problems ordered by the top-level property they belong to, as the file orders those (secrets are read
     * before services whatever the order, since services name them); within one, in the order found.
     */
    private static List<Problem> inDocumentOrder(JsonNode root, List<Problem> problems) {
        List<String> order = new ArrayList<>();
        root.fieldNames().forEachRemaining(order::add);
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(problem -> {
            String path = problem.path();
            int end = path.length();
            for (int i = 0; i < path.length(); i++) {
                if (path.charAt(i) == '.' || path.charAt(i) == '[') {
                    end = i;
                    break;
                }
            }
            return order.indexOf(path.substring(0, end));
        }));
        return sorted;
    }

    record Result(Optional<OutboundConfig> config, List<Problem> problems) {
    }

    private OutboundDefaults defaults(JsonNode root) {
        OutboundDefaults fallback = OutboundDefaults.DEFAULT;
        Optional<JsonNode> found = json.object(root, "", "defaults");
        if (found.isEmpty()) {
            return fallback;
        }
        JsonNode node = found.get();
        String path = "defaults";
        json.known(node, path, "the defaults", List.of("connectTimeout", "readTimeout", "totalTimeout",
                "maxPoolSize", "maxWaitQueueSize", "maxResponseBytes", "cacheMaxBytes"));
        return new OutboundDefaults(
                timeout(node, path, "connectTimeout").orElse(fallback.connectTimeout()),
                timeout(node, path, "readTimeout").orElse(fallback.readTimeout()),
                timeout(node, path, "totalTimeout").orElse(fallback.totalTimeout()),
                maxPoolSize(node, path).orElse(fallback.maxPoolSize()),
                maxWaitQueueSize(node, path).orElse(fallback.maxWaitQueueSize()),
                json.wholeNumber(node, path, "maxResponseBytes", 1, MAX_RESPONSE_BYTES, "1 to " + MAX_RESPONSE_BYTES
                        + " (1 GiB)").orElse(fallback.maxResponseBytes()),
                json.wholeNumber(node, path, "cacheMaxBytes", 1, Long.MAX_VALUE, "1 or more")
                        .orElse(fallback.cacheMaxBytes()));
    }

    private SecretStore secrets(JsonNode root) {
        Optional<JsonNode> found = json.object(root, "", "secrets");
        if (found.isEmpty()) {
            return SecretStore.empty();
        }
        List<SecretStore.SecretSource> sources = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = found.get().fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (!SecretStore.isValidName(name)) {
                json.add("secrets", ConfigJson.quote(name) + " is not a secret name; it must match "
                        + SecretStore.NAME_PATTERN);
                continue;
            }
            declaredSecrets.add(name);
            String path = "secrets." + name;
            JsonNode node = field.getValue();
            if (!node.isObject()) {
                json.add(path, "must be an object with file or env, not " + ConfigJson.kind(node));
                continue;
            }
            json.known(node, path, "a secret", List.of("file", "env", "owners"));
            int before = json.problemCount();
            Optional<String> file = json.text(node, path, "file");
            Optional<String> variable = json.text(node, path, "env");
            Set<String> owners = owners(node, path).orElse(Set.of());
            if (json.problemCount() > before) {
                continue;
            }
            if (file.isPresent() && variable.isPresent()) {
                json.add(path, "has both file and env; give exactly one");
            } else if (file.isEmpty() && variable.isEmpty()) {
                json.add(path, "needs file (a file holding the secret) or env (an environment variable holding it)");
            } else if (file.isPresent()) {
                resolve(path + ".file", file.get()).ifPresent(resolved ->
                        sources.add(SecretStore.SecretSource.file(name, owners, file.get(), resolved)));
            } else if (variable.get().isEmpty() || variable.get().contains("=")) {
                json.add(path + ".env", ConfigJson.quote(variable.get()) + " is not an environment variable name");
            } else {
                sources.add(SecretStore.SecretSource.env(name, owners, variable.get()));
            }
        }
        return SecretStore.load(sources, environment, clock, json::add);
    }

    private Optional<Set<String>> owners(JsonNode node, String path) {
        Optional<List<String>> owners = json.strings(node, path, "owners");
        if (owners.isEmpty()) {
            return Optional.empty();
        }
        if (owners.get().isEmpty() && node.get("owners").isEmpty()) {
            json.add(path + ".owners", "must not be empty; list the owners whose flows may name the secret (or "
                    + "\"*\" for every owner), or leave owners out to keep the secret for services");
        }
        checkOwnerIds(node, path, owners.get());
        return Optional.of(new LinkedHashSet<>(owners.get()));
    }

    private void checkOwnerIds(JsonNode node, String path, List<String> owners) {
        JsonNode array = node.get("owners");
        for (int i = 0, j = 0; i < array.size(); i++) {
            if (!array.get(i).isTextual()) {
                continue;
            }
            String owner = owners.get(j++);
            if (!owner.equals(ServiceDefinition.EVERY_OWNER) && !Ids.isValid(owner)) {
                json.add(path + ".owners[" + i + "]", ConfigJson.quote(owner) + " is not an owner id (it must match "
                        + Ids.PATTERN_TEXT + ") or \"*\" for every owner");
            }
        }
    }

    private List<ServiceDefinition> services(JsonNode root, OutboundDefaults defaults) {
        Optional<JsonNode> list = json.array(root, "", "services");
        if (list.isEmpty()) {
            return List.of();
        }
        List<ServiceDefinition> services = new ArrayList<>();
        Map<String, Integer> firstIndexOfName = new HashMap<>();
        for (int i = 0; i < list.get().size(); i++) {
            String path = "services[" + i + "]";
            JsonNode node = list.get().get(i);
            if (!node.isObject()) {
                json.add(path, "must be a service object, not " + ConfigJson.kind(node));
                continue;
            }
            int before = json.problemCount();
            Optional<ServiceDefinition> service = service(node, path, defaults, i, firstIndexOfName);
            if (json.problemCount() == before) {
                service.ifPresent(services::add);
            }
        }
        return services;
    }

    /** @param firstIndexOfName  the index of the first service of each name, lower case */
    private Optional<ServiceDefinition> service(JsonNode node, String path, OutboundDefaults defaults, int index,
                                                Map<String, Integer> firstIndexOfName) {
        json.known(node, path, "a service", List.of("name", "owners", "baseUrl", "method", "headers",
                "queryParameters", "auth", "connectTimeout", "readTimeout", "totalTimeout", "followRedirects",
                "maxRedirects", "retryPolicy", "maxPoolSize", "maxWaitQueueSize", "cache", "tls"));
        Optional<String> name = serviceName(node, path);
        name.ifPresent(given -> {
            Integer earlier = firstIndexOfName.putIfAbsent(given.toLowerCase(Locale.ROOT), index);
            if (earlier != null) {
                json.add(path + ".name", ConfigJson.quote(given) + " is already the name of services[" + earlier
                        + "]; service names must be unique, ignoring case");
            }
        });
        Optional<Set<String>> owners = serviceOwners(node, path);
        Optional<URI> baseUrl = baseUrl(node, path);
        Optional<RestMethod> method = json.choice(node, path, "method", RestMethod.values());
        Map<String, List<String>> headers = settings.headers(node, path);
        Map<String, List<String>> queryParameters = settings.queryParameters(node, path);
        Optional<RestAuthSpec> auth = settings.auth(node, path);
        check(OutboundSettingsRules.headers(path + ".headers", headers, auth));
        check(OutboundSettingsRules.queryParameters(path + ".queryParameters", queryParameters));
        auth.ifPresent(given -> {
            check(OutboundSettingsRules.auth(path + ".auth", given));
            OutboundSettingsRules.secretNames(given).forEach((field, secret) ->
                    checkDeclared(path + ".auth." + field, secret));
        });
        Optional<Duration> connectTimeout = timeout(node, path, "connectTimeout");
        Optional<Duration> readTimeout = timeout(node, path, "readTimeout");
        Optional<Duration> totalTimeout = timeout(node, path, "totalTimeout");
        Optional<Boolean> followRedirects = json.bool(node, path, "followRedirects");
        OptionalInt maxRedirects = settings.maxRedirects(node, path);
        maxRedirects.ifPresent(max -> check(OutboundSettingsRules.maxRedirects(path + ".maxRedirects", max)));
        Optional<RetryPolicySpec> retryPolicy = settings.retryPolicy(node, path);
        retryPolicy.ifPresent(policy -> check(OutboundSettingsRules.retryPolicy(path + ".retryPolicy", policy)));
        int maxPoolSize = maxPoolSize(node, path).orElse(defaults.maxPoolSize());
        int maxWaitQueueSize = maxWaitQueueSize(node, path).orElse(defaults.maxWaitQueueSize());
        Optional<ResponseCacheSpec> cache = settings.cache(node, path);
        cache.ifPresent(given -> checkCache(path + ".cache", given));
        Optional<TlsSettings> tls = json.object(node, path, "tls").flatMap(t -> tls(t, path + ".tls"));
        if (tls.isPresent() && baseUrl.isPresent() && "http".equalsIgnoreCase(baseUrl.get().getScheme())) {
            json.add(path + ".tls", "is set, but baseUrl " + ConfigJson.quote(baseUrl.get().toString())
                    + " is not https; TLS settings apply to https only");
        }
        if (name.isEmpty() || owners.isEmpty() || baseUrl.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ServiceDefinition(name.get(), owners.get(), baseUrl.get(), method, headers,
                queryParameters, auth, connectTimeout, readTimeout, totalTimeout, followRedirects, maxRedirects,
                retryPolicy, maxPoolSize, maxWaitQueueSize, cache, tls.orElse(TlsSettings.DEFAULT)));
    }

    private Optional<String> serviceName(JsonNode node, String path) {
        Optional<String> name = json.text(node, path, "name");
        if (name.isEmpty()) {
            if (!ConfigJson.present(node.get("name"))) {
                json.add(path + ".name", "is required; it must match " + SERVICE_NAME_PATTERN);
            }
            return Optional.empty();
        }
        if (!name.get().matches(SERVICE_NAME_PATTERN)) {
            json.add(path + ".name", ConfigJson.quote(name.get()) + " does not match " + SERVICE_NAME_PATTERN);
            return Optional.empty();
        }
        if (name.get().equalsIgnoreCase("http") || name.get().equalsIgnoreCase("https")) {
            json.add(path + ".name", ConfigJson.quote(name.get()) + " is a URL scheme, so " + name.get()
                    + "://... could not name the service; choose another name");
            return Optional.empty();
        }
        return name;
    }

    private Optional<Set<String>> serviceOwners(JsonNode node, String path) {
        String expected = "list the owners whose flows may call the service, or [\"*\"] for every owner";
        if (!ConfigJson.present(node.get("owners"))) {
            json.add(path + ".owners", "is required; " + expected);
            return Optional.empty();
        }
        int before = json.problemCount();
        Optional<List<String>> owners = json.strings(node, path, "owners");
        if (owners.isEmpty()) {
            return Optional.empty();
        }
        if (node.get("owners").isEmpty()) {
            json.add(path + ".owners", "must not be empty; " + expected);
        }
        checkOwnerIds(node, path, owners.get());
        return json.problemCount() == before ? Optional.of(new LinkedHashSet<>(owners.get())) : Optional.empty();
    }

    private Optional<URI> baseUrl(JsonNode node, String path) {
        if (!ConfigJson.present(node.get("baseUrl"))) {
            json.add(path + ".baseUrl", "is required; an absolute http or https URL such as "
                    + "https://crm.example.com/api/v2/");
            return Optional.empty();
        }
        return json.text(node, path, "baseUrl").flatMap(text -> baseUrl(path + ".baseUrl", text));
    }

    /**
     * An absolute http or https URL with a host, without user info, query or fragment. A URL with user info is
     * quoted without it: it may hold a password.
     */
    private Optional<URI> baseUrl(String path, String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            json.add(path, ConfigJson.quote(text) + " is not an absolute http or https URL");
            return Optional.empty();
        }
        if (uri.getRawUserInfo() != null) {
            String shown = text.replace(uri.getRawUserInfo() + "@", "***@");
            json.add(path, ConfigJson.quote(shown) + " carries user info; leave it out, credentials go in auth");
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            json.add(path, ConfigJson.quote(text) + " is not an absolute http or https URL");
            return Optional.empty();
        }
        if (uri.getRawQuery() != null) {
            json.add(path, ConfigJson.quote(text) + " has a query; put query parameters in queryParameters");
            return Optional.empty();
        }
        if (uri.getRawFragment() != null) {
            json.add(path, ConfigJson.quote(text) + " has a fragment (#...); a request never sends one, leave it out");
            return Optional.empty();
        }
        return Optional.of(uri);
    }

    /** Adds the problems the shared rules found, but those under an entry that could not be read. */
    private void check(List<Problem> ruleProblems) {
        settings.applicable(ruleProblems).forEach(json::add);
    }

    /**
     * A secret an auth or tls names must be declared in {@code secrets}. A name that is not one was reported by
     * the shared rules, unquoted: it may be a password pasted where its name belongs.
     */
    private void checkDeclared(String path, String name) {
        if (SecretStore.isValidName(name) && !declaredSecrets.contains(name)) {
            json.add(path, ConfigJson.quote(name) + " is not in secrets; "
                    + (declaredSecrets.isEmpty() ? "no secrets are configured, add it under secrets"
                    : "known secrets: " + String.join(", ", declaredSecrets)));
        }
    }

    /** A service's cache shares the server's memory with every other: it has upper bounds besides the rules. */
    private void checkCache(String path, ResponseCacheSpec cache) {
        check(OutboundSettingsRules.cache(path, cache));
        if (cache.maxEntries() > MAX_CACHE_ENTRIES) {
            json.add(path + ".maxEntries", ConfigJson.quote(String.valueOf(cache.maxEntries()))
                    + " is out of range; use 1 to " + MAX_CACHE_ENTRIES);
        }
        if (cache.maxBytes() > MAX_CACHE_BYTES) {
            json.add(path + ".maxBytes", ConfigJson.quote(String.valueOf(cache.maxBytes()))
                    + " is out of range; use 1 to " + MAX_CACHE_BYTES + " (1 GiB)");
        }
    }

    private Optional<TlsSettings> tls(JsonNode node, String path) {
        json.known(node, path, "tls", List.of("caCertificateFile", "clientCertificateFile", "clientKeySecretName",
                "verifyHostname", "insecure"));
        int before = json.problemCount();
        Optional<Path> caCertificateFile = json.text(node, path, "caCertificateFile")
                .flatMap(file -> readableFile(path + ".caCertificateFile", file));
        Optional<Path> clientCertificateFile = json.text(node, path, "clientCertificateFile")
                .flatMap(file -> readableFile(path + ".clientCertificateFile", file));
        boolean keyGiven = ConfigJson.present(node.get("clientKeySecretName"));
        Optional<String> clientKeySecretName = json.text(node, path, "clientKeySecretName");
        clientKeySecretName.ifPresent(name -> {
            check(OutboundSettingsRules.secretName(path + ".clientKeySecretName", name));
            checkDeclared(path + ".clientKeySecretName", name);
        });
        boolean verifyHostname = json.bool(node, path, "verifyHostname").orElse(true);
        boolean insecure = json.bool(node, path, "insecure").orElse(false);
        boolean certificateGiven = ConfigJson.present(node.get("clientCertificateFile"));
        if (certificateGiven && !keyGiven) {
            json.add(path + ".clientKeySecretName", "is required with clientCertificateFile; name the secret "
                    + "holding the client certificate's PEM private key");
        } else if (!certificateGiven && keyGiven) {
            json.add(path + ".clientCertificateFile", "is required with clientKeySecretName; give the PEM client "
                    + "certificate whose key the secret holds");
        }
        if (insecure && ConfigJson.present(node.get("caCertificateFile"))) {
            json.add(path + ".insecure", "true trusts every certificate, so caCertificateFile would never be used; "
                    + "remove one of them");
        }
        if (json.problemCount() > before) {
            return Optional.empty();
        }
        return Optional.of(new TlsSettings(caCertificateFile, clientCertificateFile, clientKeySecretName,
                verifyHostname, insecure));
    }

    /** The file resolved against the config's directory, if it exists and can be read (its content is not read). */
    private Optional<Path> readableFile(String path, String written) {
        Optional<Path> file = resolve(path, written);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        String where = ConfigJson.quote(written) + (written.equals(file.get().toString()) ? "" : " (" + file.get()
                + ")");
        try {
            BasicFileAttributes attributes = Files.readAttributes(file.get(), BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                throw new IOException(attributes.isDirectory() ? "it is a directory" : "it is not a regular file");
            }
            if (!Files.isReadable(file.get())) {
                throw new AccessDeniedException(file.get().toString());
            }
            return file;
        } catch (IOException e) {
            String reason = e.getClass() == IOException.class ? e.getMessage() : SecretStore.reason(e);
            json.add(path, where + " cannot be read: " + reason);
            return Optional.empty();
        }
    }

    private Optional<Path> resolve(String path, String written) {
        if (written.isEmpty()) {
            json.add(path, "must not be empty; give a file path");
            return Optional.empty();
        }
        try {
            return Optional.of(baseDir.resolve(written).normalize());
        } catch (InvalidPathException e) {
            json.add(path, ConfigJson.quote(written) + " is not a file path: " + e.getReason());
            return Optional.empty();
        }
    }

    private Optional<Duration> timeout(JsonNode node, String path, String field) {
        Optional<Duration> timeout = settings.timeout(node, path, field);
        timeout.ifPresent(given -> check(OutboundSettingsRules.timeout(path + "." + field, given)));
        return timeout;
    }

    private Optional<Integer> maxPoolSize(JsonNode node, String path) {
        return json.integer(node, path, "maxPoolSize", 1, MAX_POOL_SIZE, "1 to " + MAX_POOL_SIZE);
    }

    private Optional<Integer> maxWaitQueueSize(JsonNode node, String path) {
        return json.integer(node, path, "maxWaitQueueSize", 0, MAX_WAIT_QUEUE_SIZE, "0 (fail at once when every "
                + "connection is busy) to " + MAX_WAIT_QUEUE_SIZE);
    }
}
