package org.flowserver.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RestRequestBuilderTest {

    /** The Java example of design record 0002 §3, verbatim. */
    static FlowSpec designExample() {
        return Flow.define("order-sync", f -> f
                .ownerId("acme")
                .restApi("orders-in")
                .restRequest("get-customer", r -> r
                        .service("crm").path("customers/{payload.customerId}")       // or .url("crm://customers/{...}")
                        .queryParameter("expand", "addresses").header("Accept", "application/json")
                        .readTimeout(Duration.ofSeconds(5)).expectedStatusCodes(200, 404)
                        .onError(OnError.CONTINUE).output(RestOutput.ENVELOPE)
                        .cache(c -> c.ttl(Duration.ofMinutes(5)).maxEntries(1000)).forwardResponseHeader("ETag"))
                .restRequest("upload", r -> r
                        .scheme("http").hostname("files.internal").port(8081).basePath("anything").path("some/path")
                        .method(RestMethod.POST)                                       // the default with a body anyway
                        .auth(a -> a.oauth2ClientCredentials(o -> o.issuer("https://login.example.com/realms/acme")
                                .clientId("flowserver").clientSecretName("files-client-secret").scope("files.write")))
                        .retryPolicy(p -> p.initial(Duration.ofSeconds(1)).maximum(Duration.ofSeconds(60)).multiplier(2.0)
                                .deadline(Duration.ofMinutes(10)).statusCodes(502, 503, 504).retryNonIdempotent(true))
                        .multipart(m -> m.contentType("application/my-custom-content-type").boundary("my-custom-boundary")
                                .part("string-field", p -> p.value("<pre>spam & eggs</pre>").contentType("text/html")
                                        .contentDisposition(false).contentLength(false))
                                .part("file", p -> p.filename("report.txt").content("payload")
                                        .contentDisposition("form-data; filename=\"report.txt\"")))));
    }

    @Test
    void buildsTheServiceCallOfTheDesignExample() {
        // when
        RestRequestSpec spec = (RestRequestSpec) designExample().processors().get(1);

        // then
        assertThat(spec).isEqualTo(new RestRequestSpec(CommonProperties.of("get-customer"),
                new RestTarget.Service("crm", "customers/{payload.customerId}"), Optional.empty(),
                Map.of("Accept", List.of("application/json")), Map.of("expand", List.of("addresses")), Map.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(Duration.ofSeconds(5)), Optional.empty(), Optional.empty(), OptionalInt.empty(),
                List.of(200, 404), Optional.empty(), OnError.CONTINUE, RestOutput.ENVELOPE, List.of("ETag"),
                Optional.of(new ResponseCacheSpec(Duration.ofMinutes(5), 1000, ResponseCacheSpec.DEFAULT_MAX_BYTES))));
    }

    @Test
    void buildsTheUploadCallOfTheDesignExample() {
        // when
        RestRequestSpec spec = (RestRequestSpec) designExample().processors().get(2);

        // then
        MultipartSpec multipart = new MultipartSpec(Optional.of("application/my-custom-content-type"),
                Optional.of("my-custom-boundary"), List.of(
                new MultipartPartSpec("string-field", Optional.of("<pre>spam & eggs</pre>"), Optional.empty(),
                        Optional.empty(), new PartHeader.Custom("text/html"), PartHeader.OMITTED, PartHeader.OMITTED),
                new MultipartPartSpec("file", Optional.empty(), Optional.of("payload"), Optional.of("report.txt"),
                        PartHeader.DEFAULT, new PartHeader.Custom("form-data; filename=\"report.txt\""),
                        PartHeader.DEFAULT)));
        RestAuthSpec auth = new RestAuthSpec.OAuth2ClientCredentials(Optional.empty(),
                Optional.of("https://login.example.com/realms/acme"), "flowserver", "files-client-secret",
                Optional.of("files.write"), Optional.empty(), RestAuthSpec.ClientAuthentication.BASIC);
        RetryPolicySpec retry = new RetryPolicySpec(Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0,
                Duration.ofMinutes(10), List.of(502, 503, 504), true);
        assertThat(spec).isEqualTo(new RestRequestSpec(CommonProperties.of("upload"),
                new RestTarget.Parts("http", "files.internal", OptionalInt.of(8081), "anything", "some/path"),
                Optional.of(RestMethod.POST), Map.of(), Map.of(), Map.of(), Optional.empty(), Optional.of(multipart),
                Optional.of(auth), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                OptionalInt.empty(), List.of(), Optional.of(retry), OnError.BREAK_FLOW, RestOutput.BODY, List.of(),
                Optional.empty()));
    }

    @Test
    void leavesEverySettingOutByDefault() {
        // when
        RestRequestSpec spec = only(r -> r.url("https://api.example.com/status"));

        // then
        assertThat(spec).isEqualTo(new RestRequestSpec(CommonProperties.of("call-it"),
                new RestTarget.Url("https://api.example.com/status"), Optional.empty(), Map.of(), Map.of(), Map.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), OptionalInt.empty(), List.of(), Optional.empty(),
                OnError.BREAK_FLOW, RestOutput.BODY, List.of(), Optional.empty()));
    }

    @Test
    void hostnameTargetDefaultsToHttpsWithoutPortOrPath() {
        // when
        RestRequestSpec spec = only(r -> r.hostname("httpbin.org"));

        // then
        assertThat(spec.target()).isEqualTo(new RestTarget.Parts("https", "httpbin.org", OptionalInt.empty(), "", ""));
    }

    @Test
    void theSeedsUrlPartsExampleIsExpressible() {
        // when
        RestRequestSpec spec = only(r -> r.scheme("https").hostname("httpbin.org").basePath("anything")
                .path("some/path").queryParameter("query", "parameter"));

        // then
        assertThat(spec.target()).isEqualTo(new RestTarget.Parts("https", "httpbin.org", OptionalInt.empty(),
                "anything", "some/path"));
        assertThat(spec.queryParameters()).containsExactly(Map.entry("query", List.of("parameter")));
    }

    @Test
    void repeatedHeadersAddValuesUnderTheFirstSpellingOfTheName() {
        // when
        RestRequestSpec spec = only(r -> r.url("https://api.example.com/").header("Accept", "application/json")
                .header("accept", "text/plain").header("X-Trace", "{$id}"));

        // then
        assertThat(spec.headers()).containsExactly(Map.entry("Accept", List.of("application/json", "text/plain")),
                Map.entry("X-Trace", List.of("{$id}")));
    }

    @Test
    void repeatedQueryParametersAddValuesAndNamesAreExact() {
        // when
        RestRequestSpec spec = only(r -> r.url("https://api.example.com/").queryParameter("tag", "a")
                .queryParameter("tag", "b").queryParameter("Tag", "c"));

        // then
        assertThat(spec.queryParameters()).containsExactly(Map.entry("tag", List.of("a", "b")),
                Map.entry("Tag", List.of("c")));
    }

    @Test
    void aRepeatedCookieReplacesTheEarlierValue() {
        // when
        RestRequestSpec spec = only(r -> r.url("https://api.example.com/").cookie("region", "us")
                .cookie("region", "eu").cookie("lang", "de"));

        // then
        assertThat(spec.cookies()).containsExactly(Map.entry("region", "eu"), Map.entry("lang", "de"));
    }

    @Test
    void expectedStatusCodesReplacesAndExpectedStatusCodeAdds() {
        // when
        RestRequestSpec spec = only(r -> r.url("https://api.example.com/").expectedStatusCode(201)
                .expectedStatusCodes(200, 404).expectedStatusCode(409));

        // then
        assertThat(spec.expectedStatusCodes()).containsExactly(200, 404, 409);
    }

    @Test
    void retryPolicySettingsLeftOutTakeTheDefaults() {
        // when
        RestRequestSpec spec = only(r -> r.url("https://api.example.com/")
                .retryPolicy(p -> p.deadline(Duration.ofMinutes(1))));

        // then
        assertThat(spec.retryPolicy()).contains(new RetryPolicySpec(Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0,
                Duration.ofMinutes(1), List.of(502, 503, 504), false));
    }

    @Test
    void cacheSizeBoundsDefault() {
        // when
        RestRequestSpec spec = only(r -> r.url("https://api.example.com/").cache(c -> c.ttl(Duration.ofMinutes(1))));

        // then
        assertThat(spec.cache()).contains(new ResponseCacheSpec(Duration.ofMinutes(1), 1000, 16L * 1024 * 1024));
    }

    @Test
    void eachAuthKindBuildsItsSpec() {
        assertThat(only(r -> r.url("https://a.example.com/").auth(RestAuthBuilder::none)).auth())
                .contains(new RestAuthSpec.None());
        assertThat(only(r -> r.url("https://a.example.com/").auth(a -> a.basic("svc", "a-password"))).auth())
                .contains(new RestAuthSpec.Basic("svc", "a-password"));
        assertThat(only(r -> r.url("https://a.example.com/").auth(a -> a.bearer("github-token"))).auth())
                .contains(new RestAuthSpec.Bearer("github-token"));
        assertThat(only(r -> r.url("https://a.example.com/").auth(a -> a.apiKey("X-Api-Key", "a-key"))).auth())
                .contains(new RestAuthSpec.ApiKey("X-Api-Key", "a-key"));
        assertThat(only(r -> r.url("https://a.example.com/").auth(a -> a.oauth2ClientCredentials(o -> o
                .tokenUrl("https://login.example.com/token").clientId("fs").clientSecretName("fs-secret")
                .audience("api").clientAuthentication(RestAuthSpec.ClientAuthentication.POST)))).auth())
                .contains(new RestAuthSpec.OAuth2ClientCredentials(Optional.of("https://login.example.com/token"),
                        Optional.empty(), "fs", "fs-secret", Optional.empty(), Optional.of("api"),
                        RestAuthSpec.ClientAuthentication.POST));
    }

    @Test
    void theSeedsBasicMultipartExampleIsExpressible() {
        // when
        RestRequestSpec spec = only(r -> r.url("https://httpbin.org/post").method(RestMethod.POST)
                .multipart(m -> m
                        .part("string-field", p -> p.value("spam & eggs"))
                        .part("file", p -> p.filename("report.txt").content("payload"))));

        // then
        assertThat(spec.multipart()).contains(new MultipartSpec(Optional.empty(), Optional.empty(), List.of(
                new MultipartPartSpec("string-field", Optional.of("spam & eggs"), Optional.empty(), Optional.empty(),
                        PartHeader.DEFAULT, PartHeader.DEFAULT, PartHeader.DEFAULT),
                new MultipartPartSpec("file", Optional.empty(), Optional.of("payload"), Optional.of("report.txt"),
                        PartHeader.DEFAULT, PartHeader.DEFAULT, PartHeader.DEFAULT))));
    }

    @Test
    void partHeadersTrueMeansTheDefaultAndACustomLengthIsKept() {
        // when
        RestRequestSpec spec = only(r -> r.url("https://httpbin.org/post").multipart(m -> m
                .part("file", p -> p.content("payload").contentType("application/pdf").contentType(true)
                        .contentDisposition(false).contentDisposition(true).contentLength("608"))));

        // then
        MultipartPartSpec part = spec.multipart().orElseThrow().parts().get(0);
        assertThat(part.contentType()).isEqualTo(PartHeader.DEFAULT);
        assertThat(part.contentDisposition()).isEqualTo(PartHeader.DEFAULT);
        assertThat(part.contentLength()).isEqualTo(new PartHeader.Custom("608"));
    }

    @Test
    void twoTargetsAreAProblemOfTheSecond() {
        assertThatThrownBy(() -> flow(r -> r.url("https://api.example.com/a").hostname("files.internal")))
                .isInstanceOf(InvalidFlowException.class)
                .hasMessage("Flow 'calls' is invalid (1 problem): processors[1].hostname 'files.internal' cannot be "
                        + "combined with url; set exactly one of url, hostname or service");
    }

    @Test
    void threeTargetsAreTwoProblemsWhicheverOrderTheyWereSetIn() {
        // when
        InvalidFlowException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidFlowException.class,
                () -> flow(r -> r.service("crm").hostname("files.internal").url("crm://customers")));

        // then
        assertThat(e.problems()).containsExactly(
                new Problem("processors[1].hostname", "'files.internal' cannot be combined with url; set exactly one "
                        + "of url, hostname or service"),
                new Problem("processors[1].service", "'crm' cannot be combined with url; set exactly one of url, "
                        + "hostname or service"));
    }

    @Test
    void urlPartsNextToAUrlAreProblems() {
        assertThatThrownBy(() -> flow(r -> r.url("https://api.example.com/a").scheme("http").port(8080)
                .basePath("v1").path("b")))
                .hasMessage("Flow 'calls' is invalid (4 problems): "
                        + "processors[1].scheme 'http' cannot be combined with url; write the whole URL in url, or use "
                        + "hostname with scheme, port, basePath and path; "
                        + "processors[1].port '8080' cannot be combined with url; write the whole URL in url, or use "
                        + "hostname with scheme, port, basePath and path; "
                        + "processors[1].basePath 'v1' cannot be combined with url; write the whole URL in url, or use "
                        + "hostname with scheme, port, basePath and path; "
                        + "processors[1].path 'b' cannot be combined with url; write the whole URL in url, or use "
                        + "hostname with scheme, port, basePath and path");
    }

    @Test
    void urlPartsNextToAServiceAreProblemsButPathIsNot() {
        assertThatThrownBy(() -> flow(r -> r.service("crm").path("customers").scheme("http").port(8080)
                .basePath("v1")))
                .hasMessage("Flow 'calls' is invalid (3 problems): "
                        + "processors[1].scheme 'http' cannot be combined with service; the service's base URL sets "
                        + "the scheme, host, port and base path; "
                        + "processors[1].port '8080' cannot be combined with service; the service's base URL sets "
                        + "the scheme, host, port and base path; "
                        + "processors[1].basePath 'v1' cannot be combined with service; the service's base URL sets "
                        + "the scheme, host, port and base path");
    }

    @Test
    void builderProblemsComeFirstThenTheRules() {
        assertThatThrownBy(() -> flow(r -> r.url("https://api.example.com/a").service("crm").maxRedirects(21)))
                .hasMessage("Flow 'calls' is invalid (2 problems): "
                        + "processors[1].service 'crm' cannot be combined with url; set exactly one of url, hostname "
                        + "or service; "
                        + "processors[1].maxRedirects '21' is out of range; use 0 to 20 (followRedirects false follows "
                        + "none)");
    }

    @Test
    void anAuthWithoutAKindIsAProblem() {
        assertThatThrownBy(() -> flow(r -> r.url("https://api.example.com/a").auth(a -> { })))
                .hasMessage("Flow 'calls' is invalid (1 problem): processors[1].auth chooses no credentials; call one "
                        + "of none(), basic(...), bearer(...), apiKey(...) or oauth2ClientCredentials(...)");
    }

    @Test
    void anAuthWithTwoKindsIsAProblem() {
        assertThatThrownBy(() -> flow(r -> r.url("https://api.example.com/a").auth(a -> {
            a.basic("svc", "svc-password");
            a.bearer("svc-token");
        })))
                .hasMessage("Flow 'calls' is invalid (1 problem): processors[1].auth chooses basic and bearer; a call "
                        + "has one kind of credentials, so call one of none(), basic(...), bearer(...), apiKey(...) or "
                        + "oauth2ClientCredentials(...)");
    }

    @Test
    void aCacheWithoutTtlIsAProblem() {
        assertThatThrownBy(() -> flow(r -> r.url("https://api.example.com/a").cache(c -> c.maxEntries(10))))
                .hasMessage("Flow 'calls' is invalid (1 problem): processors[1].cache.ttl is required; how long an "
                        + "answer is kept, PT1S to P1D");
    }

    @Test
    void aCallWithoutTargetIsAProblem() {
        assertThatThrownBy(() -> flow(r -> r.method(RestMethod.GET)))
                .hasMessage("Flow 'calls' is invalid (1 problem): processors[1] has no target; set exactly one of url, "
                        + "hostname or service");
    }

    private static RestRequestSpec only(Consumer<RestRequestBuilder> configurator) {
        return (RestRequestSpec) flow(configurator).processors().get(1);
    }

    private static FlowSpec flow(Consumer<RestRequestBuilder> configurator) {
        return Flow.define("calls", f -> f.ownerId("acme").restApi("calls-in").restRequest("call-it", configurator));
    }
}
