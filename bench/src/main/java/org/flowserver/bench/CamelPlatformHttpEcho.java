package org.flowserver.bench;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;

/**
 * Baseline b: the plainest idiomatic echo route on camel-platform-http-vertx, started by camel-main.
 * Kept at Camel's defaults on purpose, except stream caching (DESIGN.md §5: it makes a POST echo
 * 2.8 x slower, and the flow server keeps it off too).
 */
public final class CamelPlatformHttpEcho {

    private CamelPlatformHttpEcho() {
    }

    public static void run(int port) throws Exception {
        Main main = new Main();
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("platform-http:/echo?matchOnUriPrefix=true")
                        // platform-http would copy request headers into the response; the flow server
                        // never does, so both do the same work.
                        .removeHeaders("*")
                        .setHeader("Content-Type", constant("application/json"))
                        // Camel answers an empty body with 204; the other servers answer 200.
                        .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(200));
            }
        });
        main.addInitialProperty("camel.main.name", "bench-camel");
        main.addInitialProperty("camel.main.streamCachingEnabled", "false");
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.host", "127.0.0.1");
        main.addInitialProperty("camel.server.port", Integer.toString(port));
        main.run();
    }
}
