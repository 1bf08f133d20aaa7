package org.flowserver.server.http;

import io.vertx.ext.web.RoutingContext;

/** The management user a request of the management API was authenticated as. */
public final class Caller {

    /** Where the authentication puts the user's name in the routing context. */
    public static final String KEY = "flowserver.caller";

    private Caller() {
    }

    /** The user's name; {@code anonymous} where no one was authenticated. */
    public static String name(RoutingContext context) {
        String name = context.get(KEY);
        return name == null ? "anonymous" : name;
    }
}
