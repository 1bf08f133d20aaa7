package org.flowserver.processors;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** {@code setPayload} and {@code map}: the result of the expression becomes the payload. */
final class SetPayloadStep implements Processor {

    private final Expression expression;

    SetPayloadStep(Expression expression) {
        this.expression = expression;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage().setBody(expression.evaluate(exchange));
    }
}
