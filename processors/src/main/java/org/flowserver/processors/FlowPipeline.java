package org.flowserver.processors;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.BooleanSupplier;
import org.apache.camel.Exchange;
import org.flowserver.dsl.FlowSpec;
import org.flowserver.dsl.RedeliveryPolicySpec;
import org.flowserver.processors.trace.MessageRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processors after the source, run in order on the thread that received the message (and, after an outbound
 * call, on the worker thread its answer resumes on), and run again from the start when one fails transiently, as
 * the flow's redelivery policy says.
 */
public final class FlowPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(FlowPipeline.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    private static final long CANCEL_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final String ownerId;
    private final String flowId;
    private final FlowStep[] steps;
    private final RedeliveryPolicySpec redelivery;

    FlowPipeline(FlowSpec flow, List<FlowStep> steps) {
        this.ownerId = flow.ownerId();
        this.flowId = flow.id();
        this.steps = steps.toArray(new FlowStep[0]);
        this.redelivery = flow.redelivery();
    }

    /**
     * Runs every processor on the message on this thread, stopping early when one filters it out; each adds its
     * step to the message's trace. A processor that calls out makes this thread wait for the answer. When a
     * processor fails transiently ({@link TransientFailure}) and attempts are left, the message is tried again after
     * the policy's delay, from the payload and exchange properties it had before the first processor, as a new
     * attempt in its trace. The delay is waited on this thread.
     *
     * @throws FlowStepException naming the processor that failed, and how many attempts failed
     */
    public void run(Exchange exchange, MessageRecorder recorder) {
        try {
            run(exchange, recorder, () -> false, null).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof FlowStepException failure) {
                throw failure;
            }
            throw e;
        }
    }

    /**
     * Runs the message as {@link #run(Exchange, MessageRecorder)} does, but without holding a thread while a
     * processor waits for an outbound call or while a redelivery delay passes: the rest runs on a thread of
     * {@code resume} (the server's worker pool). Stops before the next processor or attempt once {@code cancelled}
     * says so (its caller stopped waiting).
     *
     * @param resume  where the message goes on after a wait; {@code null} to wait on this thread
     * @return completes when the message ran through; fails with a {@link FlowStepException} naming the processor
     *         that failed, and how many attempts failed
     */
    public CompletableFuture<Void> run(Exchange exchange, MessageRecorder recorder, BooleanSupplier cancelled,
                                       Executor resume) {
        if (redelivery.maxAttempts() == 1) {
            return runFrom(0, exchange, recorder, cancelled, resume);
        }
        Object payload = exchange.getMessage().getBody();
        Map<String, Object> properties = new HashMap<>(exchange.getProperties());
        return attempt(1, payload, properties, exchange, recorder, cancelled, resume);
    }

    private CompletableFuture<Void> attempt(int attempt, Object payload, Map<String, Object> properties,
                                            Exchange exchange, MessageRecorder recorder, BooleanSupplier cancelled,
                                            Executor resume) {
        CompletableFuture<Void> run = runFrom(0, exchange, recorder, cancelled, resume);
        return run.handle((done, failure) -> {
            if (failure == null) {
                return run;
            }
            FlowStepException e = (FlowStepException) unwrap(failure);
            Throwable cause = e.getCause();
            if (!TransientFailure.isTransient(cause) || TransientFailure.isExhausted(cause)) {
                return CompletableFuture.<Void>failedFuture(e);
            }
            if (attempt >= redelivery.maxAttempts() || cancelled.getAsBoolean()) {
                return CompletableFuture.<Void>failedFuture(e.exhausted(attempt));
            }
            long delay = redelivery.delayBeforeAttempt(attempt + 1);
            LOG.atWarn().addKeyValue("owner", ownerId).addKeyValue("flow", flowId)
                    .addKeyValue("processor", e.processorId()).addKeyValue("messageId", recorder.messageId())
                    .addKeyValue("attempt", attempt).addKeyValue("delayMillis", delay)
                    .addKeyValue("error", e.getMessage())
                    .log("Transient failure; the message is tried again after the delay");
            Supplier<CompletableFuture<Void>> again = () -> {
                if (cancelled.getAsBoolean()) {
                    return CompletableFuture.failedFuture(e.exhausted(attempt));
                }
                exchange.getProperties().clear();
                exchange.getProperties().putAll(properties);
                exchange.getMessage().setBody(payload);
                exchange.setRouteStop(false);
                recorder.retrying();
                return attempt(attempt + 1, payload, properties, exchange, recorder, cancelled, resume);
            };
            if (resume == null) {
                return sleep(delay, cancelled) ? again.get() : CompletableFuture.<Void>failedFuture(e.exhausted(attempt));
            }
            return CompletableFuture.supplyAsync(again, CompletableFuture.delayedExecutor(delay,
                    TimeUnit.MILLISECONDS, resume)).thenCompose(Function.identity());
        }).thenCompose(Function.identity());
    }

    /** Runs the steps from {@code index} on: on this thread up to the first that calls out, then after its answer. */
    private CompletableFuture<Void> runFrom(int index, Exchange exchange, MessageRecorder recorder,
                                            BooleanSupplier cancelled, Executor resume) {
        for (int i = index; i < steps.length; i++) {
            if (exchange.isRouteStop() || cancelled.getAsBoolean()) {
                return DONE;
            }
            CompletableFuture<Void> step = steps[i].run(exchange, recorder, cancelled, resume);
            if (!step.isDone()) {
                int next = i + 1;
                return step.thenCompose(done -> runFrom(next, exchange, recorder, cancelled, resume));
            }
            if (step.isCompletedExceptionally()) {
                return step;
            }
        }
        return DONE;
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /**
     * Waits, in slices so that a cancelled message (its caller stopped waiting) frees its thread soon; false when
     * cancelled or interrupted (the server is stopping), with the interrupt kept.
     */
    private static boolean sleep(long millis, BooleanSupplier cancelled) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                if (cancelled.getAsBoolean()) {
                    return false;
                }
                TimeUnit.NANOSECONDS.sleep(Math.min(left, CANCEL_CHECK_NANOS));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
