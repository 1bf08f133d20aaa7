package org.flowserver.server.flows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.flowserver.dsl.ApiSpecId;
import org.flowserver.dsl.FlowJson;
import org.flowserver.dsl.FlowSpec;
import org.flowserver.dsl.InvalidFlowException;
import org.flowserver.dsl.Problem;
import org.flowserver.processors.http.FieldError;
import org.flowserver.processors.http.MediaType;
import org.flowserver.processors.http.ProblemDetail;
import org.flowserver.processors.http.ProblemType;
import org.flowserver.processors.rest.FlowPaths;
import org.flowserver.server.http.ApiException;
import org.flowserver.server.http.Caller;
import org.flowserver.server.http.PathParams;
import org.flowserver.server.http.Problems;

/**
 * The flow part of the management API (DESIGN.md §4.2): deploy or redeploy ({@code PUT}), list, get and
 * undeploy flows under {@code /api/flows}.
 */
public final class FlowsApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ONE_FLOW = "/api/flows/:ownerId/:flowId";

    private final FlowRegistry registry;

    public FlowsApi(FlowRegistry registry) {
        this.registry = registry;
    }

    /** Adds the routes; the caller has installed a body handler for {@code /api/*}. */
    public void mount(Router router) {
        router.put(ONE_FLOW).blockingHandler(this::deploy, false);
        router.get(ONE_FLOW).blockingHandler(this::get, false);
        router.delete(ONE_FLOW).blockingHandler(this::undeploy, false);
        router.route(ONE_FLOW).handler(context -> Problems.methodNotAllowed(context, "GET, PUT, DELETE"));
        router.post(ONE_FLOW + "/disable").blockingHandler(this::disable, false);
        router.route(ONE_FLOW + "/disable").handler(context -> Problems.methodNotAllowed(context, "POST"));
        router.post(ONE_FLOW + "/enable").blockingHandler(this::enable, false);
        router.route(ONE_FLOW + "/enable").handler(context -> Problems.methodNotAllowed(context, "POST"));
        router.get("/api/flows").blockingHandler(this::list, false);
        router.route("/api/flows").handler(context -> Problems.methodNotAllowed(context, "GET"));
    }

    private void deploy(RoutingContext context) {
        String ownerId = PathParams.id(context, "ownerId");
        String flowId = PathParams.id(context, "flowId");
        String contentType = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !MediaType.parse(contentType).isJson()) {
            throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "A flow is sent as application/json, not '"
                    + contentType + "'");
        }
        String body = context.body().asString();
        FlowSpec spec = FlowJson.read(withPathIds(body == null ? "" : body, ownerId, flowId));
        DeployResult result = registry.deploy(spec);
        if (result.created()) {
            context.response().putHeader(HttpHeaders.LOCATION, "/api/flows/" + ownerId + "/" + flowId);
        }
        send(context, result.created() ? 201 : 200, view(result.flow()));
    }

    private void get(RoutingContext context) {
        FlowKey key = key(context);
        FlowView flow = registry.find(key).orElseThrow(() -> notDeployed(key));
        send(context, 200, view(flow));
    }

    private void list(RoutingContext context) {
        String owner = context.queryParams().get("ownerId");
        ObjectNode body = JSON.createObjectNode();
        ArrayNode flows = body.putArray("flows");
        for (FlowView flow : registry.list()) {
            if (owner == null || owner.equals(flow.stored().key().ownerId())) {
                flows.add(view(flow));
            }
        }
        send(context, 200, body);
    }

    /** {@code {"reason": "..."}}: required, 1 to {@value FlowState#MAX_REASON_LENGTH} characters. */
    private void disable(RoutingContext context) {
        FlowKey key = key(context);
        String reason = reason(context);
        FlowView flow = registry.setDisabled(key, true, Optional.of(reason), Caller.name(context))
                .orElseThrow(() -> notDeployed(key));
        send(context, 200, view(flow));
    }

    private void enable(RoutingContext context) {
        FlowKey key = key(context);
        FlowView flow = registry.setDisabled(key, false, Optional.empty(), Caller.name(context))
                .orElseThrow(() -> notDeployed(key));
        send(context, 200, view(flow));
    }

    private static String reason(RoutingContext context) {
        String body = context.body().asString();
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(new ProblemDetail(ProblemType.MALFORMED_JSON, "The body is not valid JSON: "
                    + e.getOriginalMessage(), List.of(new FieldError("body", "", "not valid JSON"))));
        }
        JsonNode reason = node == null ? null : node.get("reason");
        String message = null;
        if (reason == null || reason.isNull()) {
            message = "a reason is required to disable a flow: send {\"reason\": \"...\"}";
        } else if (!reason.isTextual() || reason.asText().isBlank()) {
            message = "the reason must be a non-blank string";
        } else if (reason.asText().length() > FlowState.MAX_REASON_LENGTH) {
            message = "the reason must be at most " + FlowState.MAX_REASON_LENGTH + " characters";
        }
        if (message != null) {
            throw new ApiException(new ProblemDetail(ProblemType.INVALID_REQUEST, "The flow cannot be disabled: "
                    + message, List.of(new FieldError("body", "/reason", message))));
        }
        return reason.asText().strip();
    }

    private void undeploy(RoutingContext context) {
        FlowKey key = key(context);
        if (!registry.undeploy(key)) {
            throw notDeployed(key);
        }
        context.response().setStatusCode(204).end();
    }

    /** The flow JSON with the ids of the path filled in where the body leaves them out. */
    private static String withPathIds(String body, String ownerId, String flowId) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            // Let the flow reader describe what is wrong with the JSON.
            return body;
        }
        if (node == null || !node.isObject()) {
            return body;
        }
        ObjectNode flow = (ObjectNode) node;
        checkBodyId(flow, "id", flowId, "flowId");
        checkBodyId(flow, "ownerId", ownerId, "ownerId");
        flow.put("id", flowId);
        flow.put("ownerId", ownerId);
        return flow.toString();
    }

    private static void checkBodyId(ObjectNode flow, String field, String pathValue, String pathName) {
        JsonNode value = flow.get(field);
        if (value != null && !value.isNull() && !value.asText().equals(pathValue)) {
            throw new InvalidFlowException(flow.path("id").asText(""), List.of(new Problem(field, "'" + value.asText()
                    + "' does not match the " + pathName + " '" + pathValue + "' of the path; leave it out or make them equal")));
        }
    }

    private static FlowKey key(RoutingContext context) {
        return new FlowKey(context.pathParam("ownerId"), context.pathParam("flowId"));
    }

    private static ApiException notDeployed(FlowKey key) {
        return new ApiException(ProblemType.NOT_FOUND, "No flow '" + key.flowId() + "' of owner '" + key.ownerId()
                + "' is deployed");
    }

    static ObjectNode view(FlowView flow) {
        StoredFlow stored = flow.stored();
        ObjectNode node = JSON.createObjectNode();
        node.put("ownerId", stored.key().ownerId());
        node.put("id", stored.key().flowId());
        node.put("endpoint", FlowPaths.basePath(stored.key().ownerId(), stored.key().flowId()));
        node.put("version", stored.version());
        node.put("createdAt", stored.createdAt().toString());
        node.put("updatedAt", stored.updatedAt().toString());
        ObjectNode state = node.putObject("state");
        state.put("status", flow.disabled() ? "disabled" : "enabled");
        flow.state().ifPresent(last -> {
            last.reason().ifPresent(reason -> state.put("reason", reason));
            state.put("changedBy", last.changedBy());
            state.put("changedAt", last.changedAt().toString());
        });
        ObjectNode deployment = node.putObject("deployment");
        deployment.put("status", flow.active() ? "active" : "failed");
        flow.error().ifPresent(error -> deployment.put("error", error));
        JsonNode spec;
        try {
            spec = JSON.readTree(stored.specJson());
        } catch (JsonProcessingException e) {
            // Shown as it is stored, so that an operator sees what could not be read.
            node.put("spec", stored.specJson());
            return node;
        }
        stored.apiSpecRevision().ifPresent(revision -> apiSpecId(spec, revision).ifPresent(id -> node.putObject("apiSpec")
                .put("apiSpecId", id).put("revision", revision)));
        node.set("spec", spec);
        return node;
    }

    /** The apiSpecId of exactly the revision the flow's source resolved to ({@code latest} replaced by it). */
    private static Optional<String> apiSpecId(JsonNode spec, int revision) {
        JsonNode named = spec.path("processors").path(0).path("apiSpecId");
        if (!named.isTextual()) {
            return Optional.empty();
        }
        try {
            ApiSpecId id = ApiSpecId.parse(named.asText());
            return Optional.of(new ApiSpecId(id.type(), id.resourceId(), OptionalInt.of(revision)).toString());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }


    private static void send(RoutingContext context, int status, JsonNode body) {
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Buffer.buffer(body.toString()));
    }
}
