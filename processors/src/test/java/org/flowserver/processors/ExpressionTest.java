package org.flowserver.processors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExpressionTest {

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
    void evaluatesAgainstTheMessageDocument() {
        // given
        Expression expression = new Expression("{ 'id': payload.id, 'method': properties.`http.method`, "
                + "'flow': ownerId & '/' & flowId, 'hasId': $exists(messageId) }", "acme", "orders", ExpressionLimits.DEFAULT);
        Exchange exchange = exchange(Map.of("id", 7));
        exchange.setProperty("http.method", "POST");

        // when
        Object result = expression.evaluate(exchange);

        // then
        assertThat(result).isEqualTo(Map.of("id", 7, "method", "POST", "flow", "acme/orders", "hasId", true));
    }

    @Test
    void oneExpressionEvaluatesCorrectlyFromManyThreadsAtOnce() throws Exception {
        // given
        Expression expression = new Expression("{ 'n': payload.n, 'double': payload.n * 2 }", "acme", "orders",
                ExpressionLimits.DEFAULT);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            int n = i;
            calls.add(() -> expression.evaluate(exchange(Map.of("n", n))).equals(Map.of("n", n, "double", n * 2)));
        }

        // when
        List<Future<Boolean>> results = threads.invokeAll(calls);
        threads.shutdown();

        // then
        for (Future<Boolean> result : results) {
            assertThat(result.get()).isTrue();
        }
    }

    @Test
    void millisAndNowAreTheTimeOfEachEvaluation() throws Exception {
        // given
        Expression millis = new Expression("$millis()", "acme", "orders", ExpressionLimits.DEFAULT);
        Expression now = new Expression("$now()", "acme", "orders", ExpressionLimits.DEFAULT);

        // when
        long first = ((Number) millis.evaluate(exchange(null))).longValue();
        Thread.sleep(25);
        long second = ((Number) millis.evaluate(exchange(null))).longValue();
        String timestamp = (String) now.evaluate(exchange(null));

        // then
        assertThat(second - first).isGreaterThanOrEqualTo(25);
        assertThat(java.time.Instant.parse(timestamp).toEpochMilli()).isGreaterThanOrEqualTo(second);
    }

    @Test
    void aRunawayExpressionFailsInsteadOfHoldingTheThread() {
        // given
        Expression recursion = new Expression("($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100000))",
                "acme", "orders", new ExpressionLimits(5_000, 50));

        // when, then
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> recursion.evaluate(exchange(null)))
                .hasMessageContaining("Stack overflow error: Check for non-terminating recursive function.");
    }

    private static Exchange exchange(Object payload) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(payload);
        return exchange;
    }
}
