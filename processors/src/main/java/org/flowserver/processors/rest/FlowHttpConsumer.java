package org.flowserver.processors.rest;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConsumer;
import org.flowserver.processors.http.HttpResponses;

/**
 * A platform-http consumer that hands the request to the flow as an {@link InboundRequest} instead of copying
 * every request header and query parameter into Camel headers. Nothing of the request can then leak into
 * the response, and the hot path does no work the flow does not need.
 */
final class FlowHttpConsumer extends VertxPlatformHttpConsumer {

    FlowHttpConsumer(PlatformHttpEndpoint endpoint, Processor processor, List<Handler<RoutingContext>> handlers,
                     String routerName) {
        super(endpoint, processor, handlers, routerName);
    }

    /**
     * While a flow is being undeployed, Camel suspends its consumer and lets messages in flight finish; the
     * default answer to a new request is then a bare 503. The flow is going away, so the answer is the 404
     * problem it gets once it is gone.
     */
    @Override
    protected void handleRequest(RoutingContext context) {
        if (isSuspended()) {
            HttpResponses.problem(context.response(), FlowPaths.notFound(context.normalizedPath()));
            return;
        }
        super.handleRequest(context);
    }

    @Override
    protected Future<Void> populateCamelMessage(RoutingContext context, Exchange exchange, Message message) {
        message.setBody(new InboundRequest(context, RequestBodyReader.body(context)));
        return Future.succeededFuture();
    }
}
