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

    @Override
    protected Future<Void> populateCamelMessage(RoutingContext context, Exchange exchange, Message message) {
        message.setBody(new InboundRequest(context, RequestBodyReader.body(context)));
        return Future.succeededFuture();
    }
}
