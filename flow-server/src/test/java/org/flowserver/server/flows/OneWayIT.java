package org.flowserver.server.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Duration;
import org.flowserver.dsl.ExchangePattern;
import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.flowserver.server.LogCapture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** OneWay flows answer 202 once the request is accepted; the flow runs after the response. */
class OneWayIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.with(config -> config.toBuilder()
            .expressionTimeout(Duration.ofSeconds(60)).build());

    /** About a second of CPU, then the log line. */
    private static final String SLOW_THEN_NAME = "$count($filter([1..2000000], function($v){$v % 7 = 0})) > 0 "
            + "? 'processed ' & payload.name : 'never'";

    @BeforeAll
    static void deployFlows() {
        SERVER.deployOk(Flow.define("events", f -> f.ownerId("acme")
                .exchangePattern(ExchangePattern.OneWay)
                .restApi("events-in")
                .log("slow-log", l -> l.expression(SLOW_THEN_NAME))));
        SERVER.deployOk(Flow.define("failing", f -> f.ownerId("acme")
                .exchangePattern(ExchangePattern.OneWay)
                .restApi("failing-in")
                .map("explode", "$error('boom')")));
    }

    @Test
    void answers202BeforeTheFlowRuns() {
        try (LogCapture log = LogCapture.of("org.flowserver.flow.log", Level.INFO)) {
            SERVER.request().contentType("application/json").body("{\"name\": \"Ada\"}").post("/acme/rs/events")
                    .then().statusCode(202).body(equalTo(""));

            assertThat(log.events()).isEmpty();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(log.events())
                    .extracting(ILoggingEvent::getFormattedMessage).containsExactly("processed Ada"));
        }
    }

    @Test
    void aRequestThatCannotBeReadIsRefusedNotAccepted() {
        SERVER.request().contentType("application/json").body("{\"name\": ").post("/acme/rs/events")
                .then().statusCode(400).body("type", equalTo("urn:flowserver:problem:malformed-json"));
    }

    @Test
    void aFailureAfterTheAnswerIsLogged() {
        try (LogCapture log = LogCapture.of("org.flowserver.processors.rest.RestSource", Level.ERROR)) {
            SERVER.request().contentType("application/json").body("{}").post("/acme/rs/failing")
                    .then().statusCode(202);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(log.events())
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .singleElement().asString().startsWith("Processor 'explode' (map) failed: "));
        }
    }
}
