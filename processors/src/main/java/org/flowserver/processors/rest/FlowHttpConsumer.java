package org.flowserver.processors.rest;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.ShutdownRunningTask;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConsumer;
import org.apache.camel.spi.ShutdownAware;
import org.flowserver.processors.http.HttpResponses;

/**
 * A platform-http consumer that hands the request to the flow as an {@link InboundRequest} instead of copying
 * every request header and query parameter into Camel headers. Nothing of the request can then leak into
 * the response, and the hot path does no work the flow does not need.
 *
 * <p>Every request it accepted counts as pending until its answer is sent ({@link ShutdownAware}), so that an
 * undeploy can wait for it (the server's flow registry suspends the consumer, then waits until nothing is pending,
 * then stops the route): Camel counts an exchange as in flight only once it reaches the route, and a request
 * accepted just before the consumer was suspended would otherwise reach a stopped route and get a bare 500.
 */
final class FlowHttpConsumer extends VertxPlatformHttpConsumer implements ShutdownAware {

    private final AtomicInteger pending = new AtomicInteger();

    FlowHttpConsumer(PlatformHttpEndpoint endpoint, Processor processor, List<Handler<RoutingContext>> handlers,
                     String routerName) {
        super(endpoint, processor, handlers, routerName);
    }

    /**
     * While a flow is being undeployed, Camel suspends its consumer and lets messages in flight finish; the
     * default answer to a new request is then a bare 503. The flow is going away, so the answer is the 404
     * problem it gets once it is gone. The same goes for a request that reaches the consumer after it stopped
     * (the router had already picked its route): the stopped route would refuse it with a bare 500.
     */
    @Override
    protected void handleRequest(RoutingContext context) {
        // Counted before the status is read: an undeploy that suspends the consumer meanwhile then either sees
        // this request pending and waits for it, or this request sees the consumer suspending and turns away.
        pending.incrementAndGet();
        if (isSuspendingOrSuspended() || !isRunAllowed()) {
            pending.decrementAndGet();
            HttpResponses.problem(context.response(), FlowPaths.notFound(context.normalizedPath()));
            return;
        }
        context.addEndHandler(ended -> pending.decrementAndGet());
        super.handleRequest(context);
    }

    @Override
    public int getPendingExchangesSize() {
        return pending.get();
    }

    @Override
    public boolean deferShutdown(ShutdownRunningTask shutdownRunningTask) {
        return false;
    }

    @Override
    public void prepareShutdown(boolean suspendOnly, boolean forced) {
        // Nothing to prepare: the consumer is suspended first, and pending requests are waited for.
    }

    @Override
    protected Future<Void> populateCamelMessage(RoutingContext context, Exchange exchange, Message message) {
        message.setBody(new InboundRequest(context, RequestBodyReader.body(context)));
        return Future.succeededFuture();
    }
}
