package org.flowserver.processors;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
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

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

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

    /** Whether the step waits for something outside the server (an outbound call) without holding a thread. */
    boolean isAsync() {
        return processor instanceof AsyncMessageProcessor;
    }

    /**
     * Runs the step. A step that calls out ({@link AsyncMessageProcessor}) returns at once with its call under way;
     * the rest of its work, and what follows, goes on on a thread of {@code resume} once the answer arrived. With
     * no {@code resume} executor this thread waits for the answer and does the rest itself.
     *
     * @return completes when the step is done; fails with a {@link FlowStepException}
     */
    CompletableFuture<Void> run(Exchange exchange, MessageRecorder recorder, BooleanSupplier cancelled,
                                Executor resume) {
        Instant start = recorder.now();
        long startNanos = System.nanoTime();
        Optional<ArchivedPayload> before = archiving.filter(PayloadArchivingStrategy::archiveBefore)
                .map(strategy -> PayloadArchive.of(exchange.getMessage().getBody(), strategy.maxBytes()));
        // A reference is enough: processors replace the payload, they never change it in place.
        Object incoming = exchange.getMessage().getBody();
        exchangeProperties.forEach(exchange::setProperty);
        if (processor instanceof AsyncMessageProcessor call) {
            CompletableFuture<Completion> started;
            try {
                started = call.start(exchange, recorder, cancelled).toCompletableFuture();
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(failed(exchange, recorder, e, start, startNanos, before, incoming));
            }
            if (resume == null) {
                Completion completion;
                try {
                    completion = started.join();
                } catch (CompletionException e) {
                    return CompletableFuture.failedFuture(failed(exchange, recorder, cause(e), start, startNanos,
                            before, incoming));
                }
                return finish(exchange, recorder, completion, start, startNanos, before, incoming);
            }
            return started.handleAsync((completion, failure) -> failure == null
                            ? finish(exchange, recorder, completion, start, startNanos, before, incoming)
                            : CompletableFuture.<Void>failedFuture(failed(exchange, recorder, cause(failure), start,
                                    startNanos, before, incoming)), resume)
                    .thenCompose(Function.identity());
        }
        try {
            if (processor instanceof MessageProcessor messageProcessor) {
                messageProcessor.process(exchange, recorder);
            } else {
                processor.process(exchange);
            }
        } catch (Exception e) {
            return CompletableFuture.failedFuture(failed(exchange, recorder, e, start, startNanos, before, incoming));
        }
        completed(exchange, recorder, start, startNanos, before);
        return DONE;
    }

    private CompletableFuture<Void> finish(Exchange exchange, MessageRecorder recorder, Completion completion,
                                           Instant start, long startNanos, Optional<ArchivedPayload> before,
                                           Object incoming) {
        try {
            completion.finish(exchange);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(failed(exchange, recorder, e, start, startNanos, before, incoming));
        }
        completed(exchange, recorder, start, startNanos, before);
        return DONE;
    }

    private void completed(Exchange exchange, MessageRecorder recorder, Instant start, long startNanos,
                           Optional<ArchivedPayload> before) {
        Optional<ArchivedPayload> after = archiving.filter(PayloadArchivingStrategy::archiveAfter)
                .map(strategy -> PayloadArchive.of(exchange.getMessage().getBody(), strategy.maxBytes()));
        Optional<Map<String, Object>> properties = archiving.map(strategy -> Redaction.properties(exchange.getProperties()));
        recorder.step(new StepTrace(spec.id(), spec.type(), start, micros(startNanos),
                exchange.isRouteStop() ? StepOutcome.FILTERED : StepOutcome.COMPLETED, before, after, properties));
        logger.ifPresent(log -> log.log(exchange));
    }

    private FlowStepException failed(Exchange exchange, MessageRecorder recorder, Throwable e, Instant start,
                                     long startNanos, Optional<ArchivedPayload> before, Object incoming) {
        // retainPayloadOnFailure keeps the payload the failing step received in the trace too (and for the
        // dead-letter flow), capped like an archived payload.
        Optional<ArchivedPayload> kept = before.isPresent() || !retainPayloadOnFailure ? before
                : Optional.of(PayloadArchive.of(incoming, PayloadArchivingStrategy.DEFAULT_MAX_BYTES));
        recorder.step(new StepTrace(spec.id(), spec.type(), start, micros(startNanos), StepOutcome.FAILED,
                kept, Optional.empty(), retainPayloadOnFailure
                        ? Optional.of(Redaction.properties(exchange.getProperties())) : Optional.empty()));
        return new FlowStepException(spec.id(), spec.type(), e,
                retainPayloadOnFailure ? Optional.ofNullable(incoming) : Optional.empty());
    }

    private static Throwable cause(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    /** A processor that needs the message's identity (its id and correlation id), not only the exchange. */
    interface MessageProcessor extends Processor {

        void process(Exchange exchange, MessageRecorder recorder);

        @Override
        default void process(Exchange exchange) {
            throw new UnsupportedOperationException("Runs only as a step of a flow, with the message's recorder");
        }
    }

    /**
     * A processor that waits for something outside the server, an outbound call, without holding a thread while
     * it waits: {@link #start} sends, and its stage completes (usually on an event loop) with what is left to do,
     * which runs on a worker thread.
     */
    interface AsyncMessageProcessor extends Processor {

        /**
         * Starts the work on the calling (worker) thread; what may fail before anything is sent throws here.
         *
         * @param cancelled true once the message's caller stopped waiting
         */
        CompletionStage<Completion> start(Exchange exchange, MessageRecorder recorder, BooleanSupplier cancelled);

        @Override
        default void process(Exchange exchange) {
            throw new UnsupportedOperationException("Runs only as a step of a flow, with the message's recorder");
        }
    }

    /** What an {@link AsyncMessageProcessor} does once its wait is over, on a worker thread. */
    @FunctionalInterface
    interface Completion {

        void finish(Exchange exchange) throws Exception;
    }

    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000;
    }
}
