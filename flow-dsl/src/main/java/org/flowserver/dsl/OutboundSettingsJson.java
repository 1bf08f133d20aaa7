package org.flowserver.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Reads the JSON of the outbound-call settings a {@code restRequest} and a service of the server's outbound config
 * share ({@code headers}, {@code queryParameters}, {@code auth}, the timeouts, {@code maxRedirects},
 * {@code retryPolicy}, {@code cache}) into the flow-dsl records, the same way for both.
 *
 * <p>Reading is strict: an unknown property, a wrong type or an unknown {@code auth} type is a {@link Problem}
 * with its path, handed to the consumer given at construction, and the setting is then absent (or read without
 * the bad entry). Nothing throws for bad input. The rules of the values read (ranges, header names, secret names)
 * are not checked here: that is {@link OutboundSettingsRules}, whose problems pass through
 * {@link #applicable(List)} first.
 *
 * <p>Each method reads one property of {@code parent}, the JSON object holding the settings, found at
 * {@code parentPath} ({@code processors[1]}, {@code services[0]}); problems have paths below it. A property that is
 * absent or {@code null} is read as absent (an empty map for headers and query parameters).
 */
public final class OutboundSettingsJson {

    private static final List<String> AUTH_TYPES = List.of(RestAuthSpec.None.TYPE, RestAuthSpec.Basic.TYPE,
            RestAuthSpec.Bearer.TYPE, RestAuthSpec.ApiKey.TYPE, RestAuthSpec.OAuth2ClientCredentials.TYPE);

    private final JsonFields json;

    /** @param problems  receives every reading problem, in the order found */
    public OutboundSettingsJson(Consumer<Problem> problems) {
        this(new JsonFields(problems));
    }

    OutboundSettingsJson(JsonFields json) {
        this.json = json;
    }

    /** {@code headers}: an object of header names to a string or an array of strings. */
    public Map<String, List<String>> headers(JsonNode parent, String parentPath) {
        return json.valueLists(parent, parentPath, "headers");
    }

    /** {@code queryParameters}: an object of parameter names to a string or an array of strings. */
    public Map<String, List<String>> queryParameters(JsonNode parent, String parentPath) {
        return json.valueLists(parent, parentPath, "queryParameters");
    }

    /** {@code auth}: an object whose {@code type} is one of none, basic, bearer, apiKey, oauth2ClientCredentials. */
    public Optional<RestAuthSpec> auth(JsonNode parent, String parentPath) {
        return json.object(parent, parentPath, "auth", this::readAuth).flatMap(auth -> auth);
    }

    /** A timeout such as {@code connectTimeout}: an ISO-8601 duration ({@code "PT5S"}). */
    public Optional<Duration> timeout(JsonNode parent, String parentPath, String field) {
        return json.duration(parent, parentPath, field);
    }

    /** {@code maxRedirects}: an integer. */
    public OptionalInt maxRedirects(JsonNode parent, String parentPath) {
        return json.optionalInteger(parent, parentPath, "maxRedirects");
    }

    /** {@code retryPolicy}: an object; what it leaves out is {@link RetryPolicySpec#DEFAULT}'s. */
    public Optional<RetryPolicySpec> retryPolicy(JsonNode parent, String parentPath) {
        return json.object(parent, parentPath, "retryPolicy", this::readRetryPolicy);
    }

    /**
     * {@code cache}: an object with a required {@code ttl}; {@code maxEntries} and {@code maxBytes} default to
     * {@link ResponseCacheSpec}'s defaults. A missing {@code ttl} is a problem, and the cache is read with 1 s.
     */
    public Optional<ResponseCacheSpec> cache(JsonNode parent, String parentPath) {
        return json.object(parent, parentPath, "cache", this::readCache);
    }

    /**
     * The problems, found by {@link OutboundSettingsRules} in what this reader returned, that are worth reporting:
     * those not at or under an entry that could not be read (a header value that is a number). Such an entry is
     * left out of what was read, so the rules' indexes there would not match the document, and a list left empty
     * would wrongly have no value.
     */
    public List<Problem> applicable(List<Problem> ruleProblems) {
        return ruleProblems.stream().filter(problem -> !json.isUnderUnreadEntry(problem)).toList();
    }

    private Optional<RestAuthSpec> readAuth(JsonNode node, String path) {
        Optional<String> type = json.optionalText(node, path, "type");
        if (type.isEmpty()) {
            if (!JsonFields.present(node.get("type"))) {
                json.add(path + ".type", "is required; one of " + String.join(", ", AUTH_TYPES));
            }
            return Optional.empty();
        }
        switch (type.get()) {
            case RestAuthSpec.None.TYPE -> {
                json.known(node, path, "a none auth", List.of("type"));
                return Optional.of(new RestAuthSpec.None());
            }
            case RestAuthSpec.Basic.TYPE -> {
                json.known(node, path, "a basic auth", List.of("type", "username", "passwordSecretName"));
                return Optional.of(new RestAuthSpec.Basic(json.text(node, path, "username", ""),
                        json.text(node, path, "passwordSecretName", "")));
            }
            case RestAuthSpec.Bearer.TYPE -> {
                json.known(node, path, "a bearer auth", List.of("type", "tokenSecretName"));
                return Optional.of(new RestAuthSpec.Bearer(json.text(node, path, "tokenSecretName", "")));
            }
            case RestAuthSpec.ApiKey.TYPE -> {
                json.known(node, path, "an apiKey auth", List.of("type", "headerName", "apiKeySecretName"));
                return Optional.of(new RestAuthSpec.ApiKey(json.text(node, path, "headerName", ""),
                        json.text(node, path, "apiKeySecretName", "")));
            }
            case RestAuthSpec.OAuth2ClientCredentials.TYPE -> {
                json.known(node, path, "an oauth2ClientCredentials auth", List.of("type", "tokenUrl", "issuer",
                        "clientId", "clientSecretName", "scope", "audience", "clientAuthentication"));
                return Optional.of(new RestAuthSpec.OAuth2ClientCredentials(json.optionalText(node, path, "tokenUrl"),
                        json.optionalText(node, path, "issuer"), json.text(node, path, "clientId", ""),
                        json.text(node, path, "clientSecretName", ""), json.optionalText(node, path, "scope"),
                        json.optionalText(node, path, "audience"), json.choice(node, path, "clientAuthentication",
                                RestAuthSpec.ClientAuthentication.values(), RestAuthSpec.ClientAuthentication.BASIC)));
            }
            default -> {
                json.add(path + ".type", FlowValidator.quote(type.get()) + " is not one of "
                        + String.join(", ", AUTH_TYPES));
                return Optional.empty();
            }
        }
    }

    private RetryPolicySpec readRetryPolicy(JsonNode node, String path) {
        json.known(node, path, "a retryPolicy", List.of("initial", "maximum", "multiplier", "deadline", "statusCodes",
                "retryNonIdempotent"));
        RetryPolicySpec defaults = RetryPolicySpec.DEFAULT;
        return new RetryPolicySpec(json.duration(node, path, "initial").orElse(defaults.initial()),
                json.duration(node, path, "maximum").orElse(defaults.maximum()),
                json.number(node, path, "multiplier", defaults.multiplier()),
                json.duration(node, path, "deadline").orElse(defaults.deadline()),
                json.integers(node, path, "statusCodes", defaults.statusCodes()),
                json.bool(node, path, "retryNonIdempotent", defaults.retryNonIdempotent()));
    }

    private ResponseCacheSpec readCache(JsonNode node, String path) {
        json.known(node, path, "a cache", List.of("ttl", "maxEntries", "maxBytes"));
        if (!JsonFields.present(node.get("ttl"))) {
            json.add(path + ".ttl", ResponseCacheBuilder.MISSING_TTL_MESSAGE);
        }
        return new ResponseCacheSpec(json.duration(node, path, "ttl").orElse(ResponseCacheBuilder.MISSING_TTL),
                json.integer(node, path, "maxEntries", ResponseCacheSpec.DEFAULT_MAX_ENTRIES),
                json.longInteger(node, path, "maxBytes", ResponseCacheSpec.DEFAULT_MAX_BYTES));
    }
}
