package org.flowserver.server.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.flowserver.dsl.InvalidFlowException;
import org.flowserver.processors.http.FieldError;
import org.flowserver.processors.http.HttpResponses;
import org.flowserver.processors.http.ProblemDetail;
import org.flowserver.processors.http.ProblemType;
import org.flowserver.processors.rest.FlowPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become {@code application/problem+json}: exceptions of the management API, and
 * the statuses the router produces itself (no route, wrong method, body too large). A 5xx never carries
 * exception text; it is logged instead.
 */
public final class Problems {

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    /**
     * Answers every status the router produces on its own with a problem. Every fixed path has its own
     * 405 handler with an {@code Allow} header ({@link #methodNotAllowed}); the router's 405 is the net. Ahead of
     * every route, a request line the server does not serve is refused with 400 ({@link RequestLines}).
     */
    public static void install(Router router, long maxRequestBodyBytes) {
        RequestLines.install(router);
        router.errorHandler(404, context -> HttpResponses.problem(context.response(),
                FlowPaths.notFound(context.request().path())));
        router.errorHandler(405, context -> HttpResponses.problem(context.response(), ProblemDetail.of(
                ProblemType.METHOD_NOT_ALLOWED, "The method " + context.request().method().name()
                        + " is not allowed on '" + context.request().path() + "'")));
        router.errorHandler(413, context -> HttpResponses.problem(context.response(), ProblemDetail.of(
                ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than the limit of this endpoint ("
                        + (context.request().path().startsWith("/api/") ? "see max-api-body-bytes" : maxRequestBodyBytes
                        + " bytes") + ")")));
        router.errorHandler(417, context -> HttpResponses.problem(context.response(), ProblemDetail.of(
                ProblemType.EXPECTATION_FAILED, "Only the expectation '100-continue' is supported")));
        router.errorHandler(400, context -> HttpResponses.problem(context.response(), ProblemDetail.of(
                ProblemType.MALFORMED_REQUEST, "The request could not be read")));
        router.errorHandler(500, Problems::handleFailure);
    }

    /** Answers 405 with the {@code Allow} header listing {@code allowed}. */
    public static void methodNotAllowed(RoutingContext context, String allowed) {
        context.response().putHeader("Allow", allowed);
        HttpResponses.problem(context.response(), ProblemDetail.of(ProblemType.METHOD_NOT_ALLOWED, "The method "
                + context.request().method().name() + " is not allowed on '" + context.request().path()
                + "'; allowed: " + allowed));
    }

    /** Answers a failed request with the problem that fits its failure. */
    public static void handleFailure(RoutingContext context) {
        if (context.failure() == null && context.statusCode() >= 400 && context.statusCode() < 500) {
            // A bare status (413 from a body handler, say): the router's handler for that status answers it.
            context.next();
            return;
        }
        HttpResponses.problem(context.response(), toProblem(context.failure(), context.request()));
    }

    static ProblemDetail toProblem(Throwable failure, HttpServerRequest request) {
        if (failure instanceof ApiException api) {
            return api.problem();
        }
        if (failure instanceof InvalidFlowException invalid) {
            return new ProblemDetail(ProblemType.INVALID_FLOW, invalid.getMessage(), invalid.problems().stream()
                    .map(problem -> new FieldError("body", problem.pointer(), problem.toString())).toList());
        }
        LOG.atError().addKeyValue("method", request.method().name()).addKeyValue("path", request.path())
                .setCause(failure).log("Request failed");
        return ProblemDetail.of(ProblemType.INTERNAL_ERROR, "The server failed to handle the request; the server "
                + "log has the details.");
    }

}
