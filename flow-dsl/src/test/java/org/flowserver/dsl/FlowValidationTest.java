package org.flowserver.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FlowValidationTest {

    @Test
    void reportsEveryProblemAtOnceWithItsPath() {
        assertThatThrownBy(() -> Flow.define("orders", f -> f
                .ownerId("acme")
                .restApi("orders-in")
                .map("x", "payload")
                .map("to-reply", "payload")
                .map("to-reply", "payload")))
                .isInstanceOf(InvalidFlowException.class)
                .hasMessage("Flow 'orders' is invalid (2 problems): "
                        + "processors[1].id 'x' does not match [a-zA-Z][a-zA-Z0-9_-]{2,29}; "
                        + "processors[3].id 'to-reply' is already the id of processors[2]; "
                        + "processor ids must be unique within a flow");
    }

    @Test
    void flowAndOwnerIdsFollowTheIdPattern() {
        assertThatThrownBy(() -> Flow.define("9orders", f -> f.restApi("orders-in")))
                .hasMessage("Flow '9orders' is invalid (2 problems): "
                        + "id '9orders' does not match [a-zA-Z][a-zA-Z0-9_-]{2,29}; "
                        + "ownerId is required; it must match [a-zA-Z][a-zA-Z0-9_-]{2,29}");
    }

    @Test
    void idsAreThreeToThirtyCharacters() {
        assertThat(Flow.builder("abc").ownerId("a".repeat(30)).restApi("a_-").build().id()).isEqualTo("abc");
        assertThatThrownBy(() -> Flow.define("ab", f -> f.ownerId("a".repeat(31)).restApi("abc")))
                .hasMessage("Flow 'ab' is invalid (2 problems): "
                        + "id 'ab' does not match [a-zA-Z][a-zA-Z0-9_-]{2,29}; "
                        + "ownerId '" + "a".repeat(31) + "' does not match [a-zA-Z][a-zA-Z0-9_-]{2,29}");
    }

    @Test
    void aFlowNeedsProcessors() {
        assertThatThrownBy(() -> Flow.define("orders", f -> f.ownerId("acme")))
                .hasMessage("Flow 'orders' is invalid (1 problem): "
                        + "processors must not be empty; a flow starts with a source such as restApi");
    }

    @Test
    void theFirstProcessorIsASourceAndOnlyTheFirst() {
        assertThatThrownBy(() -> Flow.define("orders", f -> f
                .ownerId("acme")
                .map("to-reply", "payload")
                .restApi("orders-in")))
                .hasMessage("Flow 'orders' is invalid (2 problems): "
                        + "processors[0].type 'map' is not a source; the first processor must be a source (restApi, or handoff without a flowId); "
                        + "processors[1].type 'restApi' is a source; only the first processor may be a source");
    }

    @Test
    void aHandoffSourceMayOnlyBeFirst() {
        assertThatThrownBy(() -> Flow.define("audit", f -> f
                .ownerId("acme")
                .restApi("audit-in")
                .handoffSource("second-in")))
                .hasMessage("Flow 'audit' is invalid (1 problem): "
                        + "processors[1].type 'handoff' is a source; only the first processor may be a source");
    }

    @Test
    void aHandoffTargetIsAnotherValidFlowId() {
        assertThatThrownBy(() -> Flow.define("audit", f -> f
                .ownerId("acme")
                .handoffSource("audit-in")
                .handoff("to-bad", "9bad")
                .handoff("to-self", "audit")))
                .hasMessage("Flow 'audit' is invalid (2 problems): "
                        + "processors[1].flowId '9bad' does not match [a-zA-Z][a-zA-Z0-9_-]{2,29}; "
                        + "processors[2].flowId 'audit' names this flow itself; hand off to another flow of the "
                        + "same owner");
    }

    @Test
    void apiSpecIdFollowsTypeResourceIdRevision() {
        assertThatThrownBy(() -> Flow.define("orders", f -> f.ownerId("acme")
                .restApi("orders-in", r -> r.apiSpecId("orders"))))
                .hasMessage("Flow 'orders' is invalid (1 problem): processors[0].apiSpecId 'orders' does not match "
                        + "<type>:<resourceId>:<revision> (for example OpenAPIv3:my-api-spec:latest)");
        assertThatThrownBy(() -> Flow.define("orders", f -> f.ownerId("acme")
                .restApi("orders-in", r -> r.apiSpecId("RAML:orders:1"))))
                .hasMessage("Flow 'orders' is invalid (1 problem): processors[0].apiSpecId 'RAML:orders:1' has the "
                        + "type 'RAML', which is not supported; the supported type is OpenAPIv3");
        assertThatThrownBy(() -> Flow.define("orders", f -> f.ownerId("acme")
                .restApi("orders-in", r -> r.apiSpecId("OpenAPIv3:orders:0"))))
                .hasMessage("Flow 'orders' is invalid (1 problem): processors[0].apiSpecId 'OpenAPIv3:orders:0' has "
                        + "the revision '0'; a revision is a positive integer or 'latest'");
        assertThatThrownBy(() -> Flow.define("orders", f -> f.ownerId("acme")
                .restApi("orders-in", r -> r.apiSpecId("OpenAPIv3:o:latest"))))
                .hasMessage("Flow 'orders' is invalid (1 problem): processors[0].apiSpecId 'OpenAPIv3:o:latest' has "
                        + "the resourceId 'o', which does not match [a-zA-Z][a-zA-Z0-9_-]{2,29}");
    }

    @Test
    void exchangePropertiesMustBePropertiesText() {
        assertThatThrownBy(() -> Flow.define("orders", f -> f.ownerId("acme")
                .restApi("orders-in", r -> r.exchangeProperties("tenant=\\u00zz"))))
                .hasMessage("Flow 'orders' is invalid (1 problem): processors[0].exchangeProperties is not valid "
                        + "java.util.Properties text (Malformed \\uxxxx encoding.); write one name=value per line");
        assertThatThrownBy(() -> Flow.define("orders", f -> f.ownerId("acme")
                .restApi("orders-in", r -> r.exchangeProperties("=nameless"))))
                .hasMessage("Flow 'orders' is invalid (1 problem): processors[0].exchangeProperties has a line "
                        + "without a property name; write one name=value per line");
    }

    @Test
    void expressionsMustBeValidJsonata() {
        assertThatThrownBy(() -> Flow.define("orders", f -> f.ownerId("acme")
                .restApi("orders-in")
                .map("to-reply", "{ 'received': ")
                .setExchangeProperty("set-status", p -> p.source("202"))
                .filter("only-big", "")))
                .hasMessageStartingWith("Flow 'orders' is invalid (3 problems): processors[1].mapSpec "
                        + "'{ 'received': ' is not a valid JSONata expression: ")
                .hasMessageEndingWith("; processors[2].propertyName is required; processors[3].expression is required");
    }

    @Test
    void charsetsMustBeSupported() {
        assertThatThrownBy(() -> Flow.define("orders", f -> f.ownerId("acme")
                .restApi("orders-in", r -> r.responseConversionCharacterSet("EBCDIC-42")
                        .inboundTransformationStrategy(t -> t.text("no such charset")))))
                .hasMessage("Flow 'orders' is invalid (2 problems): processors[0].responseConversionCharacterSet "
                        + "'EBCDIC-42' is not a character set this server supports (for example UTF-8, ISO-8859-1, "
                        + "UTF-16); processors[0].inboundTransformationStrategy.charset 'no such charset' is not a "
                        + "character set this server supports (for example UTF-8, ISO-8859-1, UTF-16)");
    }

    @Test
    void deadLetterFlowIsAnotherValidFlowId() {
        assertThatThrownBy(() -> Flow.define("orders", f -> f.ownerId("acme").restApi("orders-in")
                .deadLetterStrategy("orders")))
                .hasMessage("Flow 'orders' is invalid (1 problem): deadLetterStrategy.flowId 'orders' names this "
                        + "flow itself; the dead-letter flow must be another flow of the same owner");
        assertThatThrownBy(() -> Flow.define("orders", f -> f.ownerId("acme").restApi("orders-in")
                .deadLetterStrategy(d -> { })))
                .hasMessage("Flow 'orders' is invalid (1 problem): deadLetterStrategy.flowId is required; "
                        + "it must match [a-zA-Z][a-zA-Z0-9_-]{2,29}");
    }

    @Test
    void strategyLimitsMustBePositive() {
        assertThatThrownBy(() -> Flow.define("orders", f -> f.ownerId("acme").restApi("orders-in", r -> r
                .messageLoggingStrategy(l -> l.maxPayloadLength(-1))
                .payloadArchivingStrategy(a -> a.maxBytes(0)))))
                .hasMessage("Flow 'orders' is invalid (2 problems): "
                        + "processors[0].messageLoggingStrategy.maxPayloadLength '-1' must be 0 or more; "
                        + "processors[0].payloadArchivingStrategy.maxBytes '0' must be 1 or more");
    }

    @Test
    void problemsCarryJsonPointers() {
        // when
        InvalidFlowException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidFlowException.class,
                () -> Flow.define("orders", f -> f.ownerId("acme").restApi("orders-in").map("x", "payload")));

        // then
        assertThat(e.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("processors[1].id");
            assertThat(problem.pointer()).isEqualTo("/processors/1/id");
        });
    }

    @Test
    void longValuesAreShortenedInMessages() {
        String longId = "a".repeat(70);
        assertThatThrownBy(() -> Flow.define("orders", f -> f.ownerId("acme").restApi(longId)))
                .hasMessage("Flow 'orders' is invalid (1 problem): processors[0].id '" + "a".repeat(60)
                        + "...' does not match [a-zA-Z][a-zA-Z0-9_-]{2,29}");
    }
}
