package org.flowserver.processors.rest;

import java.util.List;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * The platform-http engine of the flow server: every consumer reads the entity with {@link RequestBodyReader}
 * and receives the request as an {@link InboundRequest}. Bind it in the Camel registry as
 * {@code platform-http-engine}, and the router as {@value VertxPlatformHttpRouter#PLATFORM_HTTP_ROUTER_NAME_ZERO}.
 * Endpoints must set {@code useBodyHandler=false}, as {@link #endpointOptions()} does.
 */
public final class FlowHttpEngine extends VertxPlatformHttpEngine {

    /** @param maxBodyBytes the largest request entity accepted (413 above it) */
    public FlowHttpEngine(long maxBodyBytes) {
        setHandlers(List.of(new RequestBodyReader(maxBodyBytes)));
    }

    /** The endpoint options every flow route uses with this engine. */
    public static String endpointOptions() {
        return "useBodyHandler=false&muteException=true";
    }

    @Override
    public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        return new FlowHttpConsumer(endpoint, processor, getHandlers(),
                VertxPlatformHttpRouter.PLATFORM_HTTP_ROUTER_NAME_ZERO);
    }
}
