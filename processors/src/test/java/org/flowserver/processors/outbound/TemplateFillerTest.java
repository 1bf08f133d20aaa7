package org.flowserver.processors.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.flowserver.processors.ExpressionLimits;
import org.flowserver.processors.outbound.TemplateFiller.Encoding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TemplateFillerTest {

    private static CamelContext camel;

    @BeforeAll
    static void startCamel() {
        camel = new DefaultCamelContext();
    }

    @AfterAll
    static void stopCamel() throws Exception {
        camel.close();
    }

    @Test
    void fillsTextNumbersAndBooleans() {
        // given
        TemplateFiller filler = compile("path", "{payload.name}-{payload.id}-{payload.vip}-{payload.id + 1}");
        Exchange exchange = exchange(Map.of("name", "ada", "id", 42, "vip", true));

        // when
        String filled = filler.fill(exchange, Encoding.NONE);

        // then
        assertThat(filled).isEqualTo("ada-42-true-43");
    }

    @Test
    void fillsFromPropertiesAndKeepsDoubledBracesAsLiteralBraces() {
        // given
        TemplateFiller filler = compile("header X-Trace", "{{trace}} {properties.traceId}");
        Exchange exchange = exchange(null);
        exchange.setProperty("traceId", "t-1");

        // when
        String filled = filler.fill(exchange, Encoding.HEADER_VALUE);

        // then
        assertThat(filled).isEqualTo("{trace} t-1");
    }

    @Test
    void encodesAPlaceholderValueAsOnePathSegment() {
        // given
        TemplateFiller filler = compile("path", "customers/{payload.id}/orders");

        // when
        String filled = filler.fill(exchange(Map.of("id", "a/b c?d#e%f")), Encoding.PATH_SEGMENT);

        // then
        assertThat(filled).isEqualTo("customers/a%2Fb%20c%3Fd%23e%25f/orders");
    }

    @Test
    void keepsThePathTextAsWrittenAndEncodesOnlyWhatAPathCannotHold() {
        // given
        TemplateFiller filler = compile("path", "files/my report%2Fv1/é");

        // when
        String filled = filler.fill(exchange(null), Encoding.PATH_SEGMENT);

        // then
        assertThat(filled).isEqualTo("files/my%20report%2Fv1/%C3%A9");
    }

    @Test
    void returnsAQueryValueRawForUrlBuilderToEncodeOnce() {
        // given
        TemplateFiller filler = compile("query parameter q", "name={payload.q}");

        // when
        String filled = filler.fill(exchange(Map.of("q", "a b&c")), Encoding.QUERY_VALUE);

        // then
        assertThat(filled).isEqualTo("name=a b&c");
    }

    @Test
    void refusesAMissingValueNamingTheTemplateAndThePlaceholder() {
        // given
        TemplateFiller filler = compile("path", "customers/{payload.id}");

        // when / then
        assertThatThrownBy(() -> filler.fill(exchange(Map.of("name", "ada")), Encoding.PATH_SEGMENT))
                .isInstanceOf(TemplateException.class)
                .hasMessage("placeholder {payload.id} of path 'customers/{payload.id}' has no value");
    }

    @Test
    void refusesJsonNullAsNoValue() {
        // given
        TemplateFiller filler = compile("path", "customers/{payload.id}");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", com.dashjoin.jsonata.Jsonata.NULL_VALUE);

        // when / then
        assertThatThrownBy(() -> filler.fill(exchange(payload), Encoding.PATH_SEGMENT))
                .isInstanceOf(TemplateException.class)
                .hasMessage("placeholder {payload.id} of path 'customers/{payload.id}' has no value");
    }

    @Test
    void refusesAnObjectValue() {
        // given
        TemplateFiller filler = compile("path", "customers/{payload}");

        // when / then
        assertThatThrownBy(() -> filler.fill(exchange(Map.of("id", 1)), Encoding.PATH_SEGMENT))
                .isInstanceOf(TemplateException.class)
                .hasMessage("placeholder {payload} of path 'customers/{payload}' gives an object; a text, number or "
                        + "boolean is expected");
    }

    @Test
    void refusesAnArrayValue() {
        // given
        TemplateFiller filler = compile("query parameter ids", "{payload.ids}");

        // when / then
        assertThatThrownBy(() -> filler.fill(exchange(Map.of("ids", List.of(1, 2))), Encoding.QUERY_VALUE))
                .isInstanceOf(TemplateException.class)
                .hasMessage("placeholder {payload.ids} of query parameter ids '{payload.ids}' gives an array; a text, "
                        + "number or boolean is expected");
    }

    @Test
    void refusesALineBreakInAHeaderValue() {
        // given
        TemplateFiller filler = compile("header X-Name", "{payload.name}");

        // when / then
        assertThatThrownBy(() -> filler.fill(exchange(Map.of("name", "ada\r\nX-Admin: true")), Encoding.HEADER_VALUE))
                .isInstanceOf(TemplateException.class)
                .hasMessage("placeholder {payload.name} of header X-Name '{payload.name}' gives a value with a CR; "
                        + "header values may not hold CR, LF or NUL");
    }

    @Test
    void refusesALineFeedInAHeaderValue() {
        // given
        TemplateFiller filler = compile("header X-Name", "{payload.name}");

        // when / then
        assertThatThrownBy(() -> filler.fill(exchange(Map.of("name", "ada\nX-Admin: true")), Encoding.HEADER_VALUE))
                .isInstanceOf(TemplateException.class)
                .hasMessage("placeholder {payload.name} of header X-Name '{payload.name}' gives a value with an LF; "
                        + "header values may not hold CR, LF or NUL");
    }

    @Test
    void refusesASemicolonInACookieValue() {
        // given
        TemplateFiller filler = compile("cookie region", "{payload.region}");

        // when / then
        assertThatThrownBy(() -> filler.fill(exchange(Map.of("region", "eu; session=stolen")), Encoding.COOKIE_VALUE))
                .isInstanceOf(TemplateException.class)
                .hasMessage("placeholder {payload.region} of cookie region '{payload.region}' gives a value with ';'; "
                        + "cookie values may not hold CR, LF, NUL or ';'");
    }

    @Test
    void keepsLineBreaksInAPartValue() {
        // given
        TemplateFiller filler = compile("part note value", "{payload.note}");

        // when
        String filled = filler.fill(exchange(Map.of("note", "line 1\r\nline 2")), Encoding.NONE);

        // then
        assertThat(filled).isEqualTo("line 1\r\nline 2");
    }

    @Test
    void refusesAnUnclosedPlaceholderAtCompile() {
        // when / then
        assertThatThrownBy(() -> compile("path", "customers/{payload.id"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("path 'customers/{payload.id' has a placeholder at position 10 that is never closed; "
                        + "write '{{' for a literal brace");
    }

    @Test
    void refusesAnInvalidExpressionAtCompile() {
        // when / then
        assertThatThrownBy(() -> compile("path", "customers/{payload.id +}"))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("placeholder {payload.id +} of path 'customers/{payload.id +}' is not a valid "
                        + "JSONata expression: ");
    }

    @Test
    void namesATemplateWithoutAFieldTemplate() {
        // given
        TemplateFiller filler = TemplateFiller.compile("x/{payload.id}", "acme", "orders", ExpressionLimits.DEFAULT);

        // when / then
        assertThatThrownBy(() -> filler.fill(exchange(null), Encoding.NONE))
                .isInstanceOf(TemplateException.class)
                .hasMessage("placeholder {payload.id} of template 'x/{payload.id}' has no value");
    }

    private static TemplateFiller compile(String field, String template) {
        return TemplateFiller.compile(field, template, "acme", "orders", ExpressionLimits.DEFAULT);
    }

    private static Exchange exchange(Object payload) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(payload);
        return exchange;
    }
}
