package org.flowserver.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Deploys flows to a running flow server over its management API.
 *
 * <pre>{@code
 * FlowDeployer deployer = FlowDeployer.to(URI.create("http://localhost:8080"))
 *         .withCredentials("deployer-ci", System.getenv("FLOWSERVER_PASSWORD"));
 * Deployment deployment = deployer.deploy(flow);   // created() tells a new flow from a replaced one
 * deployer.undeploy("acme", "orders");
 * }</pre>
 *
 * The management API requires a management user with the role {@code deployer} or {@code admin}: give its name
 * and password ({@link #withCredentials}) or a session token ({@link #withToken}).
 *
 * <p>Every method throws {@link FlowDeploymentException} when the server refuses the call or cannot be reached;
 * its message carries the server's explanation, and {@link FlowDeploymentException#problems()} the
 * individual problems of a refused flow.
 */
public final class FlowDeployer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI server;
    private final HttpClient client;
    private final Duration timeout;
    /** The Authorization header's value; empty sends none. Never logged or shown. */
    private final String authorization;

    private FlowDeployer(URI server, Duration timeout, String authorization) {
        this.server = Objects.requireNonNull(server, "server");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.authorization = Objects.requireNonNull(authorization, "authorization");
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * A deployer for the server at {@code server} (for example {@code http://localhost:8080}), 30 s timeout,
     * without credentials (the server refuses every call with 401 until {@link #withCredentials} is given).
     */
    public static FlowDeployer to(URI server) {
        return new FlowDeployer(server, Duration.ofSeconds(30), "");
    }

    /** The same deployer with another timeout per call. */
    public FlowDeployer withTimeout(Duration timeout) {
        return new FlowDeployer(server, timeout, authorization);
    }

    /** The same deployer, calling as the management user {@code name} with {@code password} (HTTP Basic). */
    public FlowDeployer withCredentials(String name, String password) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
        return new FlowDeployer(server, timeout, "Basic " + java.util.Base64.getEncoder().encodeToString(
                (name + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** The same deployer, calling with a session token of {@code POST /api/session} ({@code Bearer}). */
    public FlowDeployer withToken(String token) {
        return new FlowDeployer(server, timeout, "Bearer " + Objects.requireNonNull(token, "token"));
    }

    /**
     * Deploys a flow, or replaces the deployed flow with the same owner and id. The flow is validated before
     * it is sent.
     *
     * @throws InvalidFlowException if the flow is invalid; nothing is sent then
     * @throws FlowDeploymentException if the server refuses the flow or cannot be reached
     */
    public Deployment deploy(FlowSpec flow) {
        flow.validated();
        HttpRequest request = request(flowPath(flow.ownerId(), flow.id()))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(FlowJson.write(flow)))
                .build();
        HttpResponse<String> response = send(request, "deploy flow " + flow.ownerId() + "/" + flow.id());
        return new Deployment(flow.ownerId(), flow.id(), response.statusCode() == 201);
    }

    /**
     * Undeploys a flow.
     *
     * @return whether the flow was deployed
     * @throws FlowDeploymentException if the server refuses the call or cannot be reached
     */
    public boolean undeploy(String ownerId, String flowId) {
        HttpRequest request = request(flowPath(ownerId, flowId)).DELETE().build();
        try {
            send(request, "undeploy flow " + ownerId + "/" + flowId);
            return true;
        } catch (FlowDeploymentException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }

    private String flowPath(String ownerId, String flowId) {
        return "/api/flows/" + ownerId + "/" + flowId;
    }

    private HttpRequest.Builder request(String path) {
        String base = server.toString().endsWith("/") ? server.toString().substring(0, server.toString().length() - 1)
                : server.toString();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Accept", "application/json");
        return authorization.isEmpty() ? builder : builder.header("Authorization", authorization);
    }

    private HttpResponse<String> send(HttpRequest request, String what) {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new FlowDeploymentException("Cannot " + what + ": the server at " + server + " cannot be reached ("
                    + e.getMessage() + ")", 0, List.of(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlowDeploymentException("Cannot " + what + ": interrupted", 0, List.of(), e);
        }
        if (response.statusCode() >= 200 && response.statusCode() < 300) {
            return response;
        }
        throw refused(what, response);
    }

    private FlowDeploymentException refused(String what, HttpResponse<String> response) {
        String detail = response.body();
        List<String> problems = new ArrayList<>();
        try {
            JsonNode problem = JSON.readTree(response.body());
            if (problem != null && problem.has("detail")) {
                detail = problem.get("detail").asText();
                for (JsonNode error : problem.path("errors")) {
                    problems.add(error.path("message").asText());
                }
            }
        } catch (IOException e) {
            // Not a problem document; the raw body is the best explanation there is.
        }
        return new FlowDeploymentException("Cannot " + what + ": the server answered " + response.statusCode()
                + ": " + detail, response.statusCode(), problems, null);
    }

    /**
     * A flow the server accepted.
     *
     * @param ownerId  the flow's owner
     * @param flowId   the flow's id
     * @param created  whether it is new (otherwise it replaced the deployed flow)
     */
    public record Deployment(String ownerId, String flowId, boolean created) {
    }
}
