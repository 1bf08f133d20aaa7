package org.flowserver.server.specs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.flowserver.dsl.Flow;
import org.flowserver.dsl.FlowSpec;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The spec registry over HTTP (issue 3, point 1): uploads, revisions, reads, every way a call can be wrong, and
 * flows pinned to the revision they resolved to. Each test uses its own owner or spec, so they share one server.
 */
class SpecsApiIT {

    /** Management bodies are limited to 2 KiB here, specs to 64 KiB: specs have their own limit. */
    private static final int MAX_SPEC_BYTES = 64 * 1024;

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.with(config -> config.toBuilder()
            .maxApiBodyBytes(2048).maxSpecBytes(MAX_SPEC_BYTES).build());

    private static final String PING_JSON = "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"t\",\"version\":\"1\"},"
            + "\"paths\":{\"/ping\":{\"get\":{\"responses\":{\"200\":{\"description\":\"ok\"}}}}}}";

    private static final String PING_YAML = """
            # Kept as sent, comments included.
            openapi: 3.0.3
            info:
              title: t
              version: '1'
            paths:
              /ping:
                get:
                  responses:
                    '200':
                      description: ok
            """;

    private static final String PONG_JSON = PING_JSON.replace("/ping", "/pong");

    @Test
    void uploadingAJsonSpecStoresItAsRevision1() {
        SERVER.uploadSpec("json", "orders", PING_JSON)
                .then().statusCode(201).contentType("application/json")
                .header("Location", "/api/specs/json/orders/1")
                .body("apiSpecId", equalTo("OpenAPIv3:orders:1"))
                .body("revision", equalTo(1))
                .body("openapi", equalTo("3.0.3"))
                .body("createdAt", not(nullValue()));
    }

    @Test
    void aYamlSpecIsServedBackExactlyAsUploadedWithItsContentType() {
        // given
        SERVER.uploadSpecOk("yaml", "orders", PING_YAML);

        // when
        Response response = SERVER.request().get("/api/specs/yaml/orders/1");

        // then
        response.then().statusCode(200).contentType("application/yaml").header("X-Api-Spec-Id", "OpenAPIv3:orders:1");
        assertThat(response.asString()).isEqualTo(PING_YAML);
    }

    @Test
    void everyUploadIsTheNextRevision() {
        assertThat(SERVER.uploadSpecOk("counting", "orders", PING_JSON)).isEqualTo(1);
        assertThat(SERVER.uploadSpecOk("counting", "orders", PING_YAML)).isEqualTo(2);
        assertThat(SERVER.uploadSpecOk("counting", "orders", PING_JSON)).isEqualTo(3);
        assertThat(SERVER.uploadSpecOk("counting", "billing", PING_JSON)).isEqualTo(1);
    }

    @Test
    void getsARevisionByNumberAndTheLatestOneExactlyAsUploaded() {
        // given: the JSON has spacing and key order a parser would not keep
        String first = "{ \"paths\": {\"/ping\": {\"get\": {\"responses\": {\"200\": {\"description\": \"ok\"}}}}},\n"
                + "  \"info\": {\"version\": \"1\", \"title\": \"t\"},   \"openapi\": \"3.0.3\" }\n";
        SERVER.uploadSpecOk("reading", "orders", first);
        SERVER.uploadSpecOk("reading", "orders", PING_YAML);

        // when
        Response byNumber = SERVER.request().get("/api/specs/reading/orders/1");
        Response latest = SERVER.request().get("/api/specs/reading/orders/latest");

        // then
        byNumber.then().statusCode(200).contentType("application/json").header("X-Api-Spec-Id", "OpenAPIv3:orders:1");
        assertThat(byNumber.asString()).isEqualTo(first);
        latest.then().statusCode(200).contentType("application/yaml")
                .header("X-Api-Spec-Id", "OpenAPIv3:orders:2")
                .header("Content-Location", "/api/specs/reading/orders/2");
        assertThat(latest.asString()).isEqualTo(PING_YAML);
    }

    @Test
    void listsTheRevisionsOfASpec() {
        // given
        SERVER.uploadSpecOk("listing", "orders", PING_JSON);
        SERVER.uploadSpecOk("listing", "orders", PING_YAML.replace("3.0.3", "3.1.0"));

        // when, then
        SERVER.request().get("/api/specs/listing/orders")
                .then().statusCode(200).contentType("application/json")
                .body("ownerId", equalTo("listing"))
                .body("resourceId", equalTo("orders"))
                .body("revisions.revision", contains(1, 2))
                .body("revisions.apiSpecId", contains("OpenAPIv3:orders:1", "OpenAPIv3:orders:2"))
                .body("revisions.openapi", contains("3.0.3", "3.1.0"))
                .body("revisions[0]", hasKey("createdAt"));
    }

    @Test
    void listsTheSpecsOfAnOwnerWithTheirLatestRevision() {
        // given
        SERVER.uploadSpecOk("catalog", "orders", PING_JSON);
        SERVER.uploadSpecOk("catalog", "orders", PING_JSON);
        SERVER.uploadSpecOk("catalog", "billing", PING_YAML);

        // when, then
        SERVER.request().get("/api/specs/catalog")
                .then().statusCode(200)
                .body("ownerId", equalTo("catalog"))
                .body("specs.resourceId", contains("billing", "orders"))
                .body("specs.latest.revision", contains(1, 2))
                .body("specs.latest.apiSpecId", contains("OpenAPIv3:billing:1", "OpenAPIv3:orders:2"));
    }

    @Test
    void anOwnerWithoutSpecsHasAnEmptyList() {
        SERVER.request().get("/api/specs/nobody").then().statusCode(200).body("specs", empty());
    }

    @Test
    void anInvalidDocumentIsRefusedWithEachOfTheParsersMessages() {
        String invalid = "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"t\"},\"paths\":{\"/ping\":{\"get\":{}}}}";

        SERVER.uploadSpec("invalid", "orders", invalid)
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:flowserver:problem:malformed-request"))
                .body("detail", equalTo("The document is not a usable OpenAPI v3 spec (2 problems): attribute "
                        + "info.version is missing; attribute paths.'/ping'(get).responses is missing"))
                .body("errors.location", contains("body", "body"))
                .body("errors.message", contains("attribute info.version is missing",
                        "attribute paths.'/ping'(get).responses is missing"));
        SERVER.request().get("/api/specs/invalid/orders").then().statusCode(404);
    }

    @Test
    void aDocumentThatIsNotJsonOrYamlIsRefusedWithWhereItBreaks() {
        SERVER.uploadSpec("invalid", "broken", "openapi: [3.0")
                .then().statusCode(400)
                .body("errors[0].message", equalTo("the document is not valid YAML: while parsing a flow sequence in "
                        + "'reader', line 1, column 10: openapi: [3.0 ^ expected ',' or ']', but got <stream end> in "
                        + "'reader', line 1, column 14: openapi: [3.0 ^ (line 1, column 14)"));
    }

    @Test
    void aSwagger2DocumentIsRefused() {
        SERVER.uploadSpec("invalid", "swagger", "{\"swagger\": \"2.0\", \"info\": {}, \"paths\": {}}")
                .then().statusCode(400)
                .body("errors[0].message", equalTo("the field 'openapi' with the version 3.0.x or 3.1.x is missing "
                        + "(this is a Swagger 2.0 document; convert it to OpenAPI 3)"));
    }

    @Test
    void anExternalReferenceIsRefused() {
        String external = PING_YAML.replace("description: ok", "$ref: 'https://example.com/responses.yaml#/ok'");

        SERVER.uploadSpec("invalid", "external", external)
                .then().statusCode(400)
                .body("errors[0].message", equalTo("/paths/~1ping/get/responses/200/$ref refers to "
                        + "'https://example.com/responses.yaml#/ok' outside the document; external references are not "
                        + "allowed: put the referenced part in this document's components and refer to it with "
                        + "'#/components/...'"));
    }

    @Test
    void anEmptyBodyIsRefused() {
        SERVER.request().contentType("application/json").put("/api/specs/invalid/empty")
                .then().statusCode(400)
                .body("detail", equalTo("The body is empty; send an OpenAPI v3 document as JSON or YAML"));
    }

    @Test
    void yamlSentAsJsonIsRefused() {
        SERVER.request().contentType("application/json").body(PING_YAML).put("/api/specs/invalid/mislabeled")
                .then().statusCode(400)
                .body("type", equalTo("urn:flowserver:problem:malformed-json"))
                .body("detail", equalTo("The body is sent as 'application/json' but is not a JSON object; send a "
                        + "YAML document as application/yaml"));
    }

    @Test
    void anUnsupportedContentTypeIs415() {
        SERVER.request().contentType("text/plain").body(PING_YAML).put("/api/specs/invalid/plain")
                .then().statusCode(415).contentType("application/problem+json")
                .body("detail", equalTo("A spec is sent as JSON (application/json) or YAML (application/yaml), or "
                        + "without a Content-Type, not as 'text/plain; charset=ISO-8859-1'"));
    }

    @Test
    void everyYamlMediaTypeIsAccepted() {
        for (String type : new String[] {"application/x-yaml", "text/yaml", "text/x-yaml", "application/vnd.oai.openapi"}) {
            SERVER.request().contentType(type).body(PING_YAML.getBytes(StandardCharsets.UTF_8))
                    .put("/api/specs/types/orders")
                    .then().statusCode(201);
        }
        SERVER.request().get("/api/specs/types/orders").then().body("revisions.revision", contains(1, 2, 3, 4));
    }

    @Test
    void withoutAContentTypeTheFormIsDetected() throws Exception {
        // REST Assured always sends a Content-Type with a body; the JDK client sends none.
        HttpClient client = HttpClient.newHttpClient();
        for (String document : new String[] {PING_JSON, PING_YAML}) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + SERVER.port() + "/api/specs/untyped/orders"))
                    .header("Authorization", FlowServerExtension.admin())
                    .PUT(HttpRequest.BodyPublishers.ofString(document, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(response.request().headers().firstValue("Content-Type")).isEmpty();
        }

        SERVER.request().get("/api/specs/untyped/orders/1").then().contentType("application/json");
        SERVER.request().get("/api/specs/untyped/orders/2").then().contentType("application/yaml");
    }

    @Test
    void aSpecAboveTheManagementBodyLimitButWithinTheSpecLimitIsStored() {
        String large = PING_YAML.replace("title: t", "title: t\n  description: '" + "x".repeat(8 * 1024) + "'");

        SERVER.uploadSpec("large", "orders", large).then().statusCode(201);
        assertThat(SERVER.request().get("/api/specs/large/orders/1").asString()).isEqualTo(large);
    }

    @Test
    void aSpecAboveTheSpecLimitIs413() {
        String tooLarge = PING_YAML.replace("title: t", "title: t\n  description: '" + "x".repeat(MAX_SPEC_BYTES) + "'");

        SERVER.uploadSpec("large", "huge", tooLarge)
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:flowserver:problem:payload-too-large"))
                .body("detail", equalTo("The spec is larger than the limit of 65536 bytes (max-spec-bytes)"));
    }

    @Test
    void anInvalidIdInThePathIs400() {
        SERVER.uploadSpec("acme", "x!", PING_JSON)
                .then().statusCode(400)
                .body("detail", equalTo("The resourceId 'x!' of the path does not match [a-zA-Z][a-zA-Z0-9_-]{2,29}"));
        SERVER.request().get("/api/specs/9lives/orders/1")
                .then().statusCode(400)
                .body("detail", equalTo("The ownerId '9lives' of the path does not match [a-zA-Z][a-zA-Z0-9_-]{2,29}"));
    }

    @Test
    void aReservedOwnerIsRefused() {
        SERVER.uploadSpec("heartbeat", "orders", PING_JSON)
                .then().statusCode(400)
                .body("detail", equalTo("The ownerId 'heartbeat' of the path is reserved for the server's own paths "
                        + "(api, health, heartbeat, metrics); choose another owner"));
    }

    @Test
    void anUnknownSpecOrRevisionIs404() {
        // given
        SERVER.uploadSpecOk("missing", "orders", PING_JSON);
        SERVER.uploadSpecOk("missing", "orders", PING_JSON);

        // when, then
        SERVER.request().get("/api/specs/missing/billing/latest")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("Owner 'missing' has no spec 'billing'; upload it with PUT "
                        + "/api/specs/missing/billing"));
        SERVER.request().get("/api/specs/missing/billing")
                .then().statusCode(404)
                .body("detail", equalTo("Owner 'missing' has no spec 'billing'; upload it with PUT "
                        + "/api/specs/missing/billing"));
        SERVER.request().get("/api/specs/missing/orders/3")
                .then().statusCode(404)
                .body("detail", equalTo("Spec 'orders' of owner 'missing' has no revision 3; its revisions are 1 to 2"));
    }

    @Test
    void aRevisionThatIsNotANumberOrLatestIs400() {
        SERVER.request().get("/api/specs/acme/orders/0")
                .then().statusCode(400)
                .body("detail", equalTo("The revision '0' of the path is neither a revision number (1 or more) nor "
                        + "'latest'"));
        SERVER.request().get("/api/specs/acme/orders/newest").then().statusCode(400);
    }

    @Test
    void aWrongMethodIs405WithAllow() {
        SERVER.request().delete("/api/specs/acme/orders")
                .then().statusCode(405).contentType("application/problem+json").header("Allow", "GET, PUT");
        SERVER.request().put("/api/specs/acme/orders/1").then().statusCode(405).header("Allow", "GET");
        SERVER.request().post("/api/specs/acme").then().statusCode(405).header("Allow", "GET");
    }

    @Test
    void aFlowNamingASpecTheOwnerHasNotUploadedFailsToDeploy() {
        SERVER.deploy(specFlow("nospecs", "orders-api", "OpenAPIv3:orders:latest"))
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("Flow 'orders-api' is invalid (1 problem): processors[0].apiSpecId "
                        + "'OpenAPIv3:orders:latest': owner 'nospecs' has no spec 'orders'; upload it with PUT "
                        + "/api/specs/nospecs/orders"))
                .body("errors[0].pointer", equalTo("/processors/0/apiSpecId"));
        SERVER.request().get("/api/flows/nospecs/orders-api").then().statusCode(404);
    }

    @Test
    void aFlowNamingARevisionThatDoesNotExistFailsToDeploy() {
        // given
        SERVER.uploadSpecOk("norevision", "orders", PING_JSON);

        // when, then
        SERVER.deploy(specFlow("norevision", "orders-api", "OpenAPIv3:orders:7"))
                .then().statusCode(400)
                .body("detail", equalTo("Flow 'orders-api' is invalid (1 problem): processors[0].apiSpecId "
                        + "'OpenAPIv3:orders:7': spec 'orders' of owner 'norevision' has no revision 7; its only "
                        + "revision is 1"))
                .body("errors[0].pointer", equalTo("/processors/0/apiSpecId"));
    }

    @Test
    void aFlowShowsTheRevisionItsApiSpecIdResolvedTo() {
        // given
        SERVER.uploadSpecOk("shown", "orders", PING_JSON);
        SERVER.uploadSpecOk("shown", "orders", PING_JSON);

        // when, then
        SERVER.deploy(specFlow("shown", "latest-api", "OpenAPIv3:orders:latest"))
                .then().statusCode(201)
                .body("apiSpec.apiSpecId", equalTo("OpenAPIv3:orders:2"))
                .body("apiSpec.revision", equalTo(2));
        SERVER.deploy(specFlow("shown", "fixed-api", "OpenAPIv3:orders:1"))
                .then().statusCode(201)
                .body("apiSpec.apiSpecId", equalTo("OpenAPIv3:orders:1"));
        SERVER.deploy(Flow.define("generic", f -> f.ownerId("shown").restApi("generic-in")))
                .then().statusCode(201)
                .body("$", not(hasKey("apiSpec")));
    }

    @Test
    void specsAndTheRevisionAFlowIsPinnedToSurviveARestartAndARedeployMovesToTheLatest() {
        // given: a flow deployed on "latest" while revision 1 (GET /ping) was the newest
        SERVER.uploadSpecOk("pinning", "orders", PING_JSON);
        FlowSpec flow = specFlow("pinning", "orders-api", "OpenAPIv3:orders:latest");
        SERVER.deployOk(flow);
        SERVER.uploadSpecOk("pinning", "orders", PONG_JSON);

        // when
        SERVER.restart();

        // then: still on revision 1, and both revisions are still stored
        SERVER.request().get("/api/flows/pinning/orders-api")
                .then().statusCode(200)
                .body("deployment.status", equalTo("active"))
                .body("apiSpec.apiSpecId", equalTo("OpenAPIv3:orders:1"))
                .body("apiSpec.revision", equalTo(1))
                .body("spec.processors[0].apiSpecId", equalTo("OpenAPIv3:orders:latest"));
        SERVER.request().get("/pinning/rs/orders-api/ping").then().statusCode(200);
        SERVER.request().get("/pinning/rs/orders-api/pong").then().statusCode(404);
        assertThat(SERVER.request().get("/api/specs/pinning/orders/1").asString()).isEqualTo(PING_JSON);
        assertThat(SERVER.request().get("/api/specs/pinning/orders/latest").asString()).isEqualTo(PONG_JSON);

        // when
        Response redeployed = SERVER.deploy(flow);

        // then: a redeploy resolves "latest" afresh
        redeployed.then().statusCode(200).body("apiSpec.apiSpecId", equalTo("OpenAPIv3:orders:2"));
        SERVER.request().get("/pinning/rs/orders-api/pong").then().statusCode(200);
        SERVER.request().get("/pinning/rs/orders-api/ping").then().statusCode(404);
    }

    private static FlowSpec specFlow(String ownerId, String flowId, String apiSpecId) {
        return Flow.define(flowId, f -> f.ownerId(ownerId).restApi(flowId + "-in", r -> r.apiSpecId(apiSpecId)));
    }
}
