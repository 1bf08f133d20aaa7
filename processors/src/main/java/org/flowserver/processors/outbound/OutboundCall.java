package org.flowserver.processors.outbound;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.future.PromiseInternal;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import org.flowserver.dsl.RetryPolicySpec;
import org.flowserver.processors.outbound.AttemptOutcome.Answer;
import org.flowserver.processors.outbound.AttemptOutcome.Failure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One outbound call: its attempts and the waits between them. Everything runs on one event-loop context, so the
 * state needs no locking; a future from elsewhere (credentials, the clock) is brought back to it first.
 *
 * <p>Retries follow {@link RetryPolicySpec}: the wait before retry n is {@code delayBeforeRetry(n)}, or what the
 * answer's {@code Retry-After} asks for when that is longer. {@code Retry-After} is not capped by
 * {@code maximum} (retrying sooner than a server asked mostly earns another 503 or 429), but no attempt starts
 * later than {@code deadline} after the first one started: a wait that would end beyond it is not waited, and the
 * call fails at once with {@link RestCallException#exhausted()} true. A cancelled message (its caller stopped
 * waiting) ends the retries the same way, also {@code exhausted}: the flow must not redeliver it either.
 */
final class OutboundCall {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundCall.class);

    /** The client a call goes through, its pool limits (for messages), and the clock of its waits. */
    record Target(HttpClient client, PoolLimits pool, OutboundClock clock) {
    }

    private final Target target;
    private final ContextInternal context;
    private final OutboundRequest request;
    private final CallSettings settings;
    private final Credentials credentials;
    private final CallContext callContext;
    private final PromiseInternal<OutboundResponse> result;
    private final boolean idempotent;
    private int attempts;
    private Instant firstStart;
    private boolean refreshUsed;

    OutboundCall(Target target, ContextInternal context, OutboundRequest request, CallSettings settings,
             Credentials credentials, CallContext callContext, PromiseInternal<OutboundResponse> result) {
        this.target = target;
        this.context = context;
        this.request = request;
        this.settings = settings;
        this.credentials = credentials;
        this.callContext = callContext;
        this.result = result;
        this.idempotent = !request.method().equals("POST") && !request.method().equals("PATCH");
    }

    /** Starts the first attempt; runs on {@link #context}. */
    void start() {
        firstStart = target.clock().now();
        attempt();
    }

    Target target() {
        return target;
    }

    ContextInternal context() {
        return context;
    }

    OutboundRequest request() {
        return request;
    }

    CallSettings settings() {
        return settings;
    }

    Credentials credentials() {
        return credentials;
    }

    /** Takes the call's one credentials refresh after a 401; false when it was taken already. */
    boolean takeRefresh() {
        if (refreshUsed) {
            return false;
        }
        refreshUsed = true;
        return true;
    }

    /** {@code future}, completing on this call's context. */
    <T> Future<T> here(Future<T> future) {
        PromiseInternal<T> promise = context.promise();
        future.onComplete(promise);
        return promise.future();
    }

    private void attempt() {
        attempts++;
        try {
            new OutboundAttempt(this).run().onComplete(done -> decide(done.result()));
        } catch (RuntimeException e) {
            // A defect of ours must not leave the caller waiting forever.
            result.tryFail(e);
        }
    }

    private void decide(AttemptOutcome outcome) {
        if (outcome instanceof Answer answer && settings.expected(answer.status())) {
            result.tryComplete(new OutboundResponse(answer.status(), answer.headers(), answer.body(), answer.url(),
                    attempts, false));
            return;
        }
        RetryPolicySpec retry = settings.retry();
        if (!retryable(outcome) || retry.deadline().isZero()) {
            result.tryFail(exception(outcome, false));
            return;
        }
        if (callContext.cancelled().getAsBoolean()) {
            result.tryFail(exception(outcome, true));
            return;
        }
        Duration delay = retry.delayBeforeRetry(attempts);
        if (outcome instanceof Answer answer) {
            Duration asked = RetryAfter.parse(answer.header("Retry-After"), target.clock().now()).orElse(Duration.ZERO);
            if (asked.compareTo(delay) > 0) {
                delay = asked;
            }
        }
        if (target.clock().now().plus(delay).isAfter(firstStart.plus(retry.deadline()))) {
            result.tryFail(exception(outcome, true));
            return;
        }
        logRetry(outcome, delay);
        here(target.clock().after(delay)).onComplete(waited -> {
            if (waited.failed() || callContext.cancelled().getAsBoolean()) {
                result.tryFail(exception(outcome, true));
            } else {
                attempt();
            }
        });
    }

    private boolean retryable(AttemptOutcome outcome) {
        boolean methodAllows = idempotent || settings.retry().retryNonIdempotent();
        if (outcome instanceof Answer answer) {
            return settings.retry().statusCodes().contains(answer.status()) && methodAllows;
        }
        return switch (((Failure) outcome).retry()) {
            case ALWAYS -> true;
            case IF_IDEMPOTENT -> methodAllows;
            case NEVER -> false;
        };
    }

    private boolean transientOutcome(AttemptOutcome outcome) {
        if (outcome instanceof Answer answer) {
            return settings.retry().statusCodes().contains(answer.status());
        }
        return ((Failure) outcome).retry() != AttemptOutcome.Retry.NEVER;
    }

    private RestCallException exception(AttemptOutcome outcome, boolean exhausted) {
        boolean transientFailure = transientOutcome(outcome);
        if (outcome instanceof Answer answer) {
            return new RestCallException(message(outcome), RestErrorKind.of(answer.status()),
                    new OutboundResponse(answer.status(), answer.headers(), answer.body(), answer.url(), attempts,
                            false), attempts, transientFailure, exhausted);
        }
        Failure failure = (Failure) outcome;
        return new RestCallException(message(outcome), failure.kind(), failure.status(), "", attempts,
                transientFailure, exhausted, failure.cause());
    }

    /** {@code GET https://host/path answered 404 (not-found) after 1 attempt}, or {@code ... failed (kind) ...}. */
    private String message(AttemptOutcome outcome) {
        String call = request.method() + " " + CallUrls.safe(request.uri());
        String tries = " after " + attempts + (attempts == 1 ? " attempt" : " attempts");
        if (outcome instanceof Answer answer) {
            return call + " answered " + answer.status() + " (" + RestErrorKind.of(answer.status()).code() + ")"
                    + tries;
        }
        Failure failure = (Failure) outcome;
        return call + " failed (" + failure.kind().code() + ")" + tries + ": " + failure.detail();
    }

    private void logRetry(AttemptOutcome outcome, Duration delay) {
        Object status = outcome instanceof Answer answer ? answer.status()
                : ((Failure) outcome).status().isPresent() ? ((Failure) outcome).status().getAsInt() : "none";
        String kind = outcome instanceof Answer answer ? RestErrorKind.of(answer.status()).code()
                : ((Failure) outcome).kind().code();
        LOG.atWarn().addKeyValue("owner", callContext.ownerId()).addKeyValue("flow", callContext.flowId())
                .addKeyValue("processor", callContext.processorId()).addKeyValue("messageId", callContext.messageId())
                .addKeyValue("attempt", attempts).addKeyValue("delayMillis", delay.toMillis())
                .addKeyValue("status", status).addKeyValue("kind", kind)
                .log("Retrying an outbound call: {}", message(outcome));
    }
}
