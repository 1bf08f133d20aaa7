package org.flowserver.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link OutboundSettingsJson} and {@link OutboundSettingsRules} as the server uses them, for a service. */
class OutboundSettingsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<Problem> problems = new ArrayList<>();
    private final OutboundSettingsJson settings = new OutboundSettingsJson(problems::add);

    @Test
    void readsTheSettingsIntoTheFlowRecords() throws Exception {
        // given
        JsonNode service = MAPPER.readTree("""
                {"headers": {"Accept": "application/json", "X-Tag": ["a", "b"]}, "queryParameters": {"v": "2"},
                 "auth": {"type": "apiKey", "headerName": "X-Api-Key", "apiKeySecretName": "crm-key"},
                 "readTimeout": "PT10S", "maxRedirects": 5, "retryPolicy": {"deadline": "PT0S"},
                 "cache": {"ttl": "PT1M", "maxBytes": 1024}}""");

        // when
        Map<String, List<String>> headers = settings.headers(service, "services[0]");
        Map<String, List<String>> query = settings.queryParameters(service, "services[0]");
        Optional<RestAuthSpec> auth = settings.auth(service, "services[0]");
        Optional<Duration> readTimeout = settings.timeout(service, "services[0]", "readTimeout");
        Optional<Duration> connectTimeout = settings.timeout(service, "services[0]", "connectTimeout");

        // then
        assertThat(headers).containsExactly(Map.entry("Accept", List.of("application/json")),
                Map.entry("X-Tag", List.of("a", "b")));
        assertThat(query).containsExactly(Map.entry("v", List.of("2")));
        assertThat(auth).contains(new RestAuthSpec.ApiKey("X-Api-Key", "crm-key"));
        assertThat(readTimeout).contains(Duration.ofSeconds(10));
        assertThat(connectTimeout).isEmpty();
        assertThat(settings.maxRedirects(service, "services[0]")).hasValue(5);
        assertThat(settings.retryPolicy(service, "services[0]")).contains(new RetryPolicySpec(Duration.ofSeconds(1),
                Duration.ofSeconds(60), 2.0, Duration.ZERO, List.of(502, 503, 504), false));
        assertThat(settings.cache(service, "services[0]")).contains(new ResponseCacheSpec(Duration.ofMinutes(1),
                ResponseCacheSpec.DEFAULT_MAX_ENTRIES, 1024));
        assertThat(problems).isEmpty();
    }

    @Test
    void reportsReadingProblemsWithTheirPaths() throws Exception {
        // given
        JsonNode service = MAPPER.readTree("""
                {"auth": {"type": "bearer", "token": "x"}, "readTimeout": "10s", "cache": {}}""");

        // when
        settings.auth(service, "services[0]");
        settings.timeout(service, "services[0]", "readTimeout");
        settings.cache(service, "services[0]");

        // then
        assertThat(problems).containsExactly(
                new Problem("services[0].auth.token", "is not a property of a bearer auth; known properties: type, "
                        + "tokenSecretName"),
                new Problem("services[0].readTimeout", "'10s' is not an ISO-8601 duration; write one such as PT5S, "
                        + "PT0.5S or PT10M"),
                new Problem("services[0].cache.ttl", "is required; how long an answer is kept, PT1S to P1D"));
    }

    @Test
    void leavesOutRuleProblemsUnderAnEntryThatCouldNotBeRead() throws Exception {
        // given
        JsonNode service = MAPPER.readTree("""
                {"headers": {"Accept": [1], "X-Tag": []}}""");
        Map<String, List<String>> headers = settings.headers(service, "services[0]");

        // when
        List<Problem> applicable = settings.applicable(OutboundSettingsRules.headers("services[0].headers", headers,
                Optional.empty()));

        // then
        assertThat(problems).containsExactly(new Problem("services[0].headers.Accept[0]", "must be a string, not a "
                + "number"));
        assertThat(applicable).containsExactly(new Problem("services[0].headers.X-Tag", "has no value; give one or "
                + "more (in a call, an empty string removes the service's value of that name)"));
    }

    @Test
    void takesAServicesValuesAsWrittenNotAsTemplates() {
        // when
        List<Problem> found = OutboundSettingsRules.headers("services[0].headers",
                Map.of("X-Filter", List.of("{\"a\": 1}", "{payload.(}")), Optional.empty());

        // then
        assertThat(found).isEmpty();
        assertThat(OutboundSettingsRules.queryParameters("services[0].queryParameters", Map.of("q", List.of("{"))))
                .isEmpty();
    }

    @Test
    void namesTheSecretsOfAnAuthByTheirProperty() {
        // when / then
        assertThat(OutboundSettingsRules.secretNames(new RestAuthSpec.Basic("svc", "svc-pw")))
                .containsExactly(Map.entry("passwordSecretName", "svc-pw"));
        assertThat(OutboundSettingsRules.secretNames(new RestAuthSpec.Bearer("token")))
                .containsExactly(Map.entry("tokenSecretName", "token"));
        assertThat(OutboundSettingsRules.secretNames(new RestAuthSpec.ApiKey("X-Api-Key", "key")))
                .containsExactly(Map.entry("apiKeySecretName", "key"));
        assertThat(OutboundSettingsRules.secretNames(new RestAuthSpec.OAuth2ClientCredentials(Optional.empty(),
                Optional.of("https://login.example.com"), "fs", "client", Optional.empty(), Optional.empty(),
                RestAuthSpec.ClientAuthentication.BASIC))).containsExactly(Map.entry("clientSecretName", "client"));
        assertThat(OutboundSettingsRules.secretNames(new RestAuthSpec.None())).isEmpty();
    }
}
