package org.flowserver.server.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every answer of a flow names its message ({@code X-Message-Id}) and its correlation ({@code X-Correlation-Id}). */
class MessageIdentityIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();

    @BeforeAll
    static void deploy() {
        SERVER.deployOk(Flow.define("identity", f -> f.ownerId("acme")
                .restApi("identity-in")
                .map("show", "{ 'messageId': messageId }")));
    }

    @Test
    void eachMessageGetsItsOwnIdWhichIsAlsoTheCorrelationIdByDefault() {
        Response first = SERVER.request().get("/acme/rs/identity");
        Response second = SERVER.request().get("/acme/rs/identity");

        String id = first.header("X-Message-Id");
        assertThat(id).isNotBlank().isNotEqualTo(second.header("X-Message-Id"));
        assertThat(first.header("X-Correlation-Id")).isEqualTo(id);
        first.then().body("messageId", equalTo(id));
    }

    @Test
    void theCallersCorrelationIdIsKeptAndReturned() {
        SERVER.request().header("X-Correlation-Id", "order-4711").get("/acme/rs/identity")
                .then().statusCode(200).header("X-Correlation-Id", "order-4711");
    }

    @Test
    void rejectedRequestsAreIdentifiedToo() {
        Response response = SERVER.request().header("X-Correlation-Id", "order-4712")
                .contentType("application/json").body("{\"broken\": ").post("/acme/rs/identity");

        response.then().statusCode(400).header("X-Correlation-Id", "order-4712");
        assertThat(response.header("X-Message-Id")).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "tab\tinside", "ümlaut"})
    void anUnusableCorrelationIdIsRefused(String value) {
        SERVER.request().header("X-Correlation-Id", value).get("/acme/rs/identity")
                .then().statusCode(400)
                .body("type", equalTo("urn:flowserver:problem:malformed-request"))
                .body("errors[0].location", equalTo("header"))
                .body("errors[0].pointer", equalTo("/X-Correlation-Id"))
                .body("errors[0].message", equalTo("The X-Correlation-Id header must be 1 to 128 visible ASCII "
                        + "characters; leave it out to use the message id"));
    }

    @Test
    void aTooLongCorrelationIdIsRefused() {
        SERVER.request().header("X-Correlation-Id", "x".repeat(129)).get("/acme/rs/identity").then().statusCode(400);
        SERVER.request().header("X-Correlation-Id", "x".repeat(128)).get("/acme/rs/identity").then().statusCode(200);
    }
}
