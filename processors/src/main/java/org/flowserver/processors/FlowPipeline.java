package org.flowserver.processors;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.camel.Exchange;
import org.flowserver.dsl.FlowSpec;
import org.flowserver.dsl.RedeliveryPolicySpec;
import org.flowserver.processors.trace.MessageRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processors after the source, run in order on the thread that received the message, and run again from the
 * start when one fails transiently, as the flow's redelivery policy says.
 */
public final class FlowPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(FlowPipeline.class);
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
     * Runs every processor on the message, stopping early when one filters it out; each adds its step to the
     * message's trace. When a processor fails transiently ({@link TransientFailure}) and attempts are left, the
     * message is tried again after the policy's delay, from the payload and exchange properties it had before the
     * first processor, as a new attempt in its trace. The delay is waited on this thread: the caller of a
     * {@code RequestResponse} flow waits for the outcome anyway.
     *
     * @throws FlowStepException naming the processor that failed, and how many attempts failed
     */
    public void run(Exchange exchange, MessageRecorder recorder) {
        run(exchange, recorder, () -> false);
    }

    /**
     * Runs the message as {@link #run(Exchange, MessageRecorder)} does, stopping before the next processor or
     * attempt once {@code cancelled} says so (its caller stopped waiting).
     *
     * @throws FlowStepException naming the processor that failed, and how many attempts failed
     */
    public void run(Exchange exchange, MessageRecorder recorder, BooleanSupplier cancelled) {
        if (redelivery.maxAttempts() == 1) {
            runOnce(exchange, recorder, cancelled);
            return;
        }
        Object payload = exchange.getMessage().getBody();
        Map<String, Object> properties = new HashMap<>(exchange.getProperties());
        for (int attempt = 1; ; attempt++) {
            try {
                runOnce(exchange, recorder, cancelled);
                return;
            } catch (FlowStepException e) {
                if (!TransientFailure.isTransient(e.getCause())) {
                    throw e;
                }
                if (attempt >= redelivery.maxAttempts() || cancelled.getAsBoolean()) {
                    throw e.exhausted(attempt);
                }
                long delay = redelivery.delayBeforeAttempt(attempt + 1);
                LOG.atWarn().addKeyValue("owner", ownerId).addKeyValue("flow", flowId)
                        .addKeyValue("processor", e.processorId()).addKeyValue("messageId", recorder.messageId())
                        .addKeyValue("attempt", attempt).addKeyValue("delayMillis", delay)
                        .addKeyValue("error", e.getMessage())
                        .log("Transient failure; the message is tried again after the delay");
                if (!sleep(delay, cancelled) || cancelled.getAsBoolean()) {
                    throw e.exhausted(attempt);
                }
                exchange.getProperties().clear();
                exchange.getProperties().putAll(properties);
                exchange.getMessage().setBody(payload);
                exchange.setRouteStop(false);
                recorder.retrying();
            }
        }
    }

    private void runOnce(Exchange exchange, MessageRecorder recorder, BooleanSupplier cancelled) {
        for (FlowStep step : steps) {
            if (exchange.isRouteStop() || cancelled.getAsBoolean()) {
                return;
            }
            step.run(exchange, recorder);
        }
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
