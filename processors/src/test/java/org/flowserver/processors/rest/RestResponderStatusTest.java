package org.flowserver.processors.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.http.HttpMethod;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RestResponderStatusTest {

    @Test
    void defaultsTo201ForPostAnd200Otherwise() {
        assertThat(RestResponder.status(null, RestResponder.methodDefaultStatus(HttpMethod.POST))).isEqualTo(201);
        assertThat(RestResponder.status(null, RestResponder.methodDefaultStatus(HttpMethod.GET))).isEqualTo(200);
        assertThat(RestResponder.status(null, RestResponder.methodDefaultStatus(HttpMethod.DELETE))).isEqualTo(200);
    }

    @Test
    void acceptsIntegralNumbersAndStrings() {
        assertThat(RestResponder.status(202, 200)).isEqualTo(202);
        assertThat(RestResponder.status(404L, 200)).isEqualTo(404);
        assertThat(RestResponder.status(201.0, 200)).isEqualTo(201);
        assertThat(RestResponder.status(new BigDecimal("503"), 200)).isEqualTo(503);
        assertThat(RestResponder.status(" 418 ", 200)).isEqualTo(418);
    }

    @Test
    void refusesEverythingElse() {
        for (Object bad : new Object[] {"abc", 99, 600, 100, 199, 202.5, Long.MAX_VALUE, true, "2e2"}) {
            assertThatThrownBy(() -> RestResponder.status(bad, 200))
                    .as("httpResponseCode %s", bad)
                    .hasMessage("Exchange property 'httpResponseCode' is '" + bad + "'; it must be an integer from "
                            + "200 to 599 (1xx codes cannot end a response)");
        }
    }

    @Test
    void canonicalisesHeaderNames() {
        assertThat(RequestProperties.canonicalHeaderName("content-type")).isEqualTo("Content-Type");
        assertThat(RequestProperties.canonicalHeaderName("X-API-KEY")).isEqualTo("X-Api-Key");
        assertThat(RequestProperties.canonicalHeaderName("Accept")).isEqualTo("Accept");
    }
}
