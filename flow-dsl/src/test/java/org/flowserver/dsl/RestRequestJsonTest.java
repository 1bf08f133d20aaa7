package org.flowserver.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestRequestJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The JSON example of design record 0002 §3, verbatim, in a flow. */
    private static final String DESIGN_EXAMPLE = """
            {"id": "order-sync", "ownerId": "acme", "processors": [{"type": "restApi", "id": "orders-in"},
            {"type": "restRequest", "id": "get-customer", "service": "crm", "path": "customers/{payload.customerId}",
             "method": "GET", "headers": {"Accept": "application/json"}, "queryParameters": {"expand": ["addresses"]},
             "cookies": {"region": "eu"}, "auth": {"type": "bearer", "tokenSecretName": "crm-token"},
             "connectTimeout": "PT5S", "readTimeout": "PT15S", "totalTimeout": "PT30S", "followRedirects": true,
             "maxRedirects": 10, "expectedStatusCodes": [200, 404], "retryPolicy": {"initial": "PT1S", "maximum": "PT60S",
             "multiplier": 2.0, "deadline": "PT10M", "statusCodes": [502, 503, 504], "retryNonIdempotent": false},
             "onError": "CONTINUE", "output": "ENVELOPE", "forwardResponseHeaders": ["ETag"], "cache": {"ttl": "PT5M"}}
            ]}
            """;

    /** The upload call of §3 in JSON, as the record's prose gives it. */
    private static final String UPLOAD_EXAMPLE = """
            {"id": "order-sync", "ownerId": "acme", "processors": [{"type": "restApi", "id": "orders-in"},
            {"type": "restRequest", "id": "upload", "scheme": "http", "hostname": "files.internal", "port": 8081,
             "basePath": "anything", "path": "some/path", "method": "POST",
             "multipart": {"contentType": "application/my-custom-content-type", "boundary": "my-custom-boundary",
                           "parts": [{"name": "string-field", "value": "<pre>spam & eggs</pre>", "contentType": "text/html",
                                      "contentDisposition": false, "contentLength": false},
                                     {"name": "file", "filename": "report.txt", "content": "payload",
                                      "contentDisposition": "form-data; filename=\\"report.txt\\""}]}}
            ]}
            """;

    @Test
    void readsTheDesignExampleAsTheDslBuildsIt() {
        // given
        FlowSpec expected = Flow.define("order-sync", f -> f.ownerId("acme").restApi("orders-in")
                .restRequest("get-customer", r -> r.service("crm").path("customers/{payload.customerId}")
                        .method(RestMethod.GET).header("Accept", "application/json")
                        .queryParameter("expand", "addresses").cookie("region", "eu")
                        .auth(a -> a.bearer("crm-token")).connectTimeout(Duration.ofSeconds(5))
                        .readTimeout(Duration.ofSeconds(15)).totalTimeout(Duration.ofSeconds(30))
                        .followRedirects(true).maxRedirects(10).expectedStatusCodes(200, 404)
                        .retryPolicy(p -> p.initial(Duration.ofSeconds(1)).maximum(Duration.ofSeconds(60))
                                .multiplier(2.0).deadline(Duration.ofMinutes(10)).statusCodes(502, 503, 504)
                                .retryNonIdempotent(false))
                        .onError(OnError.CONTINUE).output(RestOutput.ENVELOPE).forwardResponseHeader("ETag")
                        .cache(c -> c.ttl(Duration.ofMinutes(5)))));

        // when
        FlowSpec read = FlowJson.read(DESIGN_EXAMPLE);

        // then
        assertThat(read).isEqualTo(expected);
    }

    @Test
    void theDesignExampleSurvivesWriteAndRead() {
        // given
        FlowSpec read = FlowJson.read(DESIGN_EXAMPLE);

        // when
        FlowSpec again = FlowJson.read(FlowJson.write(read));

        // then
        assertThat(again).isEqualTo(read);
    }

    @Test
    void theDesignJavaExampleSurvivesJson() {
        // given
        FlowSpec flow = RestRequestBuilderTest.designExample();

        // when
        FlowSpec roundTripped = FlowJson.read(FlowJson.write(flow));

        // then
        assertThat(roundTripped).isEqualTo(flow);
    }

    @Test
    void readsTheUploadCallAsTheDslBuildsIt() {
        // given
        FlowSpec designExample = RestRequestBuilderTest.designExample();
        FlowSpec expected = Flow.define("order-sync", f -> f.ownerId("acme").restApi("orders-in")
                .restRequest("upload", r -> r.scheme("http").hostname("files.internal").port(8081)
                        .basePath("anything").path("some/path").method(RestMethod.POST)
                        .multipart(m -> m.contentType("application/my-custom-content-type")
                                .boundary("my-custom-boundary")
                                .part("string-field", p -> p.value("<pre>spam & eggs</pre>").contentType("text/html")
                                        .contentDisposition(false).contentLength(false))
                                .part("file", p -> p.filename("report.txt").content("payload")
                                        .contentDisposition("form-data; filename=\"report.txt\"")))));

        // when
        RestRequestSpec read = (RestRequestSpec) FlowJson.read(UPLOAD_EXAMPLE).processors().get(1);

        // then
        assertThat(read).isEqualTo(expected.processors().get(1));
        assertThat(read.multipart()).isEqualTo(((RestRequestSpec) designExample.processors().get(2)).multipart());
    }

    @Test
    void everySettingSurvivesJson() {
        // given
        FlowSpec flow = Flow.define("calls", f -> f.ownerId("acme").restApi("calls-in")
                .restRequest("by-url", r -> r.url("https://api.example.com/v1/orders/{payload.id}?x=1")
                        .method(RestMethod.PUT).header("X-Tag", "a").header("X-Tag", "{payload.tag}")
                        .queryParameter("q", "").cookie("session", "{$session}").body("payload")
                        .auth(a -> a.basic("svc", "svc-password")).connectTimeout(Duration.ZERO)
                        .readTimeout(Duration.ofMillis(1500)).totalTimeout(Duration.ofHours(24))
                        .followRedirects(false).maxRedirects(0).expectedStatusCode(204)
                        .retryPolicy(p -> p.deadline(Duration.ZERO)).onError(OnError.CONTINUE)
                        .output(RestOutput.NONE).forwardResponseHeader("ETag").forwardResponseHeader("Location")
                        .name("Update order").retainPayloadOnFailure(true))
                .restRequest("by-service", r -> r.url("crm://customers/{payload.customerId}")
                        .auth(a -> a.apiKey("X-Api-Key", "crm-key"))
                        .cache(c -> c.ttl(Duration.ofDays(1)).maxEntries(1).maxBytes(1)))
                .restRequest("by-parts", r -> r.hostname("[::1]").auth(RestAuthBuilder::none)
                        .multipart(m -> m.part("f", p -> p.content("payload").contentLength("12"))))
                .restRequest("oauth", r -> r.service("crm").auth(a -> a.oauth2ClientCredentials(o -> o
                        .tokenUrl("https://login.example.com/token").clientId("fs").clientSecretName("fs.secret")
                        .scope("read").audience("api")
                        .clientAuthentication(RestAuthSpec.ClientAuthentication.POST)))));

        // when
        String json = FlowJson.write(flow);

        // then
        assertThat(FlowJson.read(json)).isEqualTo(flow);
    }

    @Test
    void writesDurationsAsIsoTextAndValuesAsArrays() throws Exception {
        // when
        JsonNode call = MAPPER.readTree(FlowJson.write(FlowJson.read(DESIGN_EXAMPLE))).get("processors").get(1);

        // then
        assertThat(call.get("readTimeout").asText()).isEqualTo("PT15S");
        assertThat(call.get("retryPolicy").get("maximum").asText()).isEqualTo("PT1M");
        assertThat(call.get("cache").get("ttl").asText()).isEqualTo("PT5M");
        assertThat(call.get("headers")).isEqualTo(MAPPER.readTree("{\"Accept\": [\"application/json\"]}"));
        assertThat(call.get("queryParameters")).isEqualTo(MAPPER.readTree("{\"expand\": [\"addresses\"]}"));
        assertThat(call.get("auth")).isEqualTo(MAPPER.readTree("{\"type\": \"bearer\", \"tokenSecretName\": \"crm-token\"}"));
    }

    @Test
    void writesEveryFieldOfAFullCallWithTheDslNames() throws Exception {
        // given
        FlowSpec flow = FlowJson.read(DESIGN_EXAMPLE);

        // when
        JsonNode call = MAPPER.readTree(FlowJson.write(flow)).get("processors").get(1);

        // then
        assertThat(call).isEqualTo(MAPPER.readTree("""
                {"type": "restRequest", "id": "get-customer", "service": "crm", "path": "customers/{payload.customerId}",
                 "method": "GET", "headers": {"Accept": ["application/json"]}, "queryParameters": {"expand": ["addresses"]},
                 "cookies": {"region": "eu"}, "auth": {"type": "bearer", "tokenSecretName": "crm-token"},
                 "connectTimeout": "PT5S", "readTimeout": "PT15S", "totalTimeout": "PT30S", "followRedirects": true,
                 "maxRedirects": 10, "expectedStatusCodes": [200, 404], "retryPolicy": {"initial": "PT1S",
                 "maximum": "PT1M", "multiplier": 2.0, "deadline": "PT10M", "statusCodes": [502, 503, 504],
                 "retryNonIdempotent": false}, "onError": "CONTINUE", "output": "ENVELOPE",
                 "forwardResponseHeaders": ["ETag"], "cache": {"ttl": "PT5M", "maxEntries": 1000, "maxBytes": 16777216},
                 "retainPayloadOnFailure": false}
                """));
    }

    @Test
    void omitsAbsentSettingsButWritesTheChoices() throws Exception {
        // given
        FlowSpec flow = Flow.define("calls", f -> f.ownerId("acme").restApi("calls-in")
                .restRequest("call-it", r -> r.url("https://api.example.com/")));

        // when
        JsonNode call = MAPPER.readTree(FlowJson.write(flow)).get("processors").get(1);

        // then
        assertThat(call).isEqualTo(MAPPER.readTree("""
                {"type": "restRequest", "id": "call-it", "url": "https://api.example.com/", "onError": "BREAK_FLOW",
                 "output": "BODY", "retainPayloadOnFailure": false}
                """));
    }

    @Test
    void writesOmittedPartHeadersAsFalseAndCustomOnesAsText() throws Exception {
        // when
        JsonNode parts = MAPPER.readTree(FlowJson.write(RestRequestBuilderTest.designExample()))
                .get("processors").get(2).get("multipart").get("parts");

        // then
        assertThat(parts).isEqualTo(MAPPER.readTree("""
                [{"name": "string-field", "value": "<pre>spam & eggs</pre>", "contentType": "text/html",
                  "contentDisposition": false, "contentLength": false},
                 {"name": "file", "content": "payload", "filename": "report.txt",
                  "contentDisposition": "form-data; filename=\\"report.txt\\""}]
                """));
    }

    @Test
    void readsTrueAsTheDefaultPartHeader() {
        // when
        RestRequestSpec call = readCall("""
                "url": "https://httpbin.org/post",
                "multipart": {"parts": [{"name": "f", "content": "payload", "contentType": true}]}""");

        // then
        assertThat(call.multipart().orElseThrow().parts().get(0).contentType()).isEqualTo(PartHeader.DEFAULT);
    }

    @Test
    void readsASingleStringOrAnArrayForEachHeaderAndQueryValue() {
        // when
        RestRequestSpec call = readCall("""
                "url": "https://api.example.com/",
                "headers": {"Accept": "application/json", "X-Tag": ["a", "b"]},
                "queryParameters": {"q": "x", "tag": ["1", "2"]}""");

        // then
        assertThat(call.headers()).containsExactly(Map.entry("Accept", List.of("application/json")),
                Map.entry("X-Tag", List.of("a", "b")));
        assertThat(call.queryParameters()).containsExactly(Map.entry("q", List.of("x")),
                Map.entry("tag", List.of("1", "2")));
    }

    @Test
    void keepsAServiceUrlAsAUrl() {
        // when
        RestRequestSpec call = readCall("\"url\": \"crm://customers/1\"");

        // then
        assertThat(call.target()).isEqualTo(new RestTarget.Url("crm://customers/1"));
    }

    @Test
    void retryPolicyFieldsLeftOutTakeTheDefaults() {
        // when
        RestRequestSpec call = readCall("\"url\": \"https://api.example.com/\", \"retryPolicy\": {\"multiplier\": 3}");

        // then
        assertThat(call.retryPolicy()).contains(new RetryPolicySpec(Duration.ofSeconds(1), Duration.ofSeconds(60), 3.0,
                Duration.ofSeconds(600), List.of(502, 503, 504), false));
    }

    @Test
    void refusesUnknownFieldsAtEveryLevel() {
        assertThatThrownBy(() -> readCall("""
                "url": "https://api.example.com/", "timeout": "PT5S",
                "auth": {"type": "basic", "username": "svc", "password": "hunter2", "passwordSecretName": "svc-pw"},
                "multipart": {"parts": [{"name": "f", "content": "payload", "file": "report.txt"}], "type": "x"},
                "retryPolicy": {"initialDelay": "PT1S"}"""))
                .isInstanceOf(InvalidFlowException.class)
                .hasMessage("Flow 'calls' is invalid (5 problems): "
                        + "processors[1].timeout is not a property of a restRequest processor; known properties: type, "
                        + "id, name, exchangeProperties, retainPayloadOnFailure, messageLoggingStrategy, "
                        + "payloadArchivingStrategy, url, scheme, hostname, port, basePath, path, service, method, "
                        + "headers, queryParameters, cookies, body, multipart, auth, connectTimeout, readTimeout, "
                        + "totalTimeout, followRedirects, maxRedirects, expectedStatusCodes, retryPolicy, onError, "
                        + "output, forwardResponseHeaders, cache; "
                        + "processors[1].multipart.type is not a property of a multipart body; known properties: "
                        + "contentType, boundary, parts; "
                        + "processors[1].multipart.parts[0].file is not a property of a multipart part; known "
                        + "properties: name, value, content, filename, contentType, contentDisposition, contentLength; "
                        + "processors[1].auth.password is not a property of a basic auth; known properties: type, "
                        + "username, passwordSecretName; "
                        + "processors[1].retryPolicy.initialDelay is not a property of a retryPolicy; known "
                        + "properties: initial, maximum, multiplier, deadline, statusCodes, retryNonIdempotent");
    }

    @Test
    void reportsWrongTypesWithTheirPaths() {
        assertThatThrownBy(() -> readCall("""
                "url": "https://api.example.com/", "method": "get", "headers": {"Accept": 1, "X-Tag": ["a", 2]},
                "queryParameters": ["q"], "cookies": {"region": ["eu"]}, "connectTimeout": 5,
                "readTimeout": "5 seconds", "followRedirects": "yes", "maxRedirects": 1.5,
                "expectedStatusCodes": 200, "forwardResponseHeaders": ["ETag", 1],
                "multipart": {"parts": [{"name": "f", "content": "payload", "contentLength": 12}, "g"]}"""))
                .hasMessage("Flow 'calls' is invalid (13 problems): "
                        + "processors[1].method 'get' is not one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS; "
                        + "processors[1].headers.Accept must be a string or an array of strings, not a number; "
                        + "processors[1].headers.X-Tag[1] must be a string, not a number; "
                        + "processors[1].queryParameters must be an object of names to a string or an array of "
                        + "strings, not an array; "
                        + "processors[1].cookies.region must be a string, not an array; "
                        + "processors[1].multipart.parts[0].contentLength must be a string, or false to leave the "
                        + "header out, not a number; "
                        + "processors[1].multipart.parts[1] must be a part object, not a string; "
                        + "processors[1].connectTimeout must be an ISO-8601 duration such as \"PT5S\", not a number; "
                        + "processors[1].readTimeout '5 seconds' is not an ISO-8601 duration; write one such as PT5S, "
                        + "PT0.5S or PT10M; "
                        + "processors[1].followRedirects must be true or false, not a string; "
                        + "processors[1].maxRedirects must be an integer, not a number; "
                        + "processors[1].expectedStatusCodes must be an array of integers, not a number; "
                        + "processors[1].forwardResponseHeaders[1] must be a string, not a number");
    }

    @Test
    void anAuthNeedsAKnownType() {
        assertThatThrownBy(() -> readCall("\"url\": \"https://api.example.com/\", \"auth\": {\"type\": \"oauth\"}"))
                .hasMessage("Flow 'calls' is invalid (1 problem): processors[1].auth.type 'oauth' is not one of none, "
                        + "basic, bearer, apiKey, oauth2ClientCredentials");
        assertThatThrownBy(() -> readCall("\"url\": \"https://api.example.com/\", \"auth\": {\"tokenSecretName\": \"t\"}"))
                .hasMessage("Flow 'calls' is invalid (1 problem): processors[1].auth.type is required; one of none, "
                        + "basic, bearer, apiKey, oauth2ClientCredentials");
    }

    @Test
    void aCacheNeedsATtlAndNothingUnknown() {
        assertThatThrownBy(() -> readCall("\"url\": \"https://api.example.com/\", \"cache\": {\"maxEntries\": 5, "
                + "\"size\": 3}"))
                .hasMessage("Flow 'calls' is invalid (2 problems): processors[1].cache.size is not a property of a "
                        + "cache; known properties: ttl, maxEntries, maxBytes; processors[1].cache.ttl is required; how "
                        + "long an answer is kept, PT1S to P1D");
    }

    @Test
    void twoTargetsInJsonAreAProblem() {
        assertThatThrownBy(() -> readCall("\"url\": \"https://api.example.com/\", \"service\": \"crm\", \"port\": 8080"))
                .hasMessage("Flow 'calls' is invalid (2 problems): "
                        + "processors[1].service 'crm' cannot be combined with url; set exactly one of url, hostname or "
                        + "service; "
                        + "processors[1].port '8080' cannot be combined with url; write the whole URL in url, or use "
                        + "hostname with scheme, port, basePath and path");
    }

    @Test
    void aCallWithoutTargetInJsonIsAProblem() {
        assertThatThrownBy(() -> readCall("\"method\": \"GET\""))
                .hasMessage("Flow 'calls' is invalid (1 problem): processors[1] has no target; set exactly one of url, "
                        + "hostname or service");
    }

    @Test
    void rulesAreCheckedAfterReading() {
        assertThatThrownBy(() -> readCall("\"url\": \"ftp:/files\", \"maxRedirects\": 30"))
                .hasMessage("Flow 'calls' is invalid (2 problems): "
                        + "processors[1].url 'ftp:/files' is not an absolute URL; write https://host/path, "
                        + "http://host/path or <service>://path (or use service and path); "
                        + "processors[1].maxRedirects '30' is out of range; use 0 to 20 (followRedirects false follows "
                        + "none)");
    }

    private static RestRequestSpec readCall(String fields) {
        String json = "{\"id\": \"calls\", \"ownerId\": \"acme\", \"processors\": [{\"type\": \"restApi\", "
                + "\"id\": \"calls-in\"}, {\"type\": \"restRequest\", \"id\": \"call-it\", " + fields + "}]}";
        return (RestRequestSpec) FlowJson.read(json).processors().get(1);
    }
}
