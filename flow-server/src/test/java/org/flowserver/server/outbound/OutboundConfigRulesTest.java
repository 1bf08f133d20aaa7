package org.flowserver.server.outbound;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flowserver.server.outbound.OutboundConfigTest.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of the outbound config, each broken once, with the full message it gives. */
class OutboundConfigRulesTest {

    private static final Map<String, String> ENVIRONMENT = Map.of("CRM_TOKEN", "t", "ERP_TOKEN", "e", "EMPTY", "");
    private static final String TWO_SECRETS = "\"secrets\": {\"crm\": {\"env\": \"CRM_TOKEN\"}, \"erp\": {\"env\": \"ERP_TOKEN\"}}";

    @TempDir
    Path dir;

    @BeforeEach
    void files() throws Exception {
        Files.writeString(dir.resolve("empty.txt"), "\n\n");
        Files.write(dir.resolve("latin1.txt"), new byte[] {'p', (byte) 0xe4, 's', 's'});
        Files.write(dir.resolve("large.txt"), new byte[1024 * 1024 + 1]);
        Files.writeString(dir.resolve("ca.pem"), "ca");
        Files.writeString(dir.resolve("client.pem"), "client");
        Files.createDirectories(dir.resolve("sub"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void refusesAConfigThatBreaksARule(String rule, String json, List<String> problems) {
        // given
        String config = json.replace("{dir}", dir.toString());

        // when / then
        String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
        assertThatThrownBy(() -> OutboundConfig.parse(config, dir, ENVIRONMENT, new TestClock()))
                .isInstanceOf(InvalidOutboundConfigException.class)
                .hasMessage("Outbound config is invalid (" + count + "): "
                        + String.join("; ", problems).replace("{dir}", dir.toString()));
    }

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                // the document
                rule("the config is an object", "[]",
                        "The outbound config is a JSON object with defaults, secrets and services, not an array"),
                rule("the config is not empty", "  ",
                        "The outbound config is empty; write a JSON object, at least {\"services\": []}"),
                rule("the config is JSON", "{\"services\": [}",
                        "The outbound config is not valid JSON: Unexpected close marker '}': expected ']' (for Array "
                                + "starting at [line: 1, column: 14]) (line 1, column 15)"),
                rule("a property appears once", "{\"services\": [], \"services\": []}",
                        "The outbound config is not valid JSON: Duplicate field 'services' (line 1, column 28)"),
                rule("only known top-level properties", "{\"service\": []}",
                        "service is not a property of the outbound config; known properties: defaults, secrets, services"),
                rule("services is an array", "{\"services\": {}}", "services must be an array, not an object"),
                rule("a service is an object", "{\"services\": [\"crm\"]}",
                        "services[0] must be a service object, not a string"),

                // defaults
                rule("defaults is an object", "{\"defaults\": []}", "defaults must be an object, not an array"),
                rule("only known defaults", "{\"defaults\": {\"timeout\": \"PT5S\"}}",
                        "defaults.timeout is not a property of the defaults; known properties: connectTimeout, "
                                + "readTimeout, totalTimeout, maxPoolSize, maxWaitQueueSize, maxResponseBytes, cacheMaxBytes"),
                rule("a timeout is at most PT24H", "{\"defaults\": {\"connectTimeout\": \"PT24H1S\"}}",
                        "defaults.connectTimeout 'PT24H1S' is out of range; use PT0S (no limit) to PT24H"),
                rule("a timeout is not negative", "{\"defaults\": {\"readTimeout\": \"PT-1S\"}}",
                        "defaults.readTimeout 'PT-1S' is out of range; use PT0S (no limit) to PT24H"),
                rule("a timeout is an ISO-8601 duration", "{\"defaults\": {\"totalTimeout\": \"30s\"}}",
                        "defaults.totalTimeout '30s' is not an ISO-8601 duration; write one such as PT5S, PT0.5S or "
                                + "PT10M"),
                rule("a timeout is a string", "{\"defaults\": {\"connectTimeout\": 5}}",
                        "defaults.connectTimeout must be an ISO-8601 duration such as \"PT5S\", not a number"),
                rule("maxPoolSize is at most 1000", "{\"defaults\": {\"maxPoolSize\": 1001}}",
                        "defaults.maxPoolSize 1001 is out of range; use 1 to 1000"),
                rule("maxPoolSize is a number", "{\"defaults\": {\"maxPoolSize\": \"20\"}}",
                        "defaults.maxPoolSize must be a whole number, not a string"),
                rule("maxPoolSize is whole", "{\"defaults\": {\"maxPoolSize\": 2.5}}",
                        "defaults.maxPoolSize 2.5 is not a whole number; use 1 to 1000"),
                rule("maxWaitQueueSize is at most 100000", "{\"defaults\": {\"maxWaitQueueSize\": 100001}}",
                        "defaults.maxWaitQueueSize 100001 is out of range; use 0 (fail at once when every connection "
                                + "is busy) to 100000"),
                rule("maxResponseBytes is at most 1 GiB", "{\"defaults\": {\"maxResponseBytes\": 1073741825}}",
                        "defaults.maxResponseBytes 1073741825 is out of range; use 1 to 1073741824 (1 GiB)"),
                rule("cacheMaxBytes is at least 1", "{\"defaults\": {\"cacheMaxBytes\": 0}}",
                        "defaults.cacheMaxBytes 0 is out of range; use 1 or more"),

                // secrets
                rule("secrets is an object", "{\"secrets\": []}", "secrets must be an object, not an array"),
                rule("a secret name matches the pattern", "{\"secrets\": {\"1st\": {\"env\": \"CRM_TOKEN\"}}}",
                        "secrets '1st' is not a secret name; it must match [a-zA-Z][a-zA-Z0-9._-]{0,63}"),
                rule("a secret is an object, never its value", "{\"secrets\": {\"crm\": \"s3cret\"}}",
                        "secrets.crm must be an object with file or env, not a string"),
                rule("a secret is a file or an environment variable, not both",
                        "{\"secrets\": {\"crm\": {\"file\": \"ca.pem\", \"env\": \"CRM_TOKEN\"}}}",
                        "secrets.crm has both file and env; give exactly one"),
                rule("a secret is a file or an environment variable", "{\"secrets\": {\"crm\": {\"owners\": [\"acme\"]}}}",
                        "secrets.crm needs file (a file holding the secret) or env (an environment variable holding it)"),
                rule("only known secret properties", "{\"secrets\": {\"crm\": {\"env\": \"CRM_TOKEN\", \"value\": \"x\"}}}",
                        "secrets.crm.value is not a property of a secret; known properties: file, env, owners"),
                rule("a secret file is a string", "{\"secrets\": {\"crm\": {\"file\": 3}}}",
                        "secrets.crm.file must be a string, not a number"),
                rule("a secret file is named", "{\"secrets\": {\"crm\": {\"file\": \"\"}}}",
                        "secrets.crm.file must not be empty; give a file path"),
                rule("a secret file exists", "{\"secrets\": {\"crm\": {\"file\": \"missing\"}}}",
                        "secrets.crm.file 'missing' ({dir}/missing) cannot be read: no such file"),
                rule("a secret file is a file", "{\"secrets\": {\"crm\": {\"file\": \"{dir}/sub\"}}}",
                        "secrets.crm.file '{dir}/sub' cannot be read: it is a directory"),
                rule("a secret file is not empty", "{\"secrets\": {\"crm\": {\"file\": \"empty.txt\"}}}",
                        "secrets.crm.file 'empty.txt' ({dir}/empty.txt) is empty; write the secret into it"),
                rule("a secret file is UTF-8", "{\"secrets\": {\"crm\": {\"file\": \"latin1.txt\"}}}",
                        "secrets.crm.file 'latin1.txt' ({dir}/latin1.txt) cannot be read: it is not UTF-8 text"),
                rule("a secret file is at most 1 MiB", "{\"secrets\": {\"crm\": {\"file\": \"large.txt\"}}}",
                        "secrets.crm.file 'large.txt' ({dir}/large.txt) cannot be read: it is larger than 1 MiB; a "
                                + "secret file holds one password, token or key"),
                rule("a secret variable is set", "{\"secrets\": {\"crm\": {\"env\": \"CRM_MISSING\"}}}",
                        "secrets.crm.env 'CRM_MISSING' is not set in the server's environment"),
                rule("a secret variable is not empty", "{\"secrets\": {\"crm\": {\"env\": \"EMPTY\"}}}",
                        "secrets.crm.env 'EMPTY' is empty in the server's environment; set it to the secret"),
                rule("a secret variable has a name", "{\"secrets\": {\"crm\": {\"env\": \"\"}}}",
                        "secrets.crm.env '' is not an environment variable name"),
                rule("secret owners are not empty", "{\"secrets\": {\"crm\": {\"env\": \"CRM_TOKEN\", \"owners\": []}}}",
                        "secrets.crm.owners must not be empty; list the owners whose flows may name the secret (or "
                                + "\"*\" for every owner), or leave owners out to keep the secret for services"),
                rule("secret owners are owner ids", "{\"secrets\": {\"crm\": {\"env\": \"CRM_TOKEN\", \"owners\": [\"*\", \"a b\"]}}}",
                        "secrets.crm.owners[1] 'a b' is not an owner id (it must match [a-zA-Z][a-zA-Z0-9_-]{2,29}) or "
                                + "\"*\" for every owner"),
                rule("secret owners are a list", "{\"secrets\": {\"crm\": {\"env\": \"CRM_TOKEN\", \"owners\": \"acme\"}}}",
                        "secrets.crm.owners must be an array, not a string"),
                rule("secret owners are strings", "{\"secrets\": {\"crm\": {\"env\": \"CRM_TOKEN\", \"owners\": [1]}}}",
                        "secrets.crm.owners[0] must be a string, not a number"),

                // service name, owners, base URL, method
                rule("a service has a name", "{\"services\": [{\"owners\": [\"acme\"], \"baseUrl\": \"https://x.example.com\"}]}",
                        "services[0].name is required; it must match [a-zA-Z][a-zA-Z0-9_-]{0,29}"),
                rule("a service name matches the pattern", "{\"services\": [{\"name\": \"1crm\", \"owners\": [\"acme\"], "
                                + "\"baseUrl\": \"https://x.example.com\"}]}",
                        "services[0].name '1crm' does not match [a-zA-Z][a-zA-Z0-9_-]{0,29}"),
                rule("a service name has at most 30 characters", "{\"services\": [{\"name\": \"" + "c".repeat(31)
                                + "\", \"owners\": [\"acme\"], \"baseUrl\": \"https://x.example.com\"}]}",
                        "services[0].name '" + "c".repeat(31) + "' does not match [a-zA-Z][a-zA-Z0-9_-]{0,29}"),
                rule("a service name is not http or https", "{\"services\": [{\"name\": \"HTTPS\", \"owners\": [\"acme\"], "
                                + "\"baseUrl\": \"https://x.example.com\"}]}",
                        "services[0].name 'HTTPS' is a URL scheme, so HTTPS://... could not name the service; choose "
                                + "another name"),
                rule("a service name is a string", "{\"services\": [{\"name\": 3, \"owners\": [\"acme\"], "
                                + "\"baseUrl\": \"https://x.example.com\"}]}",
                        "services[0].name must be a string, not a number"),
                rule("a service has owners", "{\"services\": [{\"name\": \"crm\", \"baseUrl\": \"https://x.example.com\"}]}",
                        "services[0].owners is required; list the owners whose flows may call the service, or [\"*\"] "
                                + "for every owner"),
                rule("a service has at least one owner", "{\"services\": [{\"name\": \"crm\", \"owners\": [], "
                                + "\"baseUrl\": \"https://x.example.com\"}]}",
                        "services[0].owners must not be empty; list the owners whose flows may call the service, or "
                                + "[\"*\"] for every owner"),
                rule("service owners are owner ids", "{\"services\": [{\"name\": \"crm\", \"owners\": [\"ac\"], "
                                + "\"baseUrl\": \"https://x.example.com\"}]}",
                        "services[0].owners[0] 'ac' is not an owner id (it must match [a-zA-Z][a-zA-Z0-9_-]{2,29}) or "
                                + "\"*\" for every owner"),
                rule("a service has a base URL", "{\"services\": [{\"name\": \"crm\", \"owners\": [\"acme\"]}]}",
                        "services[0].baseUrl is required; an absolute http or https URL such as "
                                + "https://crm.example.com/api/v2/"),
                rule("a base URL is http or https", baseUrl("ftp://x"),
                        "services[0].baseUrl 'ftp://x' is not an absolute http or https URL"),
                rule("a base URL is absolute", baseUrl("/api/v2"),
                        "services[0].baseUrl '/api/v2' is not an absolute http or https URL"),
                rule("a base URL has a host", baseUrl("https://"),
                        "services[0].baseUrl 'https://' is not an absolute http or https URL"),
                rule("a base URL is a URL", baseUrl("https://crm example.com"),
                        "services[0].baseUrl 'https://crm example.com' is not an absolute http or https URL"),
                rule("a base URL has no query", baseUrl("https://crm.example.com/api?v=2"),
                        "services[0].baseUrl 'https://crm.example.com/api?v=2' has a query; put query parameters in "
                                + "queryParameters"),
                rule("a base URL has no fragment", baseUrl("https://crm.example.com/api#top"),
                        "services[0].baseUrl 'https://crm.example.com/api#top' has a fragment (#...); a request never "
                                + "sends one, leave it out"),
                rule("a base URL has no user info, and the message does not show it",
                        baseUrl("https://flow:pa55word@crm.example.com/"),
                        "services[0].baseUrl 'https://***@crm.example.com/' carries user info; leave it out, "
                                + "credentials go in auth"),
                rule("a method is a RestMethod", service("\"method\": \"FETCH\""),
                        "services[0].method 'FETCH' is not one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS"),
                rule("a method is upper case", service("\"method\": \"get\""),
                        "services[0].method 'get' is not one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS"),
                rule("only known service properties", service("\"timeout\": \"PT5S\""),
                        "services[0].timeout is not a property of a service; known properties: name, owners, baseUrl, "
                                + "method, headers, queryParameters, auth, connectTimeout, readTimeout, totalTimeout, "
                                + "followRedirects, maxRedirects, retryPolicy, maxPoolSize, maxWaitQueueSize, cache, tls"),

                // headers and query parameters
                rule("no Authorization header", service("\"headers\": {\"Authorization\": \"Bearer abc\"}"),
                        "services[0].headers.Authorization is not allowed; credentials go in auth (basic, bearer, apiKey "
                                + "or oauth2ClientCredentials), which names a secret of the server instead of holding its "
                                + "value"),
                rule("no Proxy-Authorization header, in any case", service("\"headers\": {\"proxy-authorization\": \"x\"}"),
                        "services[0].headers.proxy-authorization is not allowed; credentials go in auth (basic, bearer, "
                                + "apiKey or oauth2ClientCredentials), which names a secret of the server instead of holding "
                                + "its value"),
                rule("no header the client sets", service("\"headers\": {\"Host\": \"a\", \"Content-Length\": \"1\", "
                                + "\"Connection\": \"close\", \"Transfer-Encoding\": \"chunked\"}"),
                        "services[0].headers.Host is not allowed; the HTTP client sets it from the target",
                        "services[0].headers.Content-Length is not allowed; the HTTP client sets it from the body",
                        "services[0].headers.Connection is not allowed; the HTTP client manages connections",
                        "services[0].headers.Transfer-Encoding is not allowed; the HTTP client frames the body (and "
                                + "sends it with Content-Length)"),
                rule("a header name is an HTTP token", service("\"headers\": {\"X Trace\": \"1\"}"),
                        "services[0].headers 'X Trace' is not a header name; use an HTTP token: letters, digits and "
                                + "!#$%&'*+-.^_`|~"),
                rule("a header appears once, ignoring case", service("\"headers\": {\"Accept\": \"a\", \"accept\": \"b\"}"),
                        "services[0].headers.accept repeats the header 'Accept' (header names ignore case); list every "
                                + "value under one name"),
                rule("a header value is a string or strings", service("\"headers\": {\"Accept\": 1}"),
                        "services[0].headers.Accept must be a string or an array of strings, not a number"),
                rule("a header value list is not empty", service("\"headers\": {\"Accept\": []}"),
                        "services[0].headers.Accept has no value; give one or more (in a call, an empty string removes "
                                + "the service's value of that name)"),
                rule("a header value list holds strings", service("\"headers\": {\"Accept\": [\"a\", 1]}"),
                        "services[0].headers.Accept[1] must be a string, not a number"),
                rule("a header value is one line", service("\"headers\": {\"X-Trace\": [\"a\", \"b\\nX-Evil: 1\"]}"),
                        "services[0].headers.X-Trace[1] contains a line break or another control character; a header "
                                + "value is one line of text"),
                rule("a header value has no control character", service("\"headers\": {\"X-Trace\": \"a\\u0000b\"}"),
                        "services[0].headers.X-Trace[0] contains a line break or another control character; a header "
                                + "value is one line of text"),
                rule("headers is an object", service("\"headers\": []"),
                        "services[0].headers must be an object of names to a string or an array of strings, not an array"),
                rule("a query value is a string or strings", service("\"queryParameters\": {\"v\": {}}"),
                        "services[0].queryParameters.v must be a string or an array of strings, not an object"),
                rule("a query parameter has a name", service("\"queryParameters\": {\"\": \"x\"}"),
                        "services[0].queryParameters has a parameter without a name; give each parameter a name"),

                // auth
                rule("auth is an object", service("\"auth\": \"basic\""), "services[0].auth must be an object, not a string"),
                rule("auth has a type", service("\"auth\": {}"),
                        "services[0].auth.type is required; one of none, basic, bearer, apiKey, oauth2ClientCredentials"),
                rule("auth has a known type", service("\"auth\": {\"type\": \"digest\"}"),
                        "services[0].auth.type 'digest' is not one of none, basic, bearer, apiKey, "
                                + "oauth2ClientCredentials"),
                rule("auth none has nothing else", service("\"auth\": {\"type\": \"none\", \"tokenSecretName\": \"crm\"}"),
                        "services[0].auth.tokenSecretName is not a property of a none auth; known properties: type"),
                rule("basic auth has a user and a password secret", service("\"auth\": {\"type\": \"basic\"}"),
                        "services[0].auth.username is required",
                        "services[0].auth.passwordSecretName is required; the name of a secret in the server's store, "
                                + "matching [a-zA-Z][a-zA-Z0-9._-]{0,63}"),
                rule("a basic user name has no colon, and the message does not show it", "{" + TWO_SECRETS + ", "
                                + service("\"auth\": {\"type\": \"basic\", \"username\": \"a:b\", \"passwordSecretName\": "
                                + "\"crm\"}").substring(1),
                        "services[0].auth.username contains ':', which HTTP Basic cannot carry in a user name (the value "
                                + "is not shown: it may hold a password); the password goes in the secret passwordSecretName "
                                + "names"),
                rule("a basic user name is not empty", "{" + TWO_SECRETS + ", " + service("\"auth\": {\"type\": "
                                + "\"basic\", \"username\": \"\", \"passwordSecretName\": \"crm\"}").substring(1),
                        "services[0].auth.username is required"),
                rule("a secret named by auth exists", service("\"auth\": {\"type\": \"bearer\", \"tokenSecretName\": \"crm-token\"}"),
                        "services[0].auth.tokenSecretName 'crm-token' is not in secrets; no secrets are configured, add "
                                + "it under secrets"),
                rule("a secret named by auth exists, among others", "{" + TWO_SECRETS + ", " + service("\"auth\": "
                                + "{\"type\": \"bearer\", \"tokenSecretName\": \"crm-token\"}").substring(1),
                        "services[0].auth.tokenSecretName 'crm-token' is not in secrets; known secrets: crm, erp"),
                rule("bearer auth has only its properties", "{" + TWO_SECRETS + ", " + service("\"auth\": "
                                + "{\"type\": \"bearer\", \"tokenSecretName\": \"crm\", \"token\": \"abc\"}").substring(1),
                        "services[0].auth.token is not a property of a bearer auth; known properties: type, "
                                + "tokenSecretName"),
                rule("an API key header is an HTTP token", "{" + TWO_SECRETS + ", " + service("\"auth\": {\"type\": "
                                + "\"apiKey\", \"headerName\": \"X Key\", \"apiKeySecretName\": \"crm\"}").substring(1),
                        "services[0].auth.headerName 'X Key' is not a header name; use an HTTP token: letters, digits "
                                + "and !#$%&'*+-.^_`|~"),
                rule("an API key header is not one the client sets", "{" + TWO_SECRETS + ", " + service("\"auth\": "
                                + "{\"type\": \"apiKey\", \"headerName\": \"Host\", \"apiKeySecretName\": \"crm\"}").substring(1),
                        "services[0].auth.headerName 'Host' is not allowed; the HTTP client sets it from the target"),
                rule("an API key header is not Authorization", "{" + TWO_SECRETS + ", " + service("\"auth\": "
                                + "{\"type\": \"apiKey\", \"headerName\": \"authorization\", \"apiKeySecretName\": \"crm\"}")
                                .substring(1),
                        "services[0].auth.headerName 'authorization' is not allowed; for the Authorization header use "
                                + "bearer or basic, or a header of its own such as X-Api-Key"),
                rule("an API key header is not in headers too", "{" + TWO_SECRETS + ", " + service("\"headers\": "
                                + "{\"x-api-key\": \"abc\"}, \"auth\": {\"type\": \"apiKey\", \"headerName\": \"X-API-Key\", "
                                + "\"apiKeySecretName\": \"crm\"}").substring(1),
                        "services[0].headers.x-api-key is the header of auth apiKey, whose value comes from its secret; "
                                + "leave it out of headers"),
                rule("OAuth 2.0 has a token URL or an issuer, not both", "{" + TWO_SECRETS + ", " + service("\"auth\": "
                                + "{\"type\": \"oauth2ClientCredentials\", \"tokenUrl\": \"https://login.example.com/token\", "
                                + "\"issuer\": \"https://login.example.com\", \"clientId\": \"fs\", \"clientSecretName\": "
                                + "\"crm\"}").substring(1),
                        "services[0].auth.issuer cannot be combined with tokenUrl; set tokenUrl or issuer, not both"),
                rule("OAuth 2.0 has a token URL or an issuer", "{" + TWO_SECRETS + ", " + service("\"auth\": "
                                + "{\"type\": \"oauth2ClientCredentials\", \"clientId\": \"fs\", \"clientSecretName\": "
                                + "\"crm\"}").substring(1),
                        "services[0].auth has neither tokenUrl nor issuer; set the token endpoint in tokenUrl, or an "
                                + "OpenID Connect issuer in issuer"),
                rule("an OAuth 2.0 token URL is absolute", "{" + TWO_SECRETS + ", " + service("\"auth\": "
                                + "{\"type\": \"oauth2ClientCredentials\", \"tokenUrl\": \"login.example.com/token\", "
                                + "\"clientId\": \"fs\", \"clientSecretName\": \"crm\"}").substring(1),
                        "services[0].auth.tokenUrl 'login.example.com/token' is not an absolute https or http URL; write "
                                + "one such as https://login.example.com/oauth2/token"),
                rule("an OpenID issuer has no query", "{" + TWO_SECRETS + ", " + service("\"auth\": "
                                + "{\"type\": \"oauth2ClientCredentials\", \"issuer\": \"https://login.example.com/?realm=acme\", "
                                + "\"clientId\": \"fs\", \"clientSecretName\": \"crm\"}").substring(1),
                        "services[0].auth.issuer 'https://login.example.com/?realm=acme' has a query; an OpenID "
                                + "Connect issuer has none, give the issuer exactly"),
                rule("OAuth 2.0 client authentication is BASIC or POST", "{" + TWO_SECRETS + ", " + service("\"auth\": "
                                + "{\"type\": \"oauth2ClientCredentials\", \"tokenUrl\": \"https://login.example.com/token\", "
                                + "\"clientId\": \"fs\", \"clientSecretName\": \"crm\", \"clientAuthentication\": "
                                + "\"basic\"}").substring(1),
                        "services[0].auth.clientAuthentication 'basic' is not one of BASIC, POST"),
                rule("OAuth 2.0 has a client id and secret", service("\"auth\": {\"type\": \"oauth2ClientCredentials\", "
                                + "\"tokenUrl\": \"https://login.example.com/token\"}"),
                        "services[0].auth.clientId is required",
                        "services[0].auth.clientSecretName is required; the name of a secret in the server's store, "
                                + "matching [a-zA-Z][a-zA-Z0-9._-]{0,63}"),

                // timeouts, redirects, pool
                rule("a service timeout is at most PT24H", service("\"readTimeout\": \"PT25H\""),
                        "services[0].readTimeout 'PT25H' is out of range; use PT0S (no limit) to PT24H"),
                rule("followRedirects is true or false", service("\"followRedirects\": \"yes\""),
                        "services[0].followRedirects must be true or false, not a string"),
                rule("maxRedirects is at most 20", service("\"maxRedirects\": 21"),
                        "services[0].maxRedirects '21' is out of range; use 0 to 20 (followRedirects false follows none)"),
                rule("maxRedirects is not negative", service("\"maxRedirects\": -1"),
                        "services[0].maxRedirects '-1' is out of range; use 0 to 20 (followRedirects false follows none)"),
                rule("a service pool has a connection", service("\"maxPoolSize\": 0, \"maxWaitQueueSize\": -1"),
                        "services[0].maxPoolSize 0 is out of range; use 1 to 1000",
                        "services[0].maxWaitQueueSize -1 is out of range; use 0 (fail at once when every connection is "
                                + "busy) to 100000"),

                // retry policy
                rule("a retry waits at least PT1S", service("\"retryPolicy\": {\"initial\": \"PT0.5S\"}"),
                        "services[0].retryPolicy.initial 'PT0.5S' is shorter than PT1S, the shortest wait between two "
                                + "tries; use PT1S or more (or deadline PT0S for no retries)"),
                rule("the longest retry wait is at least the first", service("\"retryPolicy\": {\"initial\": \"PT2S\", "
                                + "\"maximum\": \"PT1S\"}"),
                        "services[0].retryPolicy.maximum 'PT1S' is shorter than initial (PT2S); use initial or more"),
                rule("the first retry wait is at most the default maximum", service("\"retryPolicy\": {\"initial\": \"PT2M\"}"),
                        "services[0].retryPolicy.maximum 'PT1M' is shorter than initial (PT2M); use initial or more"),
                rule("a retry multiplier is at least 1", service("\"retryPolicy\": {\"multiplier\": 0.5}"),
                        "services[0].retryPolicy.multiplier '0.5' is out of range; use 1.0 (a constant wait) to 10.0"),
                rule("a retry multiplier is at most 10", service("\"retryPolicy\": {\"multiplier\": 11}"),
                        "services[0].retryPolicy.multiplier '11.0' is out of range; use 1.0 (a constant wait) to 10.0"),
                rule("a retry multiplier is a number", service("\"retryPolicy\": {\"multiplier\": \"2\"}"),
                        "services[0].retryPolicy.multiplier must be a number, not a string"),
                rule("a retry deadline is at most PT1H", service("\"retryPolicy\": {\"deadline\": \"PT1H1S\"}"),
                        "services[0].retryPolicy.deadline 'PT1H1S' is out of range; use PT0S (no retries) to PT1H"),
                rule("retried statuses are HTTP statuses", service("\"retryPolicy\": {\"statusCodes\": [503, 99]}"),
                        "services[0].retryPolicy.statusCodes[1] '99' is not an HTTP status; use 100 to 599"),
                rule("retried statuses are numbers, and a status after a wrong one is not checked",
                        service("\"retryPolicy\": {\"statusCodes\": [\"503\", 99]}"),
                        "services[0].retryPolicy.statusCodes[0] must be an integer, not a string"),
                rule("only known retry properties", service("\"retryPolicy\": {\"maxAttempts\": 3}"),
                        "services[0].retryPolicy.maxAttempts is not a property of a retryPolicy; known properties: "
                                + "initial, maximum, multiplier, deadline, statusCodes, retryNonIdempotent"),

                // cache
                rule("a cache has a ttl", service("\"cache\": {\"maxEntries\": 10}"),
                        "services[0].cache.ttl is required; how long an answer is kept, PT1S to P1D"),
                rule("a cache ttl is at least PT1S", service("\"cache\": {\"ttl\": \"PT0.5S\"}"),
                        "services[0].cache.ttl 'PT0.5S' is out of range; use PT1S to P1D"),
                rule("a cache ttl is at most P1D", service("\"cache\": {\"ttl\": \"P2D\"}"),
                        "services[0].cache.ttl 'PT48H' is out of range; use PT1S to P1D"),
                rule("a cache keeps entries and bytes", service("\"cache\": {\"ttl\": \"PT1M\", \"maxEntries\": 0, "
                                + "\"maxBytes\": 0}"),
                        "services[0].cache.maxEntries '0' must be 1 or more",
                        "services[0].cache.maxBytes '0' must be 1 or more"),
                rule("a service's cache is bounded", service("\"cache\": {\"ttl\": \"PT1M\", \"maxEntries\": 1000001, "
                                + "\"maxBytes\": 1073741825}"),
                        "services[0].cache.maxEntries '1000001' is out of range; use 1 to 1000000",
                        "services[0].cache.maxBytes '1073741825' is out of range; use 1 to 1073741824 (1 GiB)"),
                rule("only known cache properties", service("\"cache\": {\"ttl\": \"PT1M\", \"methods\": [\"GET\"]}"),
                        "services[0].cache.methods is not a property of a cache; known properties: ttl, maxEntries, "
                                + "maxBytes"),

                // tls
                rule("a CA file exists", service("\"tls\": {\"caCertificateFile\": \"missing.pem\"}"),
                        "services[0].tls.caCertificateFile 'missing.pem' ({dir}/missing.pem) cannot be read: no such file"),
                rule("a CA file is a file", service("\"tls\": {\"caCertificateFile\": \"sub\"}"),
                        "services[0].tls.caCertificateFile 'sub' ({dir}/sub) cannot be read: it is a directory"),
                rule("a client certificate comes with its key", service("\"tls\": {\"clientCertificateFile\": \"client.pem\"}"),
                        "services[0].tls.clientKeySecretName is required with clientCertificateFile; name the secret "
                                + "holding the client certificate's PEM private key"),
                rule("a client key comes with its certificate", "{" + TWO_SECRETS + ", " + service("\"tls\": "
                                + "{\"clientKeySecretName\": \"crm\"}").substring(1),
                        "services[0].tls.clientCertificateFile is required with clientKeySecretName; give the PEM client "
                                + "certificate whose key the secret holds"),
                rule("a client key secret is named like one, and the message does not show it", service("\"tls\": "
                                + "{\"clientCertificateFile\": \"client.pem\", \"clientKeySecretName\": \"-----BEGIN\"}"),
                        "services[0].tls.clientKeySecretName does not match [a-zA-Z][a-zA-Z0-9._-]{0,63}, the form of a "
                                + "secret name (the value is not shown: it may be a secret pasted by mistake); name a secret "
                                + "of the server's store"),
                rule("a client key secret exists", "{" + TWO_SECRETS + ", " + service("\"tls\": {\"clientCertificateFile\": "
                                + "\"client.pem\", \"clientKeySecretName\": \"crm-key\"}").substring(1),
                        "services[0].tls.clientKeySecretName 'crm-key' is not in secrets; known secrets: crm, erp"),
                rule("insecure does not come with a CA file", service("\"tls\": {\"caCertificateFile\": \"ca.pem\", "
                                + "\"insecure\": true}"),
                        "services[0].tls.insecure true trusts every certificate, so caCertificateFile would never be "
                                + "used; remove one of them"),
                rule("tls is for https", "{\"services\": [{\"name\": \"crm\", \"owners\": [\"acme\"], \"baseUrl\": "
                                + "\"http://crm.example.com\", \"tls\": {\"verifyHostname\": false}}]}",
                        "services[0].tls is set, but baseUrl 'http://crm.example.com' is not https; TLS settings apply "
                                + "to https only"),
                rule("verifyHostname is true or false", service("\"tls\": {\"verifyHostname\": \"no\"}"),
                        "services[0].tls.verifyHostname must be true or false, not a string"),
                rule("only known tls properties", service("\"tls\": {\"verify\": false}"),
                        "services[0].tls.verify is not a property of tls; known properties: caCertificateFile, "
                                + "clientCertificateFile, clientKeySecretName, verifyHostname, insecure"));
    }

    private static Arguments rule(String rule, String json, String... problems) {
        return Arguments.of(rule, json, List.of(problems));
    }

    private static String baseUrl(String url) {
        return "{\"services\": [{\"name\": \"crm\", \"owners\": [\"acme\"], \"baseUrl\": \"" + url + "\"}]}";
    }
}
