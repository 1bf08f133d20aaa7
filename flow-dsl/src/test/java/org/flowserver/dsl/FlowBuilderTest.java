package org.flowserver.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FlowBuilderTest {

    @Test
    void definesAFlowWithLambdaConfigurators() {
        // when
        FlowSpec flow = Flow.define("orders", f -> f
                .ownerId("acme")
                .description("Receives orders")
                .restApi("orders-in", r -> r
                        .apiSpecId("OpenAPIv3:orders:latest")
                        .exchangeProperties("tenant=acme\nregion=eu"))
                .setExchangeProperty("set-status", "httpResponseCode", "202")
                .map("to-reply", "{ 'received': payload.orderId }")
                .deadLetterStrategy(d -> d.flowId("orders-dlq").forwardMessagePreprocessingErrors(true)));

        // then
        assertThat(flow.id()).isEqualTo("orders");
        assertThat(flow.ownerId()).isEqualTo("acme");
        assertThat(flow.exchangePattern()).isEqualTo(ExchangePattern.RequestResponse);
        assertThat(flow.processors()).extracting(ProcessorSpec::type)
                .containsExactly("restApi", "setExchangeProperty", "map");
        RestApiSpec source = (RestApiSpec) flow.source();
        assertThat(source.apiSpecId()).contains("OpenAPIv3:orders:latest");
        assertThat(source.forwardMessagePreprocessingErrors()).isTrue();
        assertThat(source.validateResponse()).isFalse();
        assertThat(source.responseConversionCharacterSet()).isEqualTo("UTF-8");
        assertThat(source.common().exchangePropertyMap()).containsExactly(
                Map.entry("tenant", "acme"), Map.entry("region", "eu"));
        assertThat(flow.deadLetterStrategy()).contains(new DeadLetterStrategySpec("orders-dlq", true));
    }

    @Test
    void fluentBuilderAndDefineBuildTheSameFlow() {
        // given
        FlowSpec defined = Flow.define("echo", f -> f.ownerId("demo").restApi("echo-in"));

        // when
        FlowSpec built = Flow.builder("echo").ownerId("demo").restApi("echo-in").build();

        // then
        assertThat(built).isEqualTo(defined);
    }

    @Test
    void processorDefaultsAreTheDocumentedOnes() {
        // when
        FlowSpec flow = Flow.define("echo", f -> f.ownerId("demo").restApi("echo-in").log("log-it", l -> { }));

        // then
        CommonProperties common = flow.processors().get(1).common();
        assertThat(common.name()).isEmpty();
        assertThat(common.exchangeProperties()).isEmpty();
        assertThat(common.retainPayloadOnFailure()).isFalse();
        assertThat(common.messageLoggingStrategy()).isEmpty();
        assertThat(common.payloadArchivingStrategy()).isEmpty();
        assertThat(((LogSpec) flow.processors().get(1)).level()).isEqualTo(LogLevel.INFO);
    }

    @Test
    void subBuildersConfigureTheStrategies() {
        // when
        FlowSpec flow = Flow.define("echo", f -> f.ownerId("demo")
                .restApi("echo-in", r -> r
                        .inboundTransformationStrategy(t -> t.text("ISO-8859-1"))
                        .messageLoggingStrategy(l -> l.level(LogLevel.DEBUG).logPayload(true).maxPayloadLength(10))
                        .payloadArchivingStrategy(a -> a.archiveBefore(false).maxBytes(100))));

        // then
        CommonProperties common = flow.source().common();
        assertThat(((RestApiSpec) flow.source()).inboundTransformationStrategy())
                .contains(new InboundTransformationStrategy(EntityFormat.TEXT, Optional.of("ISO-8859-1")));
        assertThat(common.messageLoggingStrategy())
                .contains(new MessageLoggingStrategy(LogLevel.DEBUG, true, 10, false));
        assertThat(common.payloadArchivingStrategy()).contains(new PayloadArchivingStrategy(false, true, 100));
    }

    @Test
    void exchangePropertyAdderEscapesNamesAndValues() {
        // when
        FlowSpec flow = Flow.define("echo", f -> f.ownerId("demo").restApi("echo-in", r -> r
                .exchangeProperty("greeting", "hello = world")
                .exchangeProperty("a key:with#marks", "line one\nline two\\end")
                .exchangeProperty("padded", "  two leading spaces")));

        // then
        assertThat(flow.source().common().exchangePropertyMap()).containsExactly(
                Map.entry("greeting", "hello = world"),
                Map.entry("a key:with#marks", "line one\nline two\\end"),
                Map.entry("padded", "  two leading spaces"));
    }

    @Test
    void laterExchangePropertiesOfTheSameNameWinInTheParsedMap() {
        // when
        CommonProperties common = new CommonProperties("echo-in", Optional.empty(), "a=1\nb=2\na=3", false,
                Optional.empty(), Optional.empty());

        // then
        assertThat(common.exchangePropertyMap()).containsExactly(Map.entry("b", "2"), Map.entry("a", "3"));
    }

    @Test
    void specListsAreImmutableCopies() {
        // given
        List<ProcessorSpec> processors = new java.util.ArrayList<>(List.of(
                new RestApiSpec(CommonProperties.of("echo-in"), Optional.empty(), false, "UTF-8", true, Optional.empty())));

        // when
        FlowSpec flow = new FlowSpec("echo", "demo", "", ExchangePattern.OneWay, processors, Optional.empty());
        processors.clear();

        // then
        assertThat(flow.processors()).hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> flow.processors().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void apiSpecIdParsesTypeResourceAndRevision() {
        assertThat(ApiSpecId.parse("OpenAPIv3:orders:latest").revision()).isEmpty();
        assertThat(ApiSpecId.parse("OpenAPIv3:orders:7").revision()).hasValue(7);
        assertThat(ApiSpecId.parse("OpenAPIv3:orders:7")).hasToString("OpenAPIv3:orders:7");
    }
}
