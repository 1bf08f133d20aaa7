package org.flowserver.processors.rest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flowserver.processors.http.ProblemDetail;
import org.flowserver.processors.http.ProblemType;

/** Where flows' REST endpoints live, {@code /{ownerId}/rs/{flowId}}, and the answer when none is there. */
public final class FlowPaths {

    private static final Pattern FLOW_PATH = Pattern.compile("^/([^/]+)/rs/([^/]+)(/.*)?$");

    private FlowPaths() {
    }

    /** The base path of the flow {@code flowId} of {@code ownerId}. */
    public static String basePath(String ownerId, String flowId) {
        return "/" + ownerId + "/rs/" + flowId;
    }

    /**
     * How a problem names the flow at {@code path} (a request path or a route's path under the base path):
     * {@code Flow 'orders' of owner 'acme'}; the path itself when it is not a flow's.
     */
    static String name(String path) {
        Matcher flow = FLOW_PATH.matcher(path);
        return flow.matches() ? "Flow '" + flow.group(2) + "' of owner '" + flow.group(1) + "'" : "'" + path + "'";
    }

    /** The 404 problem for a request path where no flow (or nothing at all) is deployed. */
    public static ProblemDetail notFound(String path) {
        Matcher flow = FLOW_PATH.matcher(path);
        if (flow.matches()) {
            return ProblemDetail.of(ProblemType.NOT_FOUND, "No flow '" + flow.group(2) + "' of owner '"
                    + flow.group(1) + "' is deployed");
        }
        return ProblemDetail.of(ProblemType.NOT_FOUND, "Nothing is at '" + path + "'");
    }
}
