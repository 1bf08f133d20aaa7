package org.flowserver.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class FlowJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The example of DESIGN.md §4.1, verbatim. */
    private static final String DESIGN_EXAMPLE = """
            {
              "id": "orders", "ownerId": "acme", "description": "Receives orders",
              "exchangePattern": "RequestResponse",
              "processors": [
                {"type": "restApi", "id": "orders-in", "apiSpecId": "OpenAPIv3:orders:latest",
                 "validateResponse": false, "forwardMessagePreprocessingErrors": true,
                 "exchangeProperties": "tenant=acme\\nregion=eu", "retainPayloadOnFailure": false},
                {"type": "setExchangeProperty", "id": "set-status", "propertyName": "httpResponseCode", "source": "202"},
                {"type": "map", "id": "to-reply", "mapSpec": "{ 'received': payload.orderId }"}
              ],
              "deadLetterStrategy": {"flowId": "orders-dlq", "forwardMessagePreprocessingErrors": true}
            }
            """;

    @Test
    void readsAndWritesTheAccessOfARestApiSource() {
        FlowSpec open = Flow.define("status", f -> f.ownerId("acme").restApi("status-in", r -> r.access(Access.PUBLIC)));

        FlowSpec read = FlowJson.read(FlowJson.write(open));

        assertThat(((RestApiSpec) read.source()).access()).isEqualTo(Access.PUBLIC);
        assertThat(((RestApiSpec) FlowJson.read("{\"id\": \"plain\", \"ownerId\": \"acme\", \"processors\": "
                + "[{\"type\": \"restApi\", \"id\": \"plain-in\"}]}").source()).access()).isEqualTo(Access.GRANTED);
    }

    @Test
    void refusesAnUnknownAccess() {
        assertThatThrownBy(() -> FlowJson.read("{\"id\": \"plain\", \"ownerId\": \"acme\", \"processors\": "
                + "[{\"type\": \"restApi\", \"id\": \"plain-in\", \"access\": \"public\"}]}"))
                .isInstanceOf(InvalidFlowException.class)
                .hasMessage("Flow 'plain' is invalid (1 problem): processors[0].access 'public' is not one of GRANTED, "
                        + "PUBLIC");
    }

    @Test
    void readsTheDesignExampleAsTheDslBuildsIt() {
        // given
        FlowSpec expected = Flow.define("orders", f -> f
                .ownerId("acme")
                .description("Receives orders")
                .restApi("orders-in", r -> r.apiSpecId("OpenAPIv3:orders:latest")
                        .exchangeProperties("tenant=acme\nregion=eu"))
                .setExchangeProperty("set-status", "httpResponseCode", "202")
                .map("to-reply", "{ 'received': payload.orderId }")
                .deadLetterStrategy(d -> d.flowId("orders-dlq").forwardMessagePreprocessingErrors(true)));

        // when
        FlowSpec read = FlowJson.read(DESIGN_EXAMPLE);

        // then
        assertThat(read).isEqualTo(expected);
    }

    @Test
    void specToJsonToSpecIsLossless() {
        // given
        FlowSpec flow = everyFeature();

        // when
        FlowSpec roundTripped = FlowJson.read(FlowJson.write(flow));

        // then
        assertThat(roundTripped).isEqualTo(flow);
    }

    @Test
    void jsonToSpecToJsonIsLosslessForAFullySpecifiedFlow() throws Exception {
        // given
        String json = FlowJson.write(everyFeature());

        // when
        String again = FlowJson.write(FlowJson.read(json));

        // then
        assertThat(MAPPER.readTree(again)).isEqualTo(MAPPER.readTree(json));
    }

    @Test
    void writesFieldsWithTheDslNames() throws Exception {
        // when
        JsonNode json = MAPPER.readTree(FlowJson.write(everyFeature()));

        // then
        assertThat(json.get("exchangePattern").asText()).isEqualTo("OneWay");
        JsonNode source = json.get("processors").get(0);
        assertThat(source.get("type").asText()).isEqualTo("restApi");
        assertThat(source.get("inboundTransformationStrategy").get("format").asText()).isEqualTo("TEXT");
        assertThat(source.get("inboundTransformationStrategy").get("charset").asText()).isEqualTo("ISO-8859-1");
        assertThat(source.get("messageLoggingStrategy").get("level").asText()).isEqualTo("DEBUG");
        assertThat(source.get("payloadArchivingStrategy").get("maxBytes").asInt()).isEqualTo(2048);
        assertThat(json.get("processors").get(5).get("level").asText()).isEqualTo("WARN");
    }

    @Test
    void omitsEmptyTextAndAbsentOptionsButWritesEveryFlag() throws Exception {
        // when
        JsonNode json = MAPPER.readTree(FlowJson.write(Flow.define("echo", f -> f.ownerId("demo").restApi("echo-in"))));

        // then
        assertThat(json.has("description")).isFalse();
        assertThat(json.has("deadLetterStrategy")).isFalse();
        assertThat(json.has("redeliveryPolicy")).isFalse();
        JsonNode source = json.get("processors").get(0);
        assertThat(source.has("apiSpecId")).isFalse();
        assertThat(source.has("exchangeProperties")).isFalse();
        assertThat(source.get("forwardMessagePreprocessingErrors").asBoolean()).isTrue();
        assertThat(source.get("validateResponse").asBoolean()).isFalse();
        assertThat(source.get("retainPayloadOnFailure").asBoolean()).isFalse();
    }

    @Test
    void reportsMalformedJsonWithItsPosition() {
        assertThatThrownBy(() -> FlowJson.read("{\"id\": \"orders\",\n \"ownerId\": }"))
                .isInstanceOf(InvalidFlowException.class)
                .hasMessage("Flow is invalid (1 problem): The flow is not valid JSON: Unexpected character ('}' "
                        + "(code 125)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or "
                        + "'false') (line 2, column 13)");
    }

    @Test
    void refusesDuplicateKeys() {
        assertThatThrownBy(() -> FlowJson.read("{\"id\": \"orders\", \"id\": \"other\"}"))
                .hasMessage("Flow is invalid (1 problem): The flow is not valid JSON: Duplicate field 'id' "
                        + "(line 1, column 22)");
    }

    @Test
    void aFlowIsAnObject() {
        assertThatThrownBy(() -> FlowJson.read("[1, 2]"))
                .hasMessage("Flow is invalid (1 problem): A flow is a JSON object, not an array");
        assertThatThrownBy(() -> FlowJson.read(""))
                .hasMessage("Flow is invalid (1 problem): The flow is empty; send a flow as a JSON object");
    }

    @Test
    void reportsUnknownFieldsWrongTypesAndRuleBreaksTogether() {
        String json = """
                {"id": "orders", "ownerId": "acme", "exchangePattern": "InOut",
                 "processors": [
                   {"type": "restApi", "id": "orders-in", "apiSpecID": "OpenAPIv3:orders:1", "validateResponse": "yes"},
                   {"type": "map", "id": "x", "mapSpec": "payload", "retainPayloadOnFailure": 1}
                 ]}
                """;
        assertThatThrownBy(() -> FlowJson.read(json))
                .hasMessage("Flow 'orders' is invalid (5 problems): "
                        + "exchangePattern 'InOut' is not one of RequestResponse, OneWay; "
                        + "processors[0].apiSpecID is not a property of a restApi processor; known properties: type, "
                        + "id, name, exchangeProperties, retainPayloadOnFailure, messageLoggingStrategy, "
                        + "payloadArchivingStrategy, apiSpecId, validateResponse, responseConversionCharacterSet, "
                        + "forwardMessagePreprocessingErrors, inboundTransformationStrategy, access; "
                        + "processors[0].validateResponse must be true or false, not a string; "
                        + "processors[1].retainPayloadOnFailure must be true or false, not a number; "
                        + "processors[1].id 'x' does not match [a-zA-Z][a-zA-Z0-9_-]{2,29}");
    }

    @Test
    void reportsUnknownAndMissingProcessorTypes() {
        String json = """
                {"id": "orders", "ownerId": "acme",
                 "processors": [{"type": "restApi", "id": "orders-in"}, {"type": "mapper", "id": "to-reply"},
                                {"id": "no-type"}, "map"]}
                """;
        assertThatThrownBy(() -> FlowJson.read(json))
                .hasMessage("Flow 'orders' is invalid (3 problems): "
                        + "processors[1].type 'mapper' is not a processor type; one of restApi, setExchangeProperty, "
                        + "setPayload, map, filter, log, handoff, restRequest; "
                        + "processors[2].type is required; one of restApi, setExchangeProperty, setPayload, map, "
                        + "filter, log, handoff, restRequest; "
                        + "processors[3] must be a processor object, not a string");
    }

    @Test
    void reportsWrongShapesOfNestedParts() {
        String json = """
                {"id": "orders", "ownerId": "acme", "processors": {"type": "restApi"},
                 "deadLetterStrategy": "orders-dlq"}
                """;
        assertThatThrownBy(() -> FlowJson.read(json))
                .hasMessage("Flow 'orders' is invalid (3 problems): "
                        + "processors must be an array of processors, not an object; "
                        + "deadLetterStrategy must be an object, not a string; "
                        + "processors must not be empty; a flow starts with a source such as restApi");
    }

    @Test
    void reportsProblemsInsideStrategies() {
        String json = """
                {"id": "orders", "ownerId": "acme", "processors": [
                  {"type": "restApi", "id": "orders-in",
                   "inboundTransformationStrategy": {"charset": "UTF-8"},
                   "messageLoggingStrategy": {"level": "LOUD", "maxPayloadLength": 1.5, "colour": "red"}}]}
                """;
        assertThatThrownBy(() -> FlowJson.read(json))
                .hasMessage("Flow 'orders' is invalid (4 problems): "
                        + "processors[0].messageLoggingStrategy.colour is not a property of a messageLoggingStrategy; "
                        + "known properties: level, logPayload, maxPayloadLength, logExchangeProperties; "
                        + "processors[0].messageLoggingStrategy.level 'LOUD' is not one of TRACE, DEBUG, INFO, WARN, "
                        + "ERROR; "
                        + "processors[0].messageLoggingStrategy.maxPayloadLength must be an integer, not a number; "
                        + "processors[0].inboundTransformationStrategy.format is required; one of JSON, TEXT, BINARY");
    }

    @Test
    void nullMeansAbsent() {
        // when
        FlowSpec flow = FlowJson.read("""
                {"id": "echo", "ownerId": "demo", "description": null, "deadLetterStrategy": null,
                 "processors": [{"type": "restApi", "id": "echo-in", "apiSpecId": null, "name": null}]}
                """);

        // then
        assertThat(flow).isEqualTo(Flow.define("echo", f -> f.ownerId("demo").restApi("echo-in")));
    }

    @Test
    void readsAHandoffFirstAsTheSourceAndLaterAsAProcessor() {
        // given
        String json = """
                {"id": "audit", "ownerId": "acme",
                 "processors": [{"type": "handoff", "id": "audit-in", "name": "Audit inbox",
                                 "exchangeProperties": "kind=audit"},
                                {"type": "handoff", "id": "to-archive", "flowId": "archive"}]}
                """;
        FlowSpec expected = Flow.define("audit", f -> f.ownerId("acme")
                .handoffSource("audit-in", h -> h.name("Audit inbox").exchangeProperties("kind=audit"))
                .handoff("to-archive", "archive"));

        // when
        FlowSpec read = FlowJson.read(json);

        // then
        assertThat(read).isEqualTo(expected);
        assertThat(read.source()).isInstanceOf(HandoffSourceSpec.class);
        assertThat(FlowJson.read(FlowJson.write(read))).isEqualTo(read);
    }

    @Test
    void aHandoffSourceHasNoFlowIdAndAHandoffProcessorNeedsOne() {
        String json = """
                {"id": "audit", "ownerId": "acme",
                 "processors": [{"type": "handoff", "id": "audit-in", "flowId": "archive"},
                                {"type": "handoff", "id": "to-archive"}]}
                """;
        assertThatThrownBy(() -> FlowJson.read(json))
                .hasMessage("Flow 'audit' is invalid (2 problems): "
                        + "processors[0].flowId is not a property of a handoff source (a handoff as the first "
                        + "processor receives handoffs; one that hands messages on comes after the source); known "
                        + "properties: type, id, name, exchangeProperties, retainPayloadOnFailure, "
                        + "messageLoggingStrategy, payloadArchivingStrategy; "
                        + "processors[1].flowId is required; it must match [a-zA-Z][a-zA-Z0-9_-]{2,29}");
    }

    private static FlowSpec everyFeature() {
        return Flow.define("orders", f -> f
                .ownerId("acme")
                .description("Every feature of the model")
                .exchangePattern(ExchangePattern.OneWay)
                .restApi("orders-in", r -> r
                        .name("Orders endpoint")
                        .apiSpecId("OpenAPIv3:orders:3")
                        .validateResponse(true)
                        .responseConversionCharacterSet("ISO-8859-1")
                        .forwardMessagePreprocessingErrors(false)
                        .inboundTransformationStrategy(t -> t.text("ISO-8859-1"))
                        .exchangeProperty("tenant", "acme")
                        .retainPayloadOnFailure(true)
                        .messageLoggingStrategy(l -> l.level(LogLevel.DEBUG).logPayload(true).maxPayloadLength(200)
                                .logExchangeProperties(true))
                        .payloadArchivingStrategy(a -> a.archiveAfter(false).maxBytes(2048)))
                .setExchangeProperty("set-status", p -> p.propertyName("httpResponseCode").source("202")
                        .name("Status"))
                .setPayload("set-body", "{ 'ok': true }")
                .map("to-reply", "{ 'received': payload.orderId }")
                .filter("only-big", "payload.total > 100")
                .log("log-it", l -> l.level(LogLevel.WARN).expression("'order ' & payload.orderId"))
                .log("log-default", l -> { })
                .handoff("to-audit", h -> h.flowId("audit").name("Audit").retainPayloadOnFailure(true))
                .deadLetterStrategy(d -> d.flowId("orders-dlq").forwardMessagePreprocessingErrors(true))
                .redeliveryPolicy(p -> p.maxAttempts(5).initialDelay(java.time.Duration.ofMillis(200)).multiplier(1.5)
                        .maxDelay(java.time.Duration.ofSeconds(10))));
    }

    @Test
    void readsARedeliveryPolicyWithDefaultsForWhatItLeavesOut() {
        // when
        FlowSpec flow = FlowJson.read("""
                {"id": "orders", "ownerId": "acme", "processors": [{"type": "restApi", "id": "orders-in"}],
                 "redeliveryPolicy": {"maxAttempts": 6}}""");

        // then
        assertThat(flow.redelivery()).isEqualTo(new RedeliveryPolicySpec(6, 500, 2.0, 30_000));
        assertThat(flow.redelivery().delayBeforeAttempt(2)).isEqualTo(500);
        assertThat(flow.redelivery().delayBeforeAttempt(3)).isEqualTo(1000);
        assertThat(flow.redelivery().delayBeforeAttempt(10)).isEqualTo(30_000);
    }

    @Test
    void refusesAnUnknownRedeliveryProperty() {
        assertThatThrownBy(() -> FlowJson.read("""
                {"id": "orders", "ownerId": "acme", "processors": [{"type": "restApi", "id": "orders-in"}],
                 "redeliveryPolicy": {"attempts": 6}}"""))
                .hasMessage("Flow 'orders' is invalid (1 problem): redeliveryPolicy.attempts is not a property of a "
                        + "redeliveryPolicy; known properties: maxAttempts, initialDelayMillis, multiplier, maxDelayMillis");
    }
}
