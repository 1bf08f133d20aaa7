package org.flowserver.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.flowserver.dsl.Problem;
import org.flowserver.dsl.ResponseCacheSpec;
import org.flowserver.dsl.RestAuthSpec;
import org.flowserver.dsl.RestMethod;
import org.flowserver.dsl.RetryPolicySpec;
import org.flowserver.processors.outbound.OutboundDefaults;
import org.flowserver.processors.outbound.SecretValue;
import org.flowserver.processors.outbound.ServiceDefinition;
import org.flowserver.processors.outbound.TlsSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboundConfigTest {

    /** ADR 0002 §4.2's example; {dir} becomes a test directory holding the secret and TLS files. */
    private static final String DESIGN_EXAMPLE = """
            {"defaults": {"connectTimeout": "PT5S", "readTimeout": "PT15S", "totalTimeout": "PT30S", "maxPoolSize": 20,
                          "maxWaitQueueSize": 100, "maxResponseBytes": 10485760, "cacheMaxBytes": 67108864},
             "secrets": {"crm-client-secret": {"file": "{dir}/crm-client-secret", "owners": ["acme"]},
                         "crm-client-key": {"file": "{dir}/crm-client-key"}, "github-token": {"env": "GITHUB_TOKEN"}},
             "services": [{"name": "crm", "owners": ["acme"], "baseUrl": "https://crm.example.com/api/v2/", "method": "GET",
               "auth": {"type": "oauth2ClientCredentials", "issuer": "https://login.example.com/realms/acme",
                        "clientId": "flowserver", "clientSecretName": "crm-client-secret", "scope": "crm.read"},
               "headers": {"Accept": "application/json"}, "queryParameters": {"api-version": "2"}, "readTimeout": "PT10S",
               "maxPoolSize": 10, "maxWaitQueueSize": 50, "maxRedirects": 5, "cache": {"ttl": "PT1M", "maxEntries": 1000},
               "tls": {"caCertificateFile": "{dir}/crm-ca.pem", "clientCertificateFile": "{dir}/fs.pem",
                       "clientKeySecretName": "crm-client-key", "verifyHostname": true, "insecure": false}}]}
            """;

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock();

    @Test
    void readsTheDesignExample() throws Exception {
        // given
        Files.writeString(dir.resolve("crm-client-secret"), "crm-s3cret\n");
        Files.writeString(dir.resolve("crm-client-key"), "-----BEGIN PRIVATE KEY-----\nMIG...\n-----END PRIVATE KEY-----\n");
        Files.writeString(dir.resolve("crm-ca.pem"), "any text: only existence is checked");
        Files.writeString(dir.resolve("fs.pem"), "any text");

        // when
        OutboundConfig config = OutboundConfig.parse(DESIGN_EXAMPLE.replace("{dir}", dir.toString()), dir,
                Map.of("GITHUB_TOKEN", "ghp_token"), clock);

        // then
        assertThat(config.defaults()).isEqualTo(OutboundDefaults.DEFAULT);
        assertThat(config.services()).containsExactly(new ServiceDefinition("crm", Set.of("acme"),
                URI.create("https://crm.example.com/api/v2/"), Optional.of(RestMethod.GET),
                Map.of("Accept", List.of("application/json")), Map.of("api-version", List.of("2")),
                Optional.of(new RestAuthSpec.OAuth2ClientCredentials(Optional.empty(),
                        Optional.of("https://login.example.com/realms/acme"), "flowserver", "crm-client-secret",
                        Optional.of("crm.read"), Optional.empty(), RestAuthSpec.ClientAuthentication.BASIC)),
                Optional.empty(), Optional.of(Duration.ofSeconds(10)), Optional.empty(), Optional.empty(),
                OptionalInt.of(5), Optional.empty(), 10, 50,
                Optional.of(new ResponseCacheSpec(Duration.ofMinutes(1), 1000, 16L * 1024 * 1024)),
                new TlsSettings(Optional.of(dir.resolve("crm-ca.pem")), Optional.of(dir.resolve("fs.pem")),
                        Optional.of("crm-client-key"), true, false)));
        assertThat(config.secrets().names()).containsExactly("crm-client-key", "crm-client-secret", "github-token");
        assertThat(config.secrets().find("crm-client-secret")).map(SecretValue::reveal).hasValue("crm-s3cret");
        assertThat(config.secrets().find("crm-client-key")).map(SecretValue::reveal)
                .hasValue("-----BEGIN PRIVATE KEY-----\nMIG...\n-----END PRIVATE KEY-----");
        assertThat(config.secrets().find("github-token")).map(SecretValue::reveal).hasValue("ghp_token");
    }

    @Test
    void theExampleOfTheConfigurationPageIsTheDesignExample() throws Exception {
        // given
        String page = Files.readString(Path.of("..", "docs", "configuration.md"));
        int section = page.indexOf("## Outbound services and secrets");
        int start = page.indexOf("```json\n", section) + "```json\n".length();
        String example = page.substring(start, page.indexOf("```", start));
        for (String file : List.of("crm-client-secret", "crm-client-key", "crm-ca.pem", "fs.pem")) {
            Files.writeString(dir.resolve(file), "content of " + file);
        }
        Map<String, String> environment = Map.of("GITHUB_TOKEN", "ghp_token");

        // when
        OutboundConfig documented = OutboundConfig.parse(example.replace("/run/secrets", dir.toString())
                .replace("/etc/flowserver", dir.toString()), dir, environment, clock);

        // then
        assertThat(documented).isEqualTo(OutboundConfig.parse(DESIGN_EXAMPLE.replace("{dir}", dir.toString()), dir,
                environment, clock));
    }

    @Test
    void takesEveryAbsentDefaultFromTheBuiltInDefaults() {
        // when
        OutboundConfig config = parse("""
                {"defaults": {"readTimeout": "PT20S", "maxPoolSize": 7}}""");

        // then
        OutboundDefaults builtIn = OutboundDefaults.DEFAULT;
        assertThat(config.defaults()).isEqualTo(new OutboundDefaults(builtIn.connectTimeout(), Duration.ofSeconds(20),
                builtIn.totalTimeout(), 7, builtIn.maxWaitQueueSize(), builtIn.maxResponseBytes(),
                builtIn.cacheMaxBytes()));
    }

    @Test
    void givesAServiceThePoolLimitsOfTheDefaultsWhenItSetsNone() {
        // when
        OutboundConfig config = parse("""
                {"defaults": {"maxPoolSize": 7, "maxWaitQueueSize": 3},
                 "services": [{"name": "crm", "owners": ["*"], "baseUrl": "http://127.0.0.1:8081"}]}""");

        // then
        ServiceDefinition crm = config.services().get(0);
        assertThat(crm.maxPoolSize()).isEqualTo(7);
        assertThat(crm.maxWaitQueueSize()).isEqualTo(3);
        assertThat(crm.allows("anyone")).isTrue();
    }

    @Test
    void leavesAbsentServiceSettingsUnsetSoThatCallsFallBackToTheDefaults() {
        // when
        ServiceDefinition crm = parse("""
                {"services": [{"name": "crm", "owners": ["acme"], "baseUrl": "https://crm.example.com"}]}""")
                .services().get(0);

        // then
        assertThat(crm.method()).isEmpty();
        assertThat(crm.headers()).isEmpty();
        assertThat(crm.queryParameters()).isEmpty();
        assertThat(crm.auth()).isEmpty();
        assertThat(crm.connectTimeout()).isEmpty();
        assertThat(crm.readTimeout()).isEmpty();
        assertThat(crm.totalTimeout()).isEmpty();
        assertThat(crm.followRedirects()).isEmpty();
        assertThat(crm.maxRedirects()).isEmpty();
        assertThat(crm.retryPolicy()).isEmpty();
        assertThat(crm.cache()).isEmpty();
        assertThat(crm.tls()).isEqualTo(TlsSettings.DEFAULT);
        assertThat(crm.maxPoolSize()).isEqualTo(OutboundDefaults.DEFAULT.maxPoolSize());
        assertThat(crm.maxWaitQueueSize()).isEqualTo(OutboundDefaults.DEFAULT.maxWaitQueueSize());
    }

    @Test
    void readsARetryPolicyWithTheUnsetFieldsFromTheDefaultPolicy() {
        // when
        ServiceDefinition crm = parse(service("""
                "retryPolicy": {"initial": "PT2S", "statusCodes": [503, 429], "retryNonIdempotent": true}""")).services().get(0);

        // then
        RetryPolicySpec defaults = RetryPolicySpec.DEFAULT;
        assertThat(crm.retryPolicy()).hasValue(new RetryPolicySpec(Duration.ofSeconds(2), defaults.maximum(),
                defaults.multiplier(), defaults.deadline(), List.of(503, 429), true));
    }

    @Test
    void acceptsAShortInitialWaitWhenTheDeadlineSwitchesRetriesOff() {
        // when
        ServiceDefinition crm = parse(service("""
                "retryPolicy": {"initial": "PT0.1S", "deadline": "PT0S"}""")).services().get(0);

        // then
        assertThat(crm.retryPolicy().orElseThrow().deadline()).isZero();
        assertThat(crm.retryPolicy().orElseThrow().initial()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void readsRepeatedHeaderAndQueryValuesAndEveryAuthType() {
        // given
        String secrets = """
                "secrets": {"pw": {"env": "PW"}, "token": {"env": "TOKEN"}, "key": {"env": "KEY"}, "client": {"env": "CLIENT"}},""";

        // when
        OutboundConfig config = parse("{" + secrets + """
                "services": [
                  {"name": "a", "owners": ["acme"], "baseUrl": "https://a.example.com", "headers": {"Accept": ["application/json", "text/plain"]},
                   "queryParameters": {"tag": ["x", "y"], "empty": ""}, "auth": {"type": "basic", "username": "flow", "passwordSecretName": "pw"}},
                  {"name": "b", "owners": ["acme"], "baseUrl": "https://b.example.com", "auth": {"type": "bearer", "tokenSecretName": "token"}},
                  {"name": "c", "owners": ["acme"], "baseUrl": "https://c.example.com", "auth": {"type": "apiKey", "headerName": "X-API-Key", "apiKeySecretName": "key"}},
                  {"name": "d", "owners": ["acme"], "baseUrl": "https://d.example.com", "auth": {"type": "oauth2ClientCredentials",
                   "tokenUrl": "https://login.example.com/token", "clientId": "fs", "clientSecretName": "client", "audience": "api", "clientAuthentication": "POST"}},
                  {"name": "e", "owners": ["acme"], "baseUrl": "https://e.example.com", "auth": {"type": "none"}}]}""",
                Map.of("PW", "p", "TOKEN", "t", "KEY", "k", "CLIENT", "c"));

        // then
        List<ServiceDefinition> services = config.services();
        assertThat(services.get(0).headers()).isEqualTo(Map.of("Accept", List.of("application/json", "text/plain")));
        assertThat(services.get(0).queryParameters()).isEqualTo(Map.of("tag", List.of("x", "y"), "empty", List.of("")));
        assertThat(services.get(0).auth()).hasValue(new RestAuthSpec.Basic("flow", "pw"));
        assertThat(services.get(1).auth()).hasValue(new RestAuthSpec.Bearer("token"));
        assertThat(services.get(2).auth()).hasValue(new RestAuthSpec.ApiKey("X-API-Key", "key"));
        assertThat(services.get(3).auth()).hasValue(new RestAuthSpec.OAuth2ClientCredentials(
                Optional.of("https://login.example.com/token"), Optional.empty(), "fs", "client", Optional.empty(),
                Optional.of("api"), RestAuthSpec.ClientAuthentication.POST));
        assertThat(services.get(4).auth()).hasValue(new RestAuthSpec.None());
    }

    @Test
    void findsAServiceByNameIgnoringCase() {
        // given
        OutboundConfig config = parse(service(""));

        // when
        Optional<ServiceDefinition> found = config.service("CRM");

        // then
        assertThat(found).map(ServiceDefinition::name).hasValue("crm");
        assertThat(config.service("erp")).isEmpty();
    }

    @Test
    void resolvesRelativePathsAgainstTheDirectoryOfTheFile() throws Exception {
        // given
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("crm.secret"), "s3cret\n");
        Files.writeString(conf.resolve("ca.pem"), "ca");
        Path file = conf.resolve("outbound.json");
        Files.writeString(file, """
                {"secrets": {"crm": {"file": "crm.secret"}},
                 "services": [{"name": "crm", "owners": ["acme"], "baseUrl": "https://crm.example.com",
                               "auth": {"type": "bearer", "tokenSecretName": "crm"},
                               "tls": {"caCertificateFile": "./ca.pem"}}]}""");

        // when
        OutboundConfig config = OutboundConfig.load(file, Map.of(), clock);

        // then
        assertThat(config.services().get(0).tls().caCertificateFile()).hasValue(conf.resolve("ca.pem"));
        assertThat(config.secrets().find("crm")).map(SecretValue::reveal).hasValue("s3cret");
    }

    @Test
    void reportsEveryProblemAtOnceNamingTheFile() throws Exception {
        // given
        Path file = dir.resolve("outbound.json");
        Files.writeString(file, """
                {"services": [{"name": "crm", "owners": ["acme"], "baseUrl": "ftp://x"}],
                 "secrets": {"crm": {"file": "/missing"}}}""");

        // when / then
        assertThatThrownBy(() -> OutboundConfig.load(file, Map.of(), clock))
                .isInstanceOf(InvalidOutboundConfigException.class)
                .hasMessage("Outbound config " + file + " is invalid (2 problems): services[0].baseUrl 'ftp://x' is "
                        + "not an absolute http or https URL; secrets.crm.file '/missing' cannot be read: no such file")
                .satisfies(e -> assertThat(((InvalidOutboundConfigException) e).problems()).containsExactly(
                        new Problem("services[0].baseUrl", "'ftp://x' is not an absolute http or https URL"),
                        new Problem("secrets.crm.file", "'/missing' cannot be read: no such file")));
    }

    @Test
    void reportsProblemsOfEveryPartTogether() {
        // when / then
        assertThatThrownBy(() -> parse("""
                {"defaults": {"maxPoolSize": 0, "readTimeout": "PT25H"},
                 "secrets": {"crm": {"env": "CRM_TOKEN", "owners": []}},
                 "services": [{"name": "crm", "owners": ["acme"], "baseUrl": "https://crm.example.com", "colour": "blue",
                               "auth": {"type": "bearer", "tokenSecretName": "crm-token"}},
                              {"name": "Crm", "baseUrl": "https://crm.example.com?x=1", "maxRedirects": 30}]}"""))
                .hasMessage("Outbound config is invalid (9 problems): "
                        + "defaults.readTimeout 'PT25H' is out of range; use PT0S (no limit) to PT24H; "
                        + "defaults.maxPoolSize 0 is out of range; use 1 to 1000; "
                        + "secrets.crm.owners must not be empty; list the owners whose flows may name the secret (or "
                        + "\"*\" for every owner), or leave owners out to keep the secret for services; "
                        + "services[0].colour is not a property of a service; known properties: name, owners, baseUrl, "
                        + "method, headers, queryParameters, auth, connectTimeout, readTimeout, totalTimeout, "
                        + "followRedirects, maxRedirects, retryPolicy, maxPoolSize, maxWaitQueueSize, cache, tls; "
                        + "services[0].auth.tokenSecretName 'crm-token' is not in secrets; known secrets: crm; "
                        + "services[1].name 'Crm' is already the name of services[0]; service names must be unique, "
                        + "ignoring case; "
                        + "services[1].owners is required; list the owners whose flows may call the service, or "
                        + "[\"*\"] for every owner; "
                        + "services[1].baseUrl 'https://crm.example.com?x=1' has a query; put query parameters in "
                        + "queryParameters; "
                        + "services[1].maxRedirects '30' is out of range; use 0 to 20 (followRedirects false follows "
                        + "none)");
    }

    @Test
    void refusesServiceNamesThatDifferOnlyInCase() {
        // when / then
        assertThatThrownBy(() -> parse("""
                {"services": [{"name": "crm", "owners": ["acme"], "baseUrl": "https://a.example.com"},
                              {"name": "erp", "owners": ["acme"], "baseUrl": "https://b.example.com"},
                              {"name": "ERP", "owners": ["acme"], "baseUrl": "https://c.example.com"},
                              {"name": "CRM", "owners": ["acme"], "baseUrl": "https://d.example.com"}]}"""))
                .hasMessage("Outbound config is invalid (2 problems): services[2].name 'ERP' is already the name of "
                        + "services[1]; service names must be unique, ignoring case; services[3].name 'CRM' is already "
                        + "the name of services[0]; service names must be unique, ignoring case");
    }

    @Test
    void neverShowsASecretValueInAProblem() throws Exception {
        // given
        Files.writeString(dir.resolve("crm.secret"), "hunter2-secret\n");
        String config = """
                {"secrets": {"crm": {"file": "crm.secret"}, "erp": {"env": "ERP_TOKEN"}},
                 "services": [{"name": "crm", "owners": ["acme"], "baseUrl": "https://user:hunter2-secret@crm.example.com/",
                               "headers": {"Authorization": "Bearer hunter2-secret", "X-Trace": "hunter2-secret\\r\\nX-Evil: 1"},
                               "auth": {"type": "bearer", "tokenSecretName": "hunter2-secret!"}},
                              {"name": "erp", "owners": ["acme"], "baseUrl": "https://erp.example.com",
                               "auth": {"type": "basic", "username": "erp", "passwordSecretName": "hunter2 secret"}}]}""";

        // when / then
        assertThatThrownBy(() -> OutboundConfig.parse(config, dir, Map.of("ERP_TOKEN", "hunter2-secret"), clock))
                .isInstanceOf(InvalidOutboundConfigException.class)
                .hasMessage("Outbound config is invalid (5 problems): "
                        + "services[0].baseUrl 'https://***@crm.example.com/' carries user info; leave it out, "
                        + "credentials go in auth; "
                        + "services[0].headers.Authorization is not allowed; credentials go in auth (basic, bearer, "
                        + "apiKey or oauth2ClientCredentials), which names a secret of the server instead of holding "
                        + "its value; "
                        + "services[0].headers.X-Trace[0] contains a line break or another control character; a header "
                        + "value is one line of text; "
                        + "services[0].auth.tokenSecretName does not match [a-zA-Z][a-zA-Z0-9._-]{0,63}, the form of a "
                        + "secret name (the value is not shown: it may be a secret pasted by mistake); name a secret of "
                        + "the server's store; "
                        + "services[1].auth.passwordSecretName does not match [a-zA-Z][a-zA-Z0-9._-]{0,63}, the form of "
                        + "a secret name (the value is not shown: it may be a secret pasted by mistake); name a secret "
                        + "of the server's store")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void showsSecretNamesOnly() throws Exception {
        // given
        Files.writeString(dir.resolve("crm.secret"), "hunter2-secret");

        // when
        OutboundConfig config = OutboundConfig.parse("""
                {"secrets": {"crm": {"file": "crm.secret"}, "erp": {"env": "ERP_TOKEN"}}}""", dir,
                Map.of("ERP_TOKEN", "hunter2-env"), clock);

        // then
        assertThat(config.toString()).doesNotContain("hunter2").contains("secrets=[crm, erp]");
        assertThat(config.secrets()).hasToString("SecretStore[crm, erp]");
        assertThat(config.secrets().find("crm").orElseThrow()).hasToString("***");
    }

    @Test
    void hasNoServicesWhenEmpty() {
        // when
        OutboundConfig empty = OutboundConfig.empty();

        // then
        assertThat(empty.defaults()).isEqualTo(OutboundDefaults.DEFAULT);
        assertThat(empty.services()).isEmpty();
        assertThat(empty.secrets().names()).isEmpty();
        assertThat(parse("{}")).isEqualTo(empty);
    }

    @Test
    void refusesAFileThatCannotBeRead() {
        // given
        Path missing = dir.resolve("outbound.json");

        // when / then
        assertThatThrownBy(() -> OutboundConfig.load(missing))
                .isInstanceOf(InvalidOutboundConfigException.class)
                .hasMessage("Outbound config " + missing + " is invalid (1 problem): The file cannot be read (no such "
                        + "file); check the outbound-config setting");
    }

    private OutboundConfig parse(String json) {
        return OutboundConfig.parse(json, dir, Map.of(), clock);
    }

    private OutboundConfig parse(String json, Map<String, String> environment) {
        return OutboundConfig.parse(json, dir, environment, clock);
    }

    /** A config with one valid service "crm", plus {@code fields} (JSON members, may be empty). */
    static String service(String fields) {
        return "{\"services\": [{\"name\": \"crm\", \"owners\": [\"acme\"], \"baseUrl\": \"https://crm.example.com/api/\""
                + (fields.isEmpty() ? "" : ", " + fields) + "}]}";
    }
}
