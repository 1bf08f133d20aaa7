package org.flowserver.processors;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.flowserver.dsl.PayloadArchivingStrategy;
import org.flowserver.dsl.ProcessorSpec;
import org.flowserver.processors.trace.ArchivedPayload;
import org.flowserver.processors.trace.MessageRecorder;
import org.flowserver.processors.trace.StepOutcome;
import org.flowserver.processors.trace.StepTrace;

/**
 * One processor of a pipeline with what every processor does around its own work: its exchange properties,
 * its message log line, and its step in the message's trace (with the payload when it archives payloads).
 */
final class FlowStep {

    private final ProcessorSpec spec;
    private final Processor processor;
    private final Map<String, String> exchangeProperties;
    private final Optional<MessageLogger> logger;
    private final Optional<PayloadArchivingStrategy> archiving;
    private final boolean retainPayloadOnFailure;

    FlowStep(ProcessorSpec spec, Processor processor, Optional<MessageLogger> logger) {
        this.spec = spec;
        this.processor = processor;
        this.exchangeProperties = spec.common().exchangePropertyMap();
        this.logger = logger;
        this.archiving = spec.common().payloadArchivingStrategy();
        this.retainPayloadOnFailure = spec.common().retainPayloadOnFailure();
    }

    void run(Exchange exchange, MessageRecorder recorder) {
        Instant start = recorder.now();
        long startNanos = System.nanoTime();
        Optional<ArchivedPayload> before = archiving.filter(PayloadArchivingStrategy::archiveBefore)
                .map(strategy -> PayloadArchive.of(exchange.getMessage().getBody(), strategy.maxBytes()));
        // A reference is enough: processors replace the payload, they never change it in place.
        Object incoming = exchange.getMessage().getBody();
        exchangeProperties.forEach(exchange::setProperty);
        try {
            if (processor instanceof MessageProcessor messageProcessor) {
                messageProcessor.process(exchange, recorder);
            } else {
                processor.process(exchange);
            }
        } catch (Exception e) {
            // retainPayloadOnFailure keeps the payload the failing step received in the trace too (and for the
            // dead-letter flow), capped like an archived payload.
            Optional<ArchivedPayload> kept = before.isPresent() || !retainPayloadOnFailure ? before
                    : Optional.of(PayloadArchive.of(incoming, PayloadArchivingStrategy.DEFAULT_MAX_BYTES));
            recorder.step(new StepTrace(spec.id(), spec.type(), start, micros(startNanos), StepOutcome.FAILED,
                    kept, Optional.empty(), retainPayloadOnFailure
                            ? Optional.of(Redaction.properties(exchange.getProperties())) : Optional.empty()));
            throw new FlowStepException(spec.id(), spec.type(), e,
                    retainPayloadOnFailure ? Optional.ofNullable(incoming) : Optional.empty());
        }
        Optional<ArchivedPayload> after = archiving.filter(PayloadArchivingStrategy::archiveAfter)
                .map(strategy -> PayloadArchive.of(exchange.getMessage().getBody(), strategy.maxBytes()));
        Optional<Map<String, Object>> properties = archiving.map(strategy -> Redaction.properties(exchange.getProperties()));
        recorder.step(new StepTrace(spec.id(), spec.type(), start, micros(startNanos),
                exchange.isRouteStop() ? StepOutcome.FILTERED : StepOutcome.COMPLETED, before, after, properties));
        logger.ifPresent(log -> log.log(exchange));
    }

    /** A processor that needs the message's identity (its id and correlation id), not only the exchange. */
    interface MessageProcessor extends Processor {

        void process(Exchange exchange, MessageRecorder recorder);

        @Override
        default void process(Exchange exchange) {
            throw new UnsupportedOperationException("Runs only as a step of a flow, with the message's recorder");
        }
    }

    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000;
    }
}
