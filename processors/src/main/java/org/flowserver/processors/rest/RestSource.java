package org.flowserver.processors.rest;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.camel.Exchange;
import org.flowserver.dsl.ExchangePattern;
import org.flowserver.dsl.FlowSpec;
import org.flowserver.dsl.RestApiSpec;
import org.flowserver.processors.FlowPipeline;
import org.flowserver.processors.FlowSource;
import org.flowserver.processors.FlowStepException;
import org.flowserver.processors.MessageLogger;
import org.flowserver.processors.TypedFailure;
import org.flowserver.processors.handoff.DeadLetters;
import org.flowserver.processors.handoff.HandoffSource;
import org.flowserver.processors.http.FieldError;
import org.flowserver.processors.http.HttpResponses;
import org.flowserver.processors.http.ProblemDetail;
import org.flowserver.processors.http.ProblemType;
import org.flowserver.processors.trace.MessageObserver;
import org.flowserver.processors.trace.MessageRecorder;
import org.flowserver.processors.trace.TraceError;
import org.flowserver.processors.trace.TracedFlow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every {@code restApi} source does with a message: give it its identity ({@code X-Message-Id}, and
 * {@code X-Correlation-Id} taken from the caller or else the message id, both on every answer), let the
 * concrete source prepare it (properties, payload, validation), run the flow as its exchange pattern says,
 * answer, and record all of it in the message's trace.
 */
abstract class RestSource implements FlowSource {

    static final String MESSAGE_ID = "X-Message-Id";
    static final String CORRELATION_ID = "X-Correlation-Id";
    private static final int MAX_CORRELATION_ID = 128;
    /** The seed's answer of a disabled flow, and when to try again. */
    static final String DISABLED_BODY = "{\"message\": \"Request rejected because the endpoint has been disabled.\"}";
    static final int DISABLED_RETRY_AFTER_SECONDS = 60;
    private static final Logger LOG = LoggerFactory.getLogger(RestSource.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    final FlowSpec flow;
    final int basePathLength;
    private final String sourceId;
    private final TracedFlow traced;
    private final MessageObserver observer;
    private final RestResponder responder;
    private final Optional<MessageLogger> logger;
    private final DeadLetters deadLetters;
    private final boolean retainPayloadOnFailure;
    private final boolean forwardPreprocessingErrors;
    private final long requestTimeoutMillis;

    RestSource(FlowSpec flow, RestApiSpec spec, MessageObserver observer, Optional<MessageLogger> logger,
               DeadLetters deadLetters, Duration requestTimeout) {
        this.deadLetters = deadLetters;
        this.requestTimeoutMillis = requestTimeout.toMillis();
        this.retainPayloadOnFailure = spec.common().retainPayloadOnFailure();
        this.forwardPreprocessingErrors = spec.forwardMessagePreprocessingErrors();
        this.flow = flow;
        this.basePathLength = FlowPaths.basePath(flow.ownerId(), flow.id()).length();
        this.sourceId = spec.id();
        this.traced = new TracedFlow(flow.ownerId(), flow.id(), spec.common().name().orElse(flow.id()), spec.type());
        this.observer = observer;
        this.responder = new RestResponder(flow.ownerId(), flow.id(), Charset.forName(spec.responseConversionCharacterSet()));
        this.logger = logger;
    }

    /** How the flow's answer is made once it has run, and who called (empty for an anonymous caller). */
    record Answer(int defaultStatus, RestResponder.ResponseContract contract, Optional<String> principal) {
    }

    /** The exchange property with the caller's service account, when the endpoint authenticated one. */
    static final String PRINCIPAL = "http.principal";

    /**
     * Sets the message's properties and payload from the request and checks it.
     *
     * @return how the answer is made
     * @throws RequestRejectedException with the 4xx problem, when the request goes no further
     */
    abstract Answer prepare(Exchange exchange, RoutingContext context, Buffer body);

    @Override
    public final CompletableFuture<Void> handle(Exchange exchange, FlowPipeline pipeline, boolean disabled) {
        InboundRequest request = (InboundRequest) exchange.getIn().getBody();
        RoutingContext context = request.context();
        HttpServerResponse response = context.response();
        String messageId = exchange.getExchangeId();
        String sentCorrelationId = context.request().getHeader(CORRELATION_ID);
        boolean correlationIdValid = sentCorrelationId == null || isValidCorrelationId(sentCorrelationId);
        MessageRecorder recorder = MessageRecorder.arrived(observer, traced, messageId,
                sentCorrelationId != null && correlationIdValid ? sentCorrelationId : messageId);
        recorder.messageSize(request.body().length());
        response.putHeader(MESSAGE_ID, messageId);
        response.putHeader(CORRELATION_ID, recorder.correlationId());
        Answer answer;
        try {
            if (!correlationIdValid) {
                String message = "The X-Correlation-Id header must be 1 to " + MAX_CORRELATION_ID
                        + " visible ASCII characters; leave it out to use the message id";
                throw new RequestRejectedException(new ProblemDetail(ProblemType.MALFORMED_REQUEST, message,
                        List.of(new FieldError("header", "/" + CORRELATION_ID, message))));
            }
            answer = prepare(exchange, context, request.body());
            answer.principal().ifPresent(recorder::principal);
        } catch (RequestRejectedException rejected) {
            rejected.headers().forEach(response::putHeader);
            HttpResponses.problem(response, rejected.problem());
            TraceError error = new TraceError(TraceError.PREPROCESSING, code(rejected.problem().type()),
                    rejected.problem().detail(), Optional.of(sourceId));
            if (forwardPreprocessingErrors) {
                // A failed message of the flow, handled like a pipeline error (the dead-letter strategy
                // decides whether preprocessing errors reach its flow); the caller has its 4xx already.
                failed(exchange, recorder, error, retainPayloadOnFailure && request.body().length() > 0
                        ? Optional.of(request.body().getBytes()) : Optional.empty());
            } else {
                recorder.rejected(error);
            }
            return DONE;
        }
        if (disabled) {
            response.setStatusCode(503).putHeader("Retry-After", String.valueOf(DISABLED_RETRY_AFTER_SECONDS))
                    .putHeader("Content-Type", "application/json").end(DISABLED_BODY);
            recorder.rejected(new TraceError(TraceError.DISABLED, "flow-disabled",
                    "The flow is disabled; the request was valid and was refused with 503", Optional.of(sourceId)));
            return DONE;
        }
        logger.ifPresent(log -> log.log(exchange));
        recorder.started();
        Optional<Object> incoming = retainPayloadOnFailure ? Optional.ofNullable(exchange.getIn().getBody())
                : Optional.empty();
        Executor resume = workers(context.vertx());
        if (flow.exchangePattern() == ExchangePattern.OneWay) {
            response.setStatusCode(202).end();
            return run(exchange, pipeline, recorder, () -> false, resume).thenAccept(failure -> failure.ifPresentOrElse(
                    f -> failed(exchange, recorder, f.error(), f.retainedPayload().or(() -> incoming)),
                    recorder::completed));
        }
        if (requestTimeoutMillis <= 0) {
            return run(exchange, pipeline, recorder, () -> false, resume)
                    .thenAccept(failure -> answer(exchange, response, recorder, answer, failure, incoming));
        }
        // The caller waits at most the request timeout: then it gets a 504, and the flow stops before its next
        // processor (or its next attempt). Whoever claims the answer first answers.
        AtomicBoolean answered = new AtomicBoolean();
        long timer = context.vertx().setTimer(requestTimeoutMillis, id -> {
            if (answered.compareAndSet(false, true)) {
                HttpResponses.problem(response, ProblemDetail.of(ProblemType.FLOW_TIMEOUT, "The flow did not "
                        + "answer within " + requestTimeoutMillis + " ms; it stops before its next processor. "
                        + "The trace of message " + messageId + " shows how far it got."));
            }
        });
        return run(exchange, pipeline, recorder, answered::get, resume).thenAccept(failure -> {
            context.vertx().cancelTimer(timer);
            if (answered.compareAndSet(false, true)) {
                answer(exchange, response, recorder, answer, failure, incoming);
                return;
            }
            LOG.atWarn().addKeyValue("owner", flow.ownerId()).addKeyValue("flow", flow.id())
                    .addKeyValue("messageId", messageId).addKeyValue("requestTimeoutMillis", requestTimeoutMillis)
                    .log("The flow did not answer within the request timeout; the caller got 504");
            TraceError timeout = new TraceError(TraceError.PROCESSING, code(ProblemType.FLOW_TIMEOUT),
                    "The flow did not answer within the request timeout of " + requestTimeoutMillis
                            + " ms; the caller got 504" + failure.map(f -> " and the flow failed: "
                            + f.error().message()).orElse(""), failure.flatMap(f -> f.error().processorId()));
            failed(exchange, recorder, timeout, failure.flatMap(Failure::retainedPayload).or(() -> incoming));
        });
    }

    /** Answers the caller once the flow ran: its failure, or the answer the flow made. */
    private void answer(Exchange exchange, HttpServerResponse response, MessageRecorder recorder, Answer answer,
                        Optional<Failure> failure, Optional<Object> incoming) {
        if (failure.isPresent()) {
            HttpResponses.problem(response, ProblemDetail.of(ProblemType.PROCESSING_FAILED,
                    "The flow failed to process the message; the server log has the details under messageId "
                            + exchange.getExchangeId() + "."));
            failed(exchange, recorder, failure.get().error(), failure.get().retainedPayload().or(() -> incoming));
            return;
        }
        responder.respond(exchange, response, answer.defaultStatus(), answer.contract())
                .ifPresentOrElse(error -> failed(exchange, recorder, error, incoming), recorder::completed);
    }

    /**
     * The server's worker threads, where a message goes on after an outbound call answered (on an event loop):
     * decoding the answer and the processors after it must not hold an event loop.
     */
    private static Executor workers(Vertx vertx) {
        return task -> vertx.executeBlocking(() -> {
            task.run();
            return null;
        }, false);
    }

    /** Records the failure, then (the caller has its answer) hands the message to the dead-letter flow. */
    private void failed(Exchange exchange, MessageRecorder recorder, TraceError error, Optional<Object> payload) {
        recorder.failed(error);
        deadLetters.deliver(exchange.getContext(), exchange.getProperties(), payload, error, recorder);
    }

    /** Why the pipeline failed, and the payload kept for the dead-letter flow by the failing processor. */
    private record Failure(TraceError error, Optional<Object> retainedPayload) {
    }

    /** Runs the pipeline until it ends or is cancelled; completes with the failure when a processor failed. */
    private CompletableFuture<Optional<Failure>> run(Exchange exchange, FlowPipeline pipeline,
                                                     MessageRecorder recorder, BooleanSupplier cancelled,
                                                     Executor resume) {
        return pipeline.run(exchange, recorder, cancelled, resume).handle((done, thrown) -> {
            if (thrown == null) {
                return Optional.empty();
            }
            Throwable unwrapped = thrown instanceof CompletionException && thrown.getCause() != null
                    ? thrown.getCause() : thrown;
            if (!(unwrapped instanceof FlowStepException e)) {
                throw thrown instanceof CompletionException completion ? completion : new CompletionException(thrown);
            }
            LOG.atError().addKeyValue("owner", flow.ownerId()).addKeyValue("flow", flow.id())
                    .addKeyValue("processor", e.processorId()).addKeyValue("messageId", exchange.getExchangeId())
                    .setCause(e.getCause()).log(e.getMessage());
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return Optional.of(new Failure(new TraceError(e.category(), TypedFailure.of(cause),
                    e.getMessage(), Optional.of(e.processorId())), e.retainedPayload()));
        });
    }

    static String code(ProblemType type) {
        return type.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static boolean isValidCorrelationId(String value) {
        if (value.isEmpty() || value.length() > MAX_CORRELATION_ID) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
