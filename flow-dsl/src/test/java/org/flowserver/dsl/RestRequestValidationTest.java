package org.flowserver.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RestRequestValidationTest {

    private static final String URL = "https://api.example.com/v1";
    /** What the JSONata library says about {@code payload.(}, the broken expression of these tests. */
    private static final String BROKEN_JSONATA = "Expected \")\" before end of expression";

    // --- target

    @ParameterizedTest
    @ValueSource(strings = {"https://api.example.com/v1/orders/{payload.id}?expand={$join(payload.x, ',')}",
            "http://127.0.0.1:8080/", "HTTPS://API.EXAMPLE.COM", "https://[::1]:8443/x", "crm://customers/{payload.id}",
            "crm://", "my_crm-2://x", "https://api.example.com/{{literal}}"})
    void acceptsAbsoluteAndServiceUrls(String url) {
        assertThat(valid(r -> r.url(url)).target()).isEqualTo(new RestTarget.Url(url));
    }

    @Test
    void aUrlIsAbsolute() {
        assertProblem(r -> r.url("customers/1"), "processors[1].url 'customers/1' is not an absolute URL; write "
                + "https://host/path, http://host/path or <service>://path (or use service and path)");
    }

    @Test
    void aUrlSchemeIsHttpHttpsOrAServiceName() {
        assertProblem(r -> r.url("1crm://customers"), "processors[1].url '1crm://customers' has the scheme '1crm', "
                + "which is neither http, https nor a service name ([a-zA-Z][a-zA-Z0-9_-]{0,29})");
    }

    @Test
    void aUrlHasNoPlaceholderInItsScheme() {
        assertProblem(r -> r.url("{payload.scheme}://api.example.com/"), "processors[1].url '{payload.scheme}://"
                + "api.example.com/' has a placeholder in its scheme, host or port; placeholders may only be in the "
                + "path and query (a payload must not choose where a request and its credentials go)");
        assertProblem(r -> r.url("{payload.url}"), "processors[1].url '{payload.url}' has a placeholder in its scheme, "
                + "host or port; placeholders may only be in the path and query (a payload must not choose where a "
                + "request and its credentials go)");
    }

    @Test
    void aUrlHasNoPlaceholderInItsHostOrPort() {
        assertProblem(r -> r.url("https://{payload.host}/orders"), "processors[1].url 'https://{payload.host}/"
                + "orders' has a placeholder in its scheme, host or port; placeholders may only be in the path and query (a "
                + "payload must not choose where a request and its credentials go)");
        assertProblem(r -> r.url("https://api.example.com:{payload.port}/orders"), "processors[1].url "
                + "'https://api.example.com:{payload.port}/orders' has a placeholder in its scheme, host or port; "
                + "placeholders "
                + "may only be in the path and query (a payload must not choose where a request and its credentials "
                + "go)");
    }

    @Test
    void aUrlHasAValidHostAndPort() {
        assertProblem(r -> r.url("https:///orders"), "processors[1].url 'https:///orders' has no host; write "
                + "https://host/path or http://host/path");
        assertProblem(r -> r.url("https://api example.com/"), "processors[1].url 'https://api example.com/' has the "
                + "host 'api example.com', which is not a host name or address");
        assertProblem(r -> r.url("https://api.example.com:99999/"), "processors[1].url 'https://api.example.com:"
                + "99999/' has the port '99999', which is not 1 to 65535");
    }

    @Test
    void aUrlCarriesNoCredentialsAndDoesNotShowThem() {
        assertProblem(r -> r.url("https://svc:hunter2@api.example.com/"), "processors[1].url has user information "
                + "(user:password@) before its host; credentials go in auth, which names a secret of the server (the "
                + "URL is not shown: it may hold a password)");
    }

    @Test
    void aUrlIsAValidTemplate() {
        assertProblem(r -> r.url("https://api.example.com/{payload.id"), "processors[1].url 'https://api.example."
                + "com/{payload.id' has a placeholder at position 24 that is never closed; write '{{' for a literal "
                + "brace");
    }

    @Test
    void placeholdersAreValidJsonata() {
        assertProblem(r -> r.url("https://api.example.com/{payload.(}"), "processors[1].url 'https://api.example.com/"
                + "{payload.(}' has the placeholder '{payload.(}', which is not a valid JSONata expression: "
                + BROKEN_JSONATA);
    }

    @Test
    void theSchemeIsHttpOrHttps() {
        assertProblem(r -> r.scheme("ftp").hostname("files.internal"), "processors[1].scheme 'ftp' is not "
                + "supported; use http or https (the default)");
    }

    @Test
    void theHostnameIsRequired() {
        assertProblem(r -> r.hostname(""), "processors[1].hostname is required; the host name or address to call, "
                + "such as api.example.com");
    }

    @Test
    void theHostnameHasNoPlaceholder() {
        assertProblem(r -> r.hostname("{payload.host}"), "processors[1].hostname '{payload.host}' has a placeholder; "
                + "a host is fixed when the flow is built (a payload must not choose where a request and its "
                + "credentials go)");
    }

    @Test
    void theHostnameIsAHostAlone() {
        assertProblem(r -> r.hostname("files.internal:8081"), "processors[1].hostname 'files.internal:8081' is not "
                + "a host name or address; give the host alone, such as api.example.com or [::1] (the port goes in "
                + "port, the path in basePath and path)");
    }

    @Test
    void thePortIsOneTo65535() {
        assertProblem(r -> r.hostname("files.internal").port(0), "processors[1].port '0' is out of range; use 1 to "
                + "65535, or leave it out for 443 (https) or 80 (http)");
        assertProblem(r -> r.hostname("files.internal").port(65536), "processors[1].port '65536' is out of range; "
                + "use 1 to 65535, or leave it out for 443 (https) or 80 (http)");
    }

    @Test
    void basePathAndPathAreTemplates() {
        assertProblem(r -> r.hostname("files.internal").basePath("a}").path("{ }"), "processors[1].basePath 'a}' has "
                + "a '}' at position 1 that closes no placeholder; write '}}' for a literal brace",
                "processors[1].path '{ }' has an empty placeholder at position 0; write '{{' for a literal brace");
        assertProblem(r -> r.service("crm").path("{payload.(}"), "processors[1].path '{payload.(}' has the "
                + "placeholder '{payload.(}', which is not a valid JSONata expression: " + BROKEN_JSONATA);
    }

    @Test
    void aServiceIsNamedLikeOne() {
        assertProblem(r -> r.service("crm service"), "processors[1].service 'crm service' does not match "
                + "[a-zA-Z][a-zA-Z0-9_-]{0,29}, the form of a service name");
        assertProblem(r -> r.service("HTTPS"), "processors[1].service 'HTTPS' is a scheme, not a service name; for a "
                + "direct call use url or hostname");
        assertProblem(r -> r.service(""), "processors[1].service is required; the name of a service configured on "
                + "the server");
    }

    // --- body and method

    @Test
    void theBodyIsAJsonataExpression() {
        assertProblem(r -> r.url(URL).body("payload.("), "processors[1].body 'payload.(' is not a valid JSONata "
                + "expression: " + BROKEN_JSONATA);
        assertProblem(r -> r.url(URL).body(" "), "processors[1].body is empty; write a JSONata expression such as "
                + "payload, or leave body out to send no body");
    }

    @Test
    void bodyAndMultipartExcludeEachOther() {
        assertProblem(r -> r.url(URL).body("payload").multipart(m -> m.part("f", p -> p.content("payload"))),
                "processors[1].multipart cannot be combined with body; a request has one body, so set body or "
                        + "multipart");
    }

    @Test
    void getHeadAndOptionsSendNoBody() {
        assertProblem(r -> r.url(URL).method(RestMethod.GET).body("payload"), "processors[1].method 'GET' sends no "
                + "body, but body is set; use POST, PUT, PATCH or DELETE, or leave method out (a call with a body is "
                + "a POST)");
        assertProblem(r -> r.url(URL).method(RestMethod.HEAD).multipart(m -> m.part("f", p -> p.value("x"))),
                "processors[1].method 'HEAD' sends no body, but multipart is set; use POST, PUT, PATCH or DELETE, or "
                        + "leave method out (a call with a body is a POST)");
        assertProblem(r -> r.url(URL).method(RestMethod.OPTIONS).body("payload"), "processors[1].method 'OPTIONS' "
                + "sends no body, but body is set; use POST, PUT, PATCH or DELETE, or leave method out (a call with a "
                + "body is a POST)");
    }

    @Test
    void deleteMayCarryABody() {
        assertThat(valid(r -> r.url(URL).method(RestMethod.DELETE).body("payload")).method())
                .contains(RestMethod.DELETE);
    }

    // --- headers, query, cookies

    @ParameterizedTest
    @ValueSource(strings = {"Authorization", "proxy-authorization"})
    void credentialsAreNotHeaders(String name) {
        assertProblem(r -> r.url(URL).header(name, "Bearer abc"), "processors[1].headers." + name + " is not "
                + "allowed; credentials go in auth (basic, bearer, apiKey or oauth2ClientCredentials), which names a "
                + "secret of the server instead of holding its value");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Connection|the HTTP client manages connections",
            "Transfer-Encoding|the HTTP client frames the body (and sends it with Content-Length)",
            "content-length|the HTTP client sets it from the body",
            "Host|the HTTP client sets it from the target"})
    void theClientsOwnHeadersAreNotHeaders(String name, String reason) {
        assertProblem(r -> r.url(URL).header(name, "x"), "processors[1].headers." + name + " is not allowed; "
                + reason);
    }

    @Test
    void theApiKeyHeaderIsNotAlsoAHeader() {
        assertProblem(r -> r.url(URL).auth(a -> a.apiKey("X-Api-Key", "crm-key")).header("x-api-key", "abc"),
                "processors[1].headers.x-api-key is the header of auth apiKey, whose value comes from its secret; "
                        + "leave it out of headers");
    }

    @Test
    void headerNamesAreTokens() {
        assertProblem(r -> r.url(URL).header("X Tag", "a"), "processors[1].headers 'X Tag' is not a header name; use "
                + "an HTTP token: letters, digits and !#$%&'*+-.^_`|~");
    }

    @Test
    void aHeaderNameAppearsOnceIgnoringCase() {
        assertJsonProblem("\"url\": \"" + URL + "\", \"headers\": {\"Accept\": \"a\", \"accept\": \"b\"}",
                "processors[1].headers.accept repeats the header 'Accept' (header names ignore case); list every value "
                        + "under one name");
    }

    @Test
    void aHeaderOrQueryParameterHasAValue() {
        assertJsonProblem("\"url\": \"" + URL + "\", \"headers\": {\"Accept\": []}, \"queryParameters\": {\"q\": []}",
                "processors[1].headers.Accept has no value; give one or more (in a call, an empty string removes "
                        + "the service's value of that name)",
                "processors[1].queryParameters.q has no value; give one or more (in a call, an empty string removes "
                        + "the service's value of that name)");
    }

    @Test
    void headerValuesAreOneLineTemplates() {
        assertProblem(r -> r.url(URL).header("X-Tag", "a").header("X-Tag", "{payload.(}"), "processors[1].headers."
                + "X-Tag[1] '{payload.(}' has the placeholder '{payload.(}', which is not a valid JSONata expression: "
                + BROKEN_JSONATA);
        assertProblem(r -> r.url(URL).header("X-Tag", "a\r\nX-Evil: 1"), "processors[1].headers.X-Tag[0] contains "
                + "a line break or another control character; a header value is one line of text");
    }

    @Test
    void headerValuesHaveNoControlCharacterButTab() {
        assertProblem(r -> r.url(URL).header("X-Tag", "a\u0000b"), "processors[1].headers.X-Tag[0] contains a line "
                + "break or another control character; a header value is one line of text");
        assertThat(valid(r -> r.url(URL).header("X-Tag", "a\tb")).headers()).containsKey("X-Tag");
    }

    @Test
    void queryParametersHaveNamesAndTemplateValues() {
        assertProblem(r -> r.url(URL).queryParameter("", "x").queryParameter("q", "{}"), "processors[1]."
                + "queryParameters has a parameter without a name; give each parameter a name",
                "processors[1].queryParameters.q[0] '{}' has an empty placeholder at position 0; write '{{' for a "
                        + "literal brace");
    }

    @Test
    void cookiesHaveTokenNamesAndTemplateValues() {
        assertProblem(r -> r.url(URL).cookie("my cookie", "x").cookie("region", "{payload.(}"), "processors[1]."
                + "cookies 'my cookie' is not a cookie name; use an HTTP token: letters, digits and "
                + "!#$%&'*+-.^_`|~", "processors[1].cookies.region '{payload.(}' has the placeholder '{payload.(}', "
                + "which is not a valid JSONata expression: " + BROKEN_JSONATA);
    }

    @Test
    void cookieValuesAreOneLine() {
        assertProblem(r -> r.url(URL).cookie("region", "eu\nX-Evil: 1"), "processors[1].cookies.region has a line "
                + "break; a cookie value is part of the one-line Cookie header");
    }

    @Test
    void aLineBreakInsideAPlaceholderIsPartOfItsExpression() {
        assertThat(valid(r -> r.url(URL).header("X-Tag", "{payload\n.tag}")).headers())
                .containsEntry("X-Tag", java.util.List.of("{payload\n.tag}"));
    }

    @Test
    void forwardedResponseHeadersAreHeaderNames() {
        assertProblem(r -> r.url(URL).forwardResponseHeader("ETag").forwardResponseHeader("X Id"), "processors[1]."
                + "forwardResponseHeaders[1] 'X Id' is not a header name; use an HTTP token: letters, digits and "
                + "!#$%&'*+-.^_`|~");
    }

    // --- timeouts, redirects, statuses

    @Test
    void timeoutsAreZeroToADay() {
        assertProblem(r -> r.url(URL).connectTimeout(Duration.ofSeconds(-1)).readTimeout(Duration.ofHours(25))
                .totalTimeout(Duration.ofDays(2)),
                "processors[1].connectTimeout 'PT-1S' is out of range; use PT0S (no limit) to PT24H",
                "processors[1].readTimeout 'PT25H' is out of range; use PT0S (no limit) to PT24H",
                "processors[1].totalTimeout 'PT48H' is out of range; use PT0S (no limit) to PT24H");
        assertThat(valid(r -> r.url(URL).connectTimeout(Duration.ZERO).totalTimeout(Duration.ofHours(24)))
                .totalTimeout()).contains(Duration.ofHours(24));
    }

    @Test
    void maxRedirectsIsZeroToTwenty() {
        assertProblem(r -> r.url(URL).maxRedirects(-1), "processors[1].maxRedirects '-1' is out of range; use 0 to 20 "
                + "(followRedirects false follows none)");
        assertProblem(r -> r.url(URL).maxRedirects(21), "processors[1].maxRedirects '21' is out of range; use 0 to 20 "
                + "(followRedirects false follows none)");
    }

    @Test
    void expectedStatusCodesAreHttpStatuses() {
        assertProblem(r -> r.url(URL).expectedStatusCodes(99, 200, 600), "processors[1].expectedStatusCodes[0] '99' "
                + "is not an HTTP status; use 100 to 599", "processors[1].expectedStatusCodes[2] '600' is not an HTTP "
                + "status; use 100 to 599");
    }

    // --- retry policy

    @Test
    void retriesWaitAtLeastOneSecond() {
        assertProblem(r -> r.url(URL).retryPolicy(p -> p.initial(Duration.ofMillis(500))), "processors[1].retryPolicy."
                + "initial 'PT0.5S' is shorter than PT1S, the shortest wait between two tries; use PT1S or more (or "
                + "deadline PT0S for no retries)");
    }

    @Test
    void withoutRetriesTheInitialWaitDoesNotMatter() {
        assertThat(valid(r -> r.url(URL).retryPolicy(p -> p.initial(Duration.ZERO).deadline(Duration.ZERO)))
                .retryPolicy().orElseThrow().deadline()).isZero();
    }

    @Test
    void theMaximumWaitIsAtLeastTheInitialOne() {
        assertProblem(r -> r.url(URL).retryPolicy(p -> p.initial(Duration.ofSeconds(5)).maximum(Duration.ofSeconds(2))),
                "processors[1].retryPolicy.maximum 'PT2S' is shorter than initial (PT5S); use initial or more");
    }

    @Test
    void theMultiplierIsOneToTen() {
        assertProblem(r -> r.url(URL).retryPolicy(p -> p.multiplier(0.5)), "processors[1].retryPolicy.multiplier "
                + "'0.5' is out of range; use 1.0 (a constant wait) to 10.0");
        assertProblem(r -> r.url(URL).retryPolicy(p -> p.multiplier(10.5)), "processors[1].retryPolicy.multiplier "
                + "'10.5' is out of range; use 1.0 (a constant wait) to 10.0");
    }

    @Test
    void theDeadlineIsAtMostAnHour() {
        assertProblem(r -> r.url(URL).retryPolicy(p -> p.deadline(Duration.ofMinutes(61))), "processors[1]."
                + "retryPolicy.deadline 'PT1H1M' is out of range; use PT0S (no retries) to PT1H");
    }

    @Test
    void retriedStatusCodesAreHttpStatuses() {
        assertProblem(r -> r.url(URL).retryPolicy(p -> p.statusCodes(503, 1000)), "processors[1].retryPolicy."
                + "statusCodes[1] '1000' is not an HTTP status; use 100 to 599");
    }

    // --- cache

    @Test
    void theCacheTtlIsOneSecondToADay() {
        assertProblem(r -> r.url(URL).cache(c -> c.ttl(Duration.ofMillis(999))), "processors[1].cache.ttl 'PT0.999S' "
                + "is out of range; use PT1S to P1D");
        assertProblem(r -> r.url(URL).cache(c -> c.ttl(Duration.ofDays(1).plusSeconds(1))), "processors[1].cache.ttl "
                + "'PT24H1S' is out of range; use PT1S to P1D");
    }

    @Test
    void theCacheBoundsArePositive() {
        assertProblem(r -> r.url(URL).cache(c -> c.ttl(Duration.ofMinutes(1)).maxEntries(0).maxBytes(0)),
                "processors[1].cache.maxEntries '0' must be 1 or more", "processors[1].cache.maxBytes '0' must be 1 or "
                        + "more");
    }

    @Test
    void onlyGetAndHeadAreCached() {
        assertProblem(r -> r.url(URL).method(RestMethod.PUT).cache(c -> c.ttl(Duration.ofMinutes(1))),
                "processors[1].cache is set on a 'PUT' call; only GET and HEAD answers are cached (a cached call would "
                        + "skip its effect), so use method GET or HEAD, or remove cache");
        assertThat(valid(r -> r.url(URL).method(RestMethod.HEAD).cache(c -> c.ttl(Duration.ofMinutes(1)))).cache())
                .isPresent();
    }

    @Test
    void aCallWithABodyIsAPostAndNotCached() {
        assertProblem(r -> r.url(URL).body("payload").cache(c -> c.ttl(Duration.ofMinutes(1))), "processors[1].cache "
                + "is set on a call with a body, which is a POST; only GET and HEAD answers are cached (a cached call "
                + "would skip its effect), so remove the body or the cache");
    }

    // --- multipart

    @Test
    void aMultipartBodyHasParts() {
        assertProblem(r -> r.url(URL).multipart(m -> m.contentType("multipart/form-data")), "processors[1].multipart."
                + "parts must not be empty; add at least one part");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ends-in-space ", "no\"quotes", "an-umlaut-\u00e4"})
    void theBoundaryIsAnRfc2046Boundary(String boundary) {
        assertProblem(r -> r.url(URL).multipart(m -> m.boundary(boundary).part("f", p -> p.value("x"))),
                "processors[1].multipart.boundary '" + boundary + "' is not an RFC 2046 boundary; use 1 to 70 "
                        + "letters, digits, spaces and '()+_,-./:=? characters, not ending in a space");
    }

    @Test
    void theBoundaryIsAtMostSeventyCharacters() {
        String seventy = "b".repeat(70);
        assertThat(valid(r -> r.url(URL).multipart(m -> m.boundary(seventy).part("f", p -> p.value("x"))))
                .multipart().orElseThrow().boundary()).contains(seventy);
        assertProblem(r -> r.url(URL).multipart(m -> m.boundary(seventy + "b").part("f", p -> p.value("x"))),
                "processors[1].multipart.boundary '" + "b".repeat(60) + "...' is not an RFC 2046 boundary; use 1 to 70 "
                        + "letters, digits, spaces and '()+_,-./:=? characters, not ending in a space");
    }

    @Test
    void theContentTypeCarriesNoBoundary() {
        assertProblem(r -> r.url(URL).multipart(m -> m.contentType("multipart/mixed; Boundary=x")
                .part("f", p -> p.value("x"))), "processors[1].multipart.contentType 'multipart/mixed; Boundary=x' "
                + "carries a boundary parameter; set boundary instead (it is added to the content type)");
        assertProblem(r -> r.url(URL).multipart(m -> m.contentType("").part("f", p -> p.value("x"))),
                "processors[1].multipart.contentType is empty; give a media type such as multipart/form-data, or "
                        + "leave it out for multipart/mixed");
    }

    @Test
    void theContentTypeIsOneLine() {
        assertProblem(r -> r.url(URL).multipart(m -> m.contentType("multipart/form-data\r\nX-Evil: 1")
                .part("f", p -> p.value("x"))), "processors[1].multipart.contentType contains a line break or another "
                + "control character; a header value is one line of text");
    }

    @Test
    void aPartHasANameAndExactlyOneOfValueAndContent() {
        assertProblem(r -> r.url(URL).multipart(m -> m
                        .part("", p -> p.value("x"))
                        .part("both", p -> p.value("x").content("payload"))
                        .part("neither", p -> p.contentType("text/plain"))),
                "processors[1].multipart.parts[0].name is required; the part's name in its Content-Disposition",
                "processors[1].multipart.parts[1].content cannot be combined with value; set value (text) or content "
                        + "(a file), not both",
                "processors[1].multipart.parts[2] has neither value nor content; set value (text) or content (a file)");
    }

    @Test
    void aFilenameBelongsToContent() {
        assertProblem(r -> r.url(URL).multipart(m -> m.part("f", p -> p.value("x").filename("report.txt"))),
                "processors[1].multipart.parts[0].filename 'report.txt' is set without content; a filename belongs to "
                        + "a file part, so set content or remove filename");
    }

    @Test
    void partValuesAndFilenamesAreTemplatesAndContentIsJsonata() {
        assertProblem(r -> r.url(URL).multipart(m -> m
                        .part("text", p -> p.value("{payload.(}"))
                        .part("file", p -> p.content("payload.(").filename("{ }"))),
                "processors[1].multipart.parts[0].value '{payload.(}' has the placeholder '{payload.(}', which is not "
                        + "a valid JSONata expression: " + BROKEN_JSONATA,
                "processors[1].multipart.parts[1].content 'payload.(' is not a valid JSONata expression: "
                        + BROKEN_JSONATA,
                "processors[1].multipart.parts[1].filename '{ }' has an empty placeholder at position 0; write '{{' "
                        + "for a literal brace");
    }

    @Test
    void partHeadersAreOneLine() {
        assertProblem(r -> r.url(URL).multipart(m -> m.part("f", p -> p.value("x")
                        .contentDisposition("form-data\r\nX-Evil: 1"))),
                "processors[1].multipart.parts[0].contentDisposition has a line break; a part header is one line");
    }

    @Test
    void theSeedsFullMultipartExampleIsValid() {
        // when
        RestRequestSpec spec = valid(r -> r.url("https://httpbin.org/post").method(RestMethod.POST)
                .multipart(m -> m.contentType("application/my-custom-content-type").boundary("my-custom-boundary")
                        .part("string-field", p -> p.value("<pre>spam & eggs</pre>").contentType("text/html")
                                .contentDisposition(false).contentLength(false))
                        .part("file", p -> p.filename("report.txt").content("payload")
                                .contentDisposition("form-data; filename=\"report.txt\""))));

        // then
        assertThat(spec.multipart().orElseThrow().parts()).extracting(MultipartPartSpec::contentDisposition)
                .containsExactly(PartHeader.OMITTED, new PartHeader.Custom("form-data; filename=\"report.txt\""));
    }

    // --- auth

    @Test
    void secretNamesAreNamesAndAreNeverShown() {
        assertProblem(r -> r.url(URL).auth(a -> a.bearer("ghp_Zx9 s3cr3t/value")), "processors[1].auth."
                + "tokenSecretName does not match [a-zA-Z][a-zA-Z0-9._-]{0,63}, the form of a secret name (the value "
                + "is not shown: it may be a secret pasted by mistake); name a secret of the server's store");
        assertProblem(r -> r.url(URL).auth(a -> a.apiKey("X-Api-Key", "")), "processors[1].auth.apiKeySecretName is "
                + "required; the name of a secret in the server's store, matching [a-zA-Z][a-zA-Z0-9._-]{0,63}");
        assertProblem(r -> r.url(URL).auth(a -> a.basic("svc", "a".repeat(65))), "processors[1].auth."
                + "passwordSecretName does not match [a-zA-Z][a-zA-Z0-9._-]{0,63}, the form of a secret name (the "
                + "value is not shown: it may be a secret pasted by mistake); name a secret of the server's store");
    }

    @Test
    void aBasicUserNameIsNotEmptyAndHasNoColonWhichIsNeverShown() {
        assertProblem(r -> r.url(URL).auth(a -> a.basic("", "svc-password")), "processors[1].auth.username is "
                + "required");
        assertProblem(r -> r.url(URL).auth(a -> a.basic("svc:hunter2", "svc-password")), "processors[1].auth."
                + "username contains ':', which HTTP Basic cannot carry in a user name (the value is not shown: it may "
                + "hold a password); the password goes in the secret passwordSecretName names");
    }

    @Test
    void anApiKeyHeaderIsATokenOtherThanAuthorization() {
        assertProblem(r -> r.url(URL).auth(a -> a.apiKey("Authorization", "crm-key")), "processors[1].auth.headerName "
                + "'Authorization' is not allowed; for the Authorization header use bearer or basic, or a header of "
                + "its own such as X-Api-Key");
        assertProblem(r -> r.url(URL).auth(a -> a.apiKey("Api Key", "crm-key")), "processors[1].auth.headerName "
                + "'Api Key' is not a header name; use an HTTP token: letters, digits and !#$%&'*+-.^_`|~");
        assertProblem(r -> r.url(URL).auth(a -> a.apiKey("Host", "crm-key")), "processors[1].auth.headerName 'Host' "
                + "is not allowed; the HTTP client sets it from the target");
        assertProblem(r -> r.url(URL).auth(a -> a.apiKey("", "crm-key")), "processors[1].auth.headerName is "
                + "required; the header that carries the key, such as X-Api-Key");
    }

    @Test
    void oauth2NamesExactlyOneOfTokenUrlAndIssuer() {
        assertProblem(r -> r.url(URL).auth(a -> a.oauth2ClientCredentials(o -> o.clientId("fs")
                .clientSecretName("fs-secret"))), "processors[1].auth has neither tokenUrl nor issuer; set the token "
                + "endpoint in tokenUrl, or an OpenID Connect issuer in issuer");
        assertProblem(r -> r.url(URL).auth(a -> a.oauth2ClientCredentials(o -> o.clientId("fs")
                .clientSecretName("fs-secret").tokenUrl("https://login.example.com/token")
                .issuer("https://login.example.com"))), "processors[1].auth.issuer cannot be combined with tokenUrl; "
                + "set tokenUrl or issuer, not both");
    }

    @Test
    void oauth2EndpointsAreAbsoluteHttpUrls() {
        assertProblem(r -> r.url(URL).auth(a -> a.oauth2ClientCredentials(o -> o.clientId("fs")
                .clientSecretName("fs-secret").tokenUrl("/oauth2/token"))), "processors[1].auth.tokenUrl "
                + "'/oauth2/token' is not an absolute https or http URL; write one such as "
                + "https://login.example.com/oauth2/token");
        assertProblem(r -> r.url(URL).auth(a -> a.oauth2ClientCredentials(o -> o.clientId("fs")
                .clientSecretName("fs-secret").issuer("ldap://login.example.com"))), "processors[1].auth.issuer "
                + "'ldap://login.example.com' is not an absolute https or http URL; write one such as "
                + "https://login.example.com/realms/acme");
    }

    @Test
    void oauth2EndpointsCarryNoUserInformationAndDoNotShowIt() {
        assertProblem(r -> r.url(URL).auth(a -> a.oauth2ClientCredentials(o -> o.clientId("fs")
                .clientSecretName("fs-secret").tokenUrl("https://fs:hunter2@login.example.com/token"))),
                "processors[1].auth.tokenUrl has user information (user:password@) before its host; the client's "
                        + "credentials go in clientId and clientSecretName (the URL is not shown: it may hold a "
                        + "password)");
    }

    @Test
    void oauth2EndpointsHaveNoFragmentAndAnIssuerNoQuery() {
        assertProblem(r -> r.url(URL).auth(a -> a.oauth2ClientCredentials(o -> o.clientId("fs")
                .clientSecretName("fs-secret").tokenUrl("https://login.example.com/token#top"))),
                "processors[1].auth.tokenUrl 'https://login.example.com/token#top' has a fragment (#...); a request "
                        + "never sends one, leave it out");
        assertProblem(r -> r.url(URL).auth(a -> a.oauth2ClientCredentials(o -> o.clientId("fs")
                .clientSecretName("fs-secret").issuer("https://login.example.com/?realm=acme"))),
                "processors[1].auth.issuer 'https://login.example.com/?realm=acme' has a query; an OpenID Connect "
                        + "issuer has none, give the issuer exactly");
    }

    @Test
    void oauth2NeedsAClientIdAndNoEmptyOptions() {
        assertProblem(r -> r.url(URL).auth(a -> a.oauth2ClientCredentials(o -> o.issuer("https://login.example.com")
                .clientSecretName("fs-secret").scope("").audience(" "))),
                "processors[1].auth.clientId is required",
                "processors[1].auth.scope is empty; leave it out to ask for no scope",
                "processors[1].auth.audience is empty; leave it out to ask for no audience");
    }

    @Test
    void everyProblemOfACallIsReportedAtOnce() {
        // when
        InvalidFlowException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidFlowException.class,
                () -> flow(r -> r.hostname("{payload.host}").port(0).header("Host", "x").maxRedirects(99)
                        .retryPolicy(p -> p.initial(Duration.ofMillis(10)))));

        // then
        assertThat(e.problems()).extracting(Problem::path).containsExactly("processors[1].hostname",
                "processors[1].port", "processors[1].headers.Host", "processors[1].maxRedirects",
                "processors[1].retryPolicy.initial");
        assertThat(e.problems().get(4).pointer()).isEqualTo("/processors/1/retryPolicy/initial");
    }

    private static RestRequestSpec valid(Consumer<RestRequestBuilder> configurator) {
        return (RestRequestSpec) flow(configurator).processors().get(1);
    }

    private static FlowSpec flow(Consumer<RestRequestBuilder> configurator) {
        return Flow.define("calls", f -> f.ownerId("acme").restApi("calls-in").restRequest("call-it", configurator));
    }

    private static void assertProblem(Consumer<RestRequestBuilder> configurator, String... problems) {
        assertThatThrownBy(() -> flow(configurator))
                .isInstanceOf(InvalidFlowException.class)
                .hasMessage(expected(problems));
    }

    private static void assertJsonProblem(String fields, String... problems) {
        String json = "{\"id\": \"calls\", \"ownerId\": \"acme\", \"processors\": [{\"type\": \"restApi\", "
                + "\"id\": \"calls-in\"}, {\"type\": \"restRequest\", \"id\": \"call-it\", " + fields + "}]}";
        assertThatThrownBy(() -> FlowJson.read(json))
                .isInstanceOf(InvalidFlowException.class)
                .hasMessage(expected(problems));
    }

    private static String expected(String... problems) {
        String count = problems.length == 1 ? "1 problem" : problems.length + " problems";
        return "Flow 'calls' is invalid (" + count + "): " + String.join("; ", problems);
    }
}
