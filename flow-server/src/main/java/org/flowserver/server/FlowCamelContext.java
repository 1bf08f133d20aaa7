package org.flowserver.server;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.RandomUuidGenerator;
import org.flowserver.processors.rest.FlowHttpEngine;

/** The Camel context of a flow server: platform-http on the server's own Vert.x router, tuned for flows. */
public final class FlowCamelContext {

    private FlowCamelContext() {
    }

    /** A started context whose platform-http routes are added to {@code router}. */
    public static CamelContext start(Vertx vertx, Router router, ServerConfig config) {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getCamelContextExtension().setName("flow-server");
        // Bodies stay bytes on the hot path; stream caching would turn them into slow streams (DESIGN.md §5).
        context.setStreamCaching(false);
        // The exchange id is the message id: a random UUID, so one message's id says nothing about another's.
        context.setUuidGenerator(new RandomUuidGenerator());
        context.getShutdownStrategy().setTimeout(Math.max(1, config.undeployTimeout().toSeconds()));
        context.getRegistry().bind(PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME,
                new FlowHttpEngine(config.maxRequestBodyBytes(), config.maxInFlightPerFlow()));
        context.getRegistry().bind(VertxPlatformHttpRouter.PLATFORM_HTTP_ROUTER_NAME_ZERO,
                new VertxPlatformHttpRouter(null, vertx, router, VertxPlatformHttpRouter.PLATFORM_HTTP_ROUTER_NAME_ZERO));
        context.start();
        return context;
    }
}
