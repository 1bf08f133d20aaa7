package org.flowserver.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Map;
import java.util.stream.Collectors;
import org.flowserver.dsl.Flow;
import org.flowserver.dsl.LogLevel;
import org.flowserver.server.FlowServerExtension;
import org.flowserver.server.LogCapture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** messageLoggingStrategy: off by default; per processor a level, the payload (truncated) and redacted properties. */
class MessageLoggingIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();

    private static final String MESSAGES = "org.flowserver.flow.messages";

    @BeforeAll
    static void deployFlows() {
        SERVER.deployOk(Flow.define("logged", f -> f.ownerId("acme")
                .restApi("logged-in", r -> r.messageLoggingStrategy(l -> l.level(LogLevel.WARN).logPayload(true)
                        .maxPayloadLength(40).logExchangeProperties(true)))
                .map("to-reply", m -> m.mapSpec("{ 'user': payload.user }")
                        .messageLoggingStrategy(l -> l.level(LogLevel.DEBUG).logPayload(true)))));
        SERVER.deployOk(Flow.define("quiet", f -> f.ownerId("acme").restApi("quiet-in").map("to-reply", "payload")));
    }

    @Test
    void logsEachProcessorAtItsLevelWithPayloadAndRedactedProperties() {
        try (LogCapture log = LogCapture.of(MESSAGES, Level.TRACE)) {
            SERVER.request().header("Authorization", SERVER.tester()).header("X-Api-Key", "k-123")
                    .contentType("application/json").urlEncodingEnabled(false)
                    .body("{\"user\": \"ada\", \"password\": \"hunter2\", \"note\": \"a long note that will be cut\"}")
                    .post("/acme/rs/logged?access_token=t-456&page=2").then().statusCode(201);

            assertThat(log.events()).hasSize(2);
            ILoggingEvent source = log.events().get(0);
            assertThat(source.getLevel()).isEqualTo(Level.WARN);
            Map<String, Object> sourceValues = values(source);
            assertThat(sourceValues).containsEntry("owner", "acme").containsEntry("flow", "logged")
                    .containsEntry("processor", "logged-in").containsKey("messageId");
            assertThat((String) sourceValues.get("payload"))
                    .isEqualTo("{\"user\":\"ada\",\"password\":\"***\",\"note\":\"a... (69 characters)");
            String properties = String.valueOf(sourceValues.get("properties"));
            assertThat(properties).doesNotContain("http.header.Authorization").contains("http.header.X-Api-Key=***")
                    .contains("http.method=POST").doesNotContain(SERVER.tester().substring("Basic ".length()))
                    .doesNotContain("k-123")
                    .contains("http.requestUri=/acme/rs/logged?access_token=***&page=2").doesNotContain("t-456");

            ILoggingEvent step = log.events().get(1);
            assertThat(step.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(values(step)).containsEntry("processor", "to-reply").containsEntry("payload", "{\"user\":\"ada\"}")
                    .doesNotContainKey("properties")
                    .containsEntry("messageId", sourceValues.get("messageId"));
        }
    }

    @Test
    void logsNothingWithoutAStrategy() {
        try (LogCapture log = LogCapture.of(MESSAGES, Level.TRACE)) {
            SERVER.request().contentType("application/json").body("{\"user\": \"ada\"}")
                    .post("/acme/rs/quiet").then().statusCode(201);

            assertThat(log.events()).isEmpty();
        }
    }

    private static Map<String, Object> values(ILoggingEvent event) {
        return event.getKeyValuePairs().stream().collect(Collectors.toMap(pair -> pair.key, pair -> pair.value));
    }
}
