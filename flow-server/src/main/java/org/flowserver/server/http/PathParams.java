package org.flowserver.server.http;

import io.vertx.ext.web.RoutingContext;
import org.flowserver.dsl.Ids;
import org.flowserver.processors.http.ProblemType;

/** The path parameters of the management API, checked. */
public final class PathParams {

    private PathParams() {
    }

    /**
     * The id in the path parameter {@code name}.
     *
     * @throws ApiException a 400 naming the parameter and the rule, if it is not a valid id
     */
    public static String id(RoutingContext context, String name) {
        String value = context.pathParam(name);
        if (!Ids.isValid(value)) {
            throw new ApiException(ProblemType.MALFORMED_REQUEST, "The " + name + " '" + value
                    + "' of the path does not match " + Ids.PATTERN_TEXT);
        }
        return value;
    }
}
