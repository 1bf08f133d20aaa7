package org.flowserver.processors;

import com.dashjoin.jsonata.Jsonata;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code filter}: a message whose condition is not truthy skips the rest of the flow. */
final class FilterStep implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(FilterStep.class);

    private final String processorId;
    private final Expression condition;

    FilterStep(String processorId, Expression condition) {
        this.processorId = processorId;
        this.condition = condition;
    }

    @Override
    public void process(Exchange exchange) {
        Object result = condition.evaluate(exchange);
        if (!Jsonata.boolize(result == Jsonata.NULL_VALUE ? null : result)) {
            LOG.atDebug().addKeyValue("processor", processorId).addKeyValue("messageId", exchange.getExchangeId())
                    .log("Message filtered out");
            exchange.setRouteStop(true);
        }
    }
}
