package org.flowserver.server;

import static org.hamcrest.Matchers.equalTo;

import org.flowserver.dsl.Flow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bodies above the configured limits are refused with 413 before they are read whole. */
class RequestLimitsIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.with(config -> config.toBuilder()
            .maxRequestBodyBytes(1024).maxApiBodyBytes(2048).build());

    @BeforeAll
    static void deployFlow() {
        SERVER.deployOk(Flow.define("echo", f -> f.ownerId("acme").restApi("echo-in")));
    }

    @Test
    void acceptsABodyAtTheLimit() {
        SERVER.request().contentType("application/octet-stream").body(new byte[1024]).post("/acme/rs/echo")
                .then().statusCode(201);
    }

    @Test
    void refusesABodyOverTheLimitWith413() {
        SERVER.request().contentType("application/octet-stream").body(new byte[1025]).post("/acme/rs/echo")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:flowserver:problem:payload-too-large"))
                .body("detail", equalTo("The request body is larger than the limit of this endpoint (1024 bytes)"));
    }

    @Test
    void refusesAManagementApiBodyOverItsLimitWith413() {
        SERVER.deployJson("acme", "large", "{\"description\": \"" + "x".repeat(2048) + "\"}")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:flowserver:problem:payload-too-large"))
                .body("detail", equalTo("The request body is larger than the limit of this endpoint (see "
                        + "max-api-body-bytes)"));
    }

    @Test
    void refusesAChunkedBodyOverTheLimitWith413() throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + SERVER.port()
                                + "/acme/rs/echo"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                                () -> new java.io.ByteArrayInputStream(new byte[4096])))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());

        org.assertj.core.api.Assertions.assertThat(response.statusCode()).isEqualTo(413);
    }
}
