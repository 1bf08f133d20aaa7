package org.flowserver.processors;

import com.dashjoin.jsonata.Jsonata;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** {@code setExchangeProperty}: the result of the expression becomes the property; no result removes it. */
final class SetExchangePropertyStep implements Processor {

    private final String propertyName;
    private final Expression source;

    SetExchangePropertyStep(String propertyName, Expression source) {
        this.propertyName = propertyName;
        this.source = source;
    }

    @Override
    public void process(Exchange exchange) {
        Object value = source.evaluate(exchange);
        if (value == null || value == Jsonata.NULL_VALUE) {
            exchange.removeProperty(propertyName);
        } else {
            exchange.setProperty(propertyName, value);
        }
    }
}
