package org.flowserver.processors.rest;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConsumer;
import org.flowserver.processors.http.HttpResponses;
import org.flowserver.processors.http.ProblemDetail;
import org.flowserver.processors.http.ProblemType;

/**
 * A platform-http consumer that hands the request to the flow as an {@link InboundRequest} instead of copying
 * every request header and query parameter into Camel headers. Nothing of the request can then leak into
 * the response, and the hot path does no work the flow does not need.
 *
 * <p>Every request it accepted counts as pending until its answer is sent, so that an undeploy can wait for it
 * ({@link DrainableConsumer}: the server's flow registry stops it accepting, waits until nothing is pending, then
 * stops the route): Camel counts an exchange as in flight only once it reaches the route, and a request accepted
 * just before the route stopped would otherwise meet a stopped route and get a bare 500. Camel's own suspension
 * is not used for this, since Camel's request handling checks it again and answers a bare 503.
 *
 * <p>The same count bounds the requests a flow has in flight: one over the limit is refused at once, on the event
 * loop, with a 503 {@code flow-overloaded} problem and {@code Retry-After}, before it takes a worker thread or
 * reaches the flow (it is not traced). One flow that is slow or flooded then cannot take every worker thread
 * from the others.
 */
final class FlowHttpConsumer extends VertxPlatformHttpConsumer implements DrainableConsumer {

    /** Seconds a refused caller is asked to wait: requests in flight usually end within one. */
    static final int OVERLOADED_RETRY_AFTER_SECONDS = 1;

    private final AtomicInteger pending = new AtomicInteger();
    private final int maxInFlight;
    private final ProblemDetail overloaded;
    private volatile boolean accepting = true;

    /** @param maxInFlight  the most requests accepted and not answered yet; 0 for no limit */
    FlowHttpConsumer(PlatformHttpEndpoint endpoint, Processor processor, List<Handler<RoutingContext>> handlers,
                     String routerName, int maxInFlight) {
        super(endpoint, processor, handlers, routerName);
        this.maxInFlight = maxInFlight;
        this.overloaded = ProblemDetail.of(ProblemType.FLOW_OVERLOADED, FlowPaths.name(endpoint.getPath())
                + " has " + maxInFlight + " requests in flight, its limit; retry after "
                + OVERLOADED_RETRY_AFTER_SECONDS + " second");
    }

    /**
     * While a flow is being undeployed, Camel suspends its consumer and lets messages in flight finish; the
     * default answer to a new request is then a bare 503. The flow is going away, so the answer is the 404
     * problem it gets once it is gone. The same goes for a request that reaches the consumer after it stopped
     * (the router had already picked its route): the stopped route would refuse it with a bare 500.
     */
    @Override
    protected void handleRequest(RoutingContext context) {
        // Counted before the flag is read: an undeploy that stops accepting meanwhile then either sees this request
        // pending and waits for it, or this request sees that the consumer no longer accepts and turns away.
        int inFlight = pending.incrementAndGet();
        if (!accepting || isSuspendingOrSuspended() || !isRunAllowed()) {
            pending.decrementAndGet();
            HttpResponses.problem(context.response(), FlowPaths.notFound(context.normalizedPath()));
            return;
        }
        if (maxInFlight > 0 && inFlight > maxInFlight) {
            pending.decrementAndGet();
            context.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(OVERLOADED_RETRY_AFTER_SECONDS));
            HttpResponses.problem(context.response(), overloaded);
            return;
        }
        context.addEndHandler(ended -> pending.decrementAndGet());
        process(context);
    }

    /**
     * Runs the request's message through the route on a worker thread, as Camel's consumer does, but
     * asynchronously: the flow answers the caller itself and may still be waiting for an outbound call when the
     * worker returns, so Camel must neither write a response of its own nor release the exchange before the flow
     * said it is done.
     */
    private void process(RoutingContext context) {
        Exchange exchange = createExchange(false);
        exchange.setPattern(ExchangePattern.InOut);
        processHttpRequest(exchange, context).onComplete(prepared -> {
            if (prepared.failed()) {
                failed(context, exchange, prepared.cause());
                return;
            }
            context.vertx().executeBlocking(() -> {
                createUoW(exchange);
                getAsyncProcessor().process(exchange, doneSync -> {
                    doneUoW(exchange);
                    releaseExchange(exchange, false);
                });
                return null;
            }, false).onFailure(failure -> failed(context, exchange, failure));
        });
    }

    private void failed(RoutingContext context, Exchange exchange, Throwable failure) {
        getExceptionHandler().handleException("Failed handling " + FlowPaths.name(getEndpoint().getPath()), failure);
        HttpResponses.problem(context.response(), ProblemDetail.of(ProblemType.INTERNAL_ERROR,
                "The server failed to handle the message; the server log has the details under messageId "
                        + exchange.getExchangeId() + "."));
        releaseExchange(exchange, false);
    }

    @Override
    public void stopAccepting() {
        accepting = false;
    }

    @Override
    public void acceptAgain() {
        accepting = true;
    }

    @Override
    public int pendingRequests() {
        return pending.get();
    }

    @Override
    protected Future<Void> populateCamelMessage(RoutingContext context, Exchange exchange, Message message) {
        message.setBody(new InboundRequest(context, RequestBodyReader.body(context)));
        return Future.succeededFuture();
    }
}
