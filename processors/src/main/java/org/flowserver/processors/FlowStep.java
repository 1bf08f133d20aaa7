package org.flowserver.processors;

import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.flowserver.dsl.ProcessorSpec;

/** One processor of a pipeline with what every processor does around its own work. */
final class FlowStep {

    private final ProcessorSpec spec;
    private final Processor processor;
    private final Map<String, String> exchangeProperties;
    private final Optional<MessageLogger> logger;

    FlowStep(ProcessorSpec spec, Processor processor, Optional<MessageLogger> logger) {
        this.spec = spec;
        this.processor = processor;
        this.exchangeProperties = spec.common().exchangePropertyMap();
        this.logger = logger;
    }

    void run(Exchange exchange) {
        exchangeProperties.forEach(exchange::setProperty);
        try {
            processor.process(exchange);
        } catch (Exception e) {
            throw new FlowStepException(spec.id(), spec.type(), e);
        }
        logger.ifPresent(log -> log.log(exchange));
    }
}
