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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.flowserver.dsl.Ids;
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
 */
final class OutboundConfigReader {

    static final String SERVICE_NAME_PATTERN = "[a-zA-Z][a-zA-Z0-9_-]{0,29}";
    static final Duration MAX_TIMEOUT = Duration.ofHours(24);
    static final int MAX_POOL_SIZE = 1000;
    static final int MAX_WAIT_QUEUE_SIZE = 100_000;
    static final long MAX_RESPONSE_BYTES = 1024L * 1024 * 1024;
    static final int MAX_REDIRECTS = 20;
    static final int MAX_CACHE_ENTRIES = 1_000_000;
    static final long MAX_CACHE_BYTES = 1024L * 1024 * 1024;
    static final Duration MAX_RETRY_DEADLINE = Duration.ofHours(1);
    static final Duration MIN_RETRY_DELAY = Duration.ofSeconds(1);

    private static final List<String> AUTH_TYPES = List.of(RestAuthSpec.None.TYPE, RestAuthSpec.Basic.TYPE,
            RestAuthSpec.Bearer.TYPE, RestAuthSpec.ApiKey.TYPE, RestAuthSpec.OAuth2ClientCredentials.TYPE);
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization");
    private static final Set<String> CLIENT_HEADERS = Set.of("host", "content-length", "connection",
            "transfer-encoding");
    private static final String TOKEN_CHARACTERS = "!#$%&'*+-.^_`|~";
    private static final String TIMEOUT_RANGE = "PT0S (no limit) to PT24H";

    private final ConfigJson json = new ConfigJson();
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
        Map<String, List<String>> headers = headers(node, path);
        Map<String, List<String>> queryParameters = queryParameters(node, path);
        Optional<RestAuthSpec> auth = json.object(node, path, "auth").flatMap(a -> auth(a, path + ".auth"));
        Optional<Duration> connectTimeout = timeout(node, path, "connectTimeout");
        Optional<Duration> readTimeout = timeout(node, path, "readTimeout");
        Optional<Duration> totalTimeout = timeout(node, path, "totalTimeout");
        Optional<Boolean> followRedirects = json.bool(node, path, "followRedirects");
        Optional<Integer> maxRedirects = json.integer(node, path, "maxRedirects", 0, MAX_REDIRECTS,
                "0 (none) to " + MAX_REDIRECTS);
        Optional<RetryPolicySpec> retryPolicy = json.object(node, path, "retryPolicy")
                .map(policy -> retryPolicy(policy, path + ".retryPolicy"));
        int maxPoolSize = maxPoolSize(node, path).orElse(defaults.maxPoolSize());
        int maxWaitQueueSize = maxWaitQueueSize(node, path).orElse(defaults.maxWaitQueueSize());
        Optional<ResponseCacheSpec> cache = json.object(node, path, "cache").flatMap(c -> cache(c, path + ".cache"));
        Optional<TlsSettings> tls = json.object(node, path, "tls").flatMap(t -> tls(t, path + ".tls"));

        auth.filter(RestAuthSpec.ApiKey.class::isInstance).map(RestAuthSpec.ApiKey.class::cast).ifPresent(apiKey ->
                headers.keySet().stream().filter(header -> header.equalsIgnoreCase(apiKey.headerName())).findFirst()
                        .ifPresent(header -> json.add(path + ".headers." + header, "is the header auth sets "
                                + "(auth.headerName); leave it out of headers")));
        if (tls.isPresent() && baseUrl.isPresent() && "http".equalsIgnoreCase(baseUrl.get().getScheme())) {
            json.add(path + ".tls", "is set, but baseUrl " + ConfigJson.quote(baseUrl.get().toString())
                    + " is not https; TLS settings apply to https only");
        }
        if (name.isEmpty() || owners.isEmpty() || baseUrl.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ServiceDefinition(name.get(), owners.get(), baseUrl.get(), method, headers,
                queryParameters, auth, connectTimeout, readTimeout, totalTimeout, followRedirects,
                maxRedirects.map(OptionalInt::of).orElse(OptionalInt.empty()), retryPolicy, maxPoolSize,
                maxWaitQueueSize, cache, tls.orElse(TlsSettings.DEFAULT)));
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
        return json.text(node, path, "baseUrl").flatMap(text -> url(path + ".baseUrl", text,
                Optional.of("put query parameters in queryParameters")));
    }

    /**
     * An absolute http or https URL with a host, without user info or fragment. A URL with user info is quoted
     * without it: it may hold a password.
     *
     * @param noQuery  why a query is refused, as advice; empty when a query is fine
     */
    private Optional<URI> url(String path, String text, Optional<String> noQuery) {
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
        if (noQuery.isPresent() && uri.getRawQuery() != null) {
            json.add(path, ConfigJson.quote(text) + " has a query; " + noQuery.get());
            return Optional.empty();
        }
        if (uri.getRawFragment() != null) {
            json.add(path, ConfigJson.quote(text) + " has a fragment (#...); a request never sends one, leave it out");
            return Optional.empty();
        }
        return Optional.of(uri);
    }

    private Map<String, List<String>> headers(JsonNode node, String path) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Optional<JsonNode> found = json.object(node, path, "headers");
        if (found.isEmpty()) {
            return headers;
        }
        String headersPath = path + ".headers";
        Map<String, String> firstSpelling = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = found.get().fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            String fieldPath = headersPath + "." + name;
            if (!isToken(name)) {
                json.add(headersPath, ConfigJson.quote(name) + " is not an HTTP header name (letters, digits and "
                        + TOKEN_CHARACTERS + ")");
                continue;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (CREDENTIAL_HEADERS.contains(lower)) {
                json.add(fieldPath, "is not allowed in headers; credentials go in auth, with the password or token "
                        + "in secrets");
                continue;
            }
            if (CLIENT_HEADERS.contains(lower)) {
                json.add(fieldPath, "is not allowed in headers; the HTTP client sets Host, Content-Length, "
                        + "Connection and Transfer-Encoding itself");
                continue;
            }
            String earlier = firstSpelling.putIfAbsent(lower, name);
            if (earlier != null) {
                json.add(fieldPath, "repeats header " + ConfigJson.quote(earlier) + " (header names are compared "
                        + "ignoring case); give it once, with an array for several values");
                continue;
            }
            values(field.getValue(), fieldPath, true).ifPresent(values -> headers.put(name, values));
        }
        return headers;
    }

    private Map<String, List<String>> queryParameters(JsonNode node, String path) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        Optional<JsonNode> found = json.object(node, path, "queryParameters");
        if (found.isEmpty()) {
            return parameters;
        }
        String parametersPath = path + ".queryParameters";
        for (Iterator<Map.Entry<String, JsonNode>> fields = found.get().fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().isEmpty()) {
                json.add(parametersPath, "has a parameter without a name; give every query parameter a name");
                continue;
            }
            values(field.getValue(), parametersPath + "." + field.getKey(), false)
                    .ifPresent(values -> parameters.put(field.getKey(), values));
        }
        return parameters;
    }

    /** A string, or a non-empty array of strings. A header value is never quoted: it may be a credential. */
    private Optional<List<String>> values(JsonNode node, String path, boolean header) {
        List<String> values = new ArrayList<>();
        if (node.isTextual()) {
            values.add(node.asText());
        } else if (node.isArray() && !node.isEmpty()) {
            for (int i = 0; i < node.size(); i++) {
                if (node.get(i).isTextual()) {
                    values.add(node.get(i).asText());
                } else {
                    json.add(path + "[" + i + "]", "must be a string, not " + ConfigJson.kind(node.get(i)));
                }
            }
        } else if (node.isArray()) {
            json.add(path, "must not be an empty array; leave it out instead");
            return Optional.empty();
        } else {
            json.add(path, "must be a string or an array of strings, not " + ConfigJson.kind(node));
            return Optional.empty();
        }
        if (header) {
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i).chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f)) {
                    json.add(node.isArray() ? path + "[" + i + "]" : path, "contains a line break or another "
                            + "control character; a header value is one line of text");
                }
            }
        }
        return Optional.of(values);
    }

    private Optional<RestAuthSpec> auth(JsonNode node, String path) {
        JsonNode typeNode = node.get("type");
        if (!ConfigJson.present(typeNode)) {
            json.add(path + ".type", "is required; one of " + String.join(", ", AUTH_TYPES));
            return Optional.empty();
        }
        Optional<String> type = json.text(node, path, "type");
        if (type.isEmpty()) {
            return Optional.empty();
        }
        int before = json.problemCount();
        RestAuthSpec auth;
        switch (type.get()) {
            case RestAuthSpec.None.TYPE -> {
                json.known(node, path, "auth of type none", List.of("type"));
                auth = new RestAuthSpec.None();
            }
            case RestAuthSpec.Basic.TYPE -> {
                json.known(node, path, "auth of type basic", List.of("type", "username", "passwordSecretName"));
                String username = required(node, path, "username");
                if (username.contains(":")) {
                    json.add(path + ".username", ConfigJson.quote(username)
                            + " contains a colon, which Basic authentication cannot carry in a user name");
                }
                auth = new RestAuthSpec.Basic(username, secretName(node, path, "passwordSecretName"));
            }
            case RestAuthSpec.Bearer.TYPE -> {
                json.known(node, path, "auth of type bearer", List.of("type", "tokenSecretName"));
                auth = new RestAuthSpec.Bearer(secretName(node, path, "tokenSecretName"));
            }
            case RestAuthSpec.ApiKey.TYPE -> {
                json.known(node, path, "auth of type apiKey", List.of("type", "headerName", "apiKeySecretName"));
                String headerName = required(node, path, "headerName");
                if (!headerName.isEmpty() && !isToken(headerName)) {
                    json.add(path + ".headerName", ConfigJson.quote(headerName) + " is not an HTTP header name "
                            + "(letters, digits and " + TOKEN_CHARACTERS + ")");
                } else if (CLIENT_HEADERS.contains(headerName.toLowerCase(Locale.ROOT))) {
                    json.add(path + ".headerName", ConfigJson.quote(headerName) + " is a header the HTTP client "
                            + "sets itself; name the header the API reads its key from, such as X-API-Key");
                }
                auth = new RestAuthSpec.ApiKey(headerName, secretName(node, path, "apiKeySecretName"));
            }
            case RestAuthSpec.OAuth2ClientCredentials.TYPE -> {
                json.known(node, path, "auth of type oauth2ClientCredentials", List.of("type", "tokenUrl", "issuer",
                        "clientId", "clientSecretName", "scope", "audience", "clientAuthentication"));
                Optional<String> tokenUrl = json.text(node, path, "tokenUrl");
                Optional<String> issuer = json.text(node, path, "issuer");
                if (tokenUrl.isPresent() && issuer.isPresent()) {
                    json.add(path, "has both tokenUrl and issuer; give exactly one");
                } else if (tokenUrl.isEmpty() && issuer.isEmpty() && !ConfigJson.present(node.get("tokenUrl"))
                        && !ConfigJson.present(node.get("issuer"))) {
                    json.add(path + ".tokenUrl", "is required unless issuer is given; give exactly one of tokenUrl "
                            + "(the token endpoint) and issuer (an OpenID Connect issuer that names it)");
                }
                tokenUrl.ifPresent(url -> url(path + ".tokenUrl", url, Optional.empty()));
                issuer.ifPresent(url -> url(path + ".issuer", url,
                        Optional.of("an OpenID Connect issuer has none, give the issuer exactly")));
                String clientId = required(node, path, "clientId");
                String clientSecretName = secretName(node, path, "clientSecretName");
                auth = new RestAuthSpec.OAuth2ClientCredentials(tokenUrl, issuer, clientId, clientSecretName,
                        json.text(node, path, "scope"), json.text(node, path, "audience"),
                        json.choice(node, path, "clientAuthentication", RestAuthSpec.ClientAuthentication.values())
                                .orElse(RestAuthSpec.ClientAuthentication.BASIC));
            }
            default -> {
                json.add(path + ".type", ConfigJson.quote(type.get()) + " is not an auth type; one of "
                        + String.join(", ", AUTH_TYPES));
                return Optional.empty();
            }
        }
        return json.problemCount() == before ? Optional.of(auth) : Optional.empty();
    }

    /** A required non-empty string; "" (with a problem) when it is missing. */
    private String required(JsonNode node, String path, String field) {
        if (!ConfigJson.present(node.get(field))) {
            json.add(path + "." + field, "is required");
            return "";
        }
        String value = json.text(node, path, field).orElse("");
        if (value.isEmpty() && node.get(field).isTextual()) {
            json.add(path + "." + field, "must not be empty");
        }
        return value;
    }

    /**
     * A secret name that must be declared in {@code secrets}. Something that is not a secret name is not quoted:
     * it may be a password pasted where its name belongs.
     */
    private String secretName(JsonNode node, String path, String field) {
        String fieldPath = path + "." + field;
        if (!ConfigJson.present(node.get(field))) {
            json.add(fieldPath, "is required; the name of a secret in secrets");
            return "";
        }
        Optional<String> name = json.text(node, path, field);
        if (name.isEmpty()) {
            return "";
        }
        if (!SecretStore.isValidName(name.get())) {
            json.add(fieldPath, "is not a secret name (it must match " + SecretStore.NAME_PATTERN + "); the value is "
                    + "not shown, in case it is a secret itself: name the secret, and put its value in a file or "
                    + "an environment variable under secrets");
        } else if (!declaredSecrets.contains(name.get())) {
            json.add(fieldPath, ConfigJson.quote(name.get()) + " is not in secrets; "
                    + (declaredSecrets.isEmpty() ? "no secrets are configured, add it under secrets"
                    : "known secrets: " + String.join(", ", declaredSecrets)));
        }
        return name.get();
    }

    private RetryPolicySpec retryPolicy(JsonNode node, String path) {
        RetryPolicySpec fallback = RetryPolicySpec.DEFAULT;
        json.known(node, path, "a retryPolicy", List.of("initial", "maximum", "multiplier", "deadline",
                "statusCodes", "retryNonIdempotent"));
        Duration deadline = json.duration(node, path, "deadline", Duration.ZERO, MAX_RETRY_DEADLINE,
                "PT0S (no retries) to PT1H").orElse(fallback.deadline());
        Optional<Duration> initialGiven = json.duration(node, path, "initial");
        Duration initial = initialGiven.orElse(fallback.initial());
        if (initialGiven.isPresent() && (initial.isNegative()
                || (initial.compareTo(MIN_RETRY_DELAY) < 0 && !deadline.isZero()))) {
            json.add(path + ".initial", ConfigJson.quote(node.get("initial").asText()) + " is shorter than PT1S, "
                    + "the shortest wait between two tries; use at least PT1S, or a deadline of PT0S for no retries");
        }
        Optional<Duration> maximumGiven = json.duration(node, path, "maximum");
        Duration maximum = maximumGiven.orElse(fallback.maximum());
        if (maximum.compareTo(initial) < 0 && maximumGiven.isPresent()) {
            json.add(path + ".maximum", ConfigJson.quote(node.get("maximum").asText()) + " is shorter than initial ("
                    + initial + "); the longest wait must be at least the first");
        } else if (maximum.compareTo(initial) < 0) {
            json.add(path + ".initial", ConfigJson.quote(node.get("initial").asText()) + " is longer than the "
                    + "default maximum (" + maximum + "); set maximum to at least " + initial);
        }
        double multiplier = json.number(node, path, "multiplier").orElse(fallback.multiplier());
        if (!(multiplier >= 1.0 && multiplier <= 10.0)) {
            json.add(path + ".multiplier", multiplier + " is out of range; use 1.0 (a constant delay) to 10.0");
        }
        List<Integer> statusCodes = fallback.statusCodes();
        Optional<JsonNode> codes = json.array(node, path, "statusCodes");
        if (codes.isPresent()) {
            statusCodes = new ArrayList<>();
            for (int i = 0; i < codes.get().size(); i++) {
                JsonNode code = codes.get().get(i);
                String codePath = path + ".statusCodes[" + i + "]";
                if (!code.isIntegralNumber() || !code.canConvertToInt()) {
                    json.add(codePath, "must be an HTTP status code, not " + ConfigJson.kind(code));
                } else if (code.asInt() < 100 || code.asInt() > 599) {
                    json.add(codePath, code.asInt() + " is out of range; use 100 to 599");
                } else {
                    statusCodes.add(code.asInt());
                }
            }
        }
        return new RetryPolicySpec(initial, maximum, multiplier, deadline, statusCodes,
                json.bool(node, path, "retryNonIdempotent").orElse(fallback.retryNonIdempotent()));
    }

    private Optional<ResponseCacheSpec> cache(JsonNode node, String path) {
        json.known(node, path, "a cache", List.of("ttl", "maxEntries", "maxBytes"));
        int before = json.problemCount();
        if (!ConfigJson.present(node.get("ttl"))) {
            json.add(path + ".ttl", "is required; how long an answer is kept, PT1S to P1D, for example PT1M");
        }
        Optional<Duration> ttl = json.duration(node, path, "ttl", Duration.ofSeconds(1), Duration.ofDays(1),
                "PT1S to P1D");
        int maxEntries = json.integer(node, path, "maxEntries", 1, MAX_CACHE_ENTRIES, "1 to " + MAX_CACHE_ENTRIES)
                .orElse(ResponseCacheSpec.DEFAULT_MAX_ENTRIES);
        long maxBytes = json.wholeNumber(node, path, "maxBytes", 1, MAX_CACHE_BYTES, "1 to " + MAX_CACHE_BYTES
                + " (1 GiB)").orElse(ResponseCacheSpec.DEFAULT_MAX_BYTES);
        if (json.problemCount() > before) {
            return Optional.empty();
        }
        return Optional.of(new ResponseCacheSpec(ttl.orElseThrow(), maxEntries, maxBytes));
    }

    private Optional<TlsSettings> tls(JsonNode node, String path) {
        json.known(node, path, "tls", List.of("caCertificateFile", "clientCertificateFile", "clientKeySecretName",
                "verifyHostname", "insecure"));
        int before = json.problemCount();
        Optional<Path> caCertificateFile = json.text(node, path, "caCertificateFile")
                .flatMap(file -> readableFile(path + ".caCertificateFile", file));
        Optional<Path> clientCertificateFile = json.text(node, path, "clientCertificateFile")
                .flatMap(file -> readableFile(path + ".clientCertificateFile", file));
        Optional<String> clientKeySecretName = ConfigJson.present(node.get("clientKeySecretName"))
                ? Optional.of(secretName(node, path, "clientKeySecretName")) : Optional.empty();
        boolean verifyHostname = json.bool(node, path, "verifyHostname").orElse(true);
        boolean insecure = json.bool(node, path, "insecure").orElse(false);
        boolean certificateGiven = ConfigJson.present(node.get("clientCertificateFile"));
        if (certificateGiven && clientKeySecretName.isEmpty()) {
            json.add(path + ".clientKeySecretName", "is required with clientCertificateFile; name the secret "
                    + "holding the client certificate's PEM private key");
        } else if (!certificateGiven && clientKeySecretName.isPresent()) {
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
        return json.duration(node, path, field, Duration.ZERO, MAX_TIMEOUT, TIMEOUT_RANGE);
    }

    private Optional<Integer> maxPoolSize(JsonNode node, String path) {
        return json.integer(node, path, "maxPoolSize", 1, MAX_POOL_SIZE, "1 to " + MAX_POOL_SIZE);
    }

    private Optional<Integer> maxWaitQueueSize(JsonNode node, String path) {
        return json.integer(node, path, "maxWaitQueueSize", 0, MAX_WAIT_QUEUE_SIZE, "0 (fail at once when every "
                + "connection is busy) to " + MAX_WAIT_QUEUE_SIZE);
    }

    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (char c : name.toCharArray()) {
            boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!letterOrDigit && TOKEN_CHARACTERS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
