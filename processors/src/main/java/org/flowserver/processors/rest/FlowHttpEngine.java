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

    private final int maxInFlightPerFlow;

    /**
     * @param maxBodyBytes        the largest request entity accepted (413 above it)
     * @param maxInFlightPerFlow  the most requests one flow has accepted and not answered yet (503
     *                            {@code flow-overloaded} above it); 0 for no limit
     */
    public FlowHttpEngine(long maxBodyBytes, int maxInFlightPerFlow) {
        if (maxInFlightPerFlow < 0) {
            throw new IllegalArgumentException("The in-flight limit per flow is " + maxInFlightPerFlow
                    + "; it must be 0 (no limit) or more");
        }
        this.maxInFlightPerFlow = maxInFlightPerFlow;
        setHandlers(List.of(new RequestBodyReader(maxBodyBytes)));
    }

    /** The endpoint options every flow route uses with this engine. */
    public static String endpointOptions() {
        return "useBodyHandler=false&muteException=true";
    }

    @Override
    public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        return new FlowHttpConsumer(endpoint, processor, getHandlers(),
                VertxPlatformHttpRouter.PLATFORM_HTTP_ROUTER_NAME_ZERO, maxInFlightPerFlow);
    }
}
