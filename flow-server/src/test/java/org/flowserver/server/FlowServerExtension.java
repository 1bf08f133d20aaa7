package org.flowserver.server;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.flowserver.dsl.FlowJson;
import org.flowserver.dsl.FlowSpec;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a real flow server on a free loopback port, with its own embedded store in a temporary directory,
 * once per test class. Register it as a static field with {@code @RegisterExtension}.
 */
public final class FlowServerExtension implements BeforeAllCallback, AfterAllCallback {

    private final UnaryOperator<ServerConfig> customizer;
    private Path dataDir;
    private FlowServer server;

    private FlowServerExtension(UnaryOperator<ServerConfig> customizer) {
        this.customizer = customizer;
    }

    /** A server with the default configuration. */
    public static FlowServerExtension withDefaults() {
        return new FlowServerExtension(UnaryOperator.identity());
    }

    /** A server whose configuration is changed by {@code customizer} (the port and data directory are set after it). */
    public static FlowServerExtension with(UnaryOperator<ServerConfig> customizer) {
        return new FlowServerExtension(customizer);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("flowserver-test");
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
        TestFiles.deleteRecursively(dataDir);
    }

    /** Stops the server and starts a new one on the same store, as a restart would. */
    public void restart() {
        stop();
        start();
    }

    public FlowServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    /** The directory of this server's embedded store. */
    public Path dataDir() {
        return dataDir;
    }

    /** A request to this server. */
    public RequestSpecification request() {
        return given().baseUri("http://127.0.0.1").port(port());
    }

    /** Deploys a flow over the management API; returns the response (201 or 200 when it worked). */
    public Response deploy(FlowSpec flow) {
        return request().contentType(ContentType.JSON).body(FlowJson.write(flow))
                .put("/api/flows/{ownerId}/{flowId}", flow.ownerId(), flow.id());
    }

    /** Deploys flow JSON as it is, valid or not; returns the response. */
    public Response deployJson(String ownerId, String flowId, String json) {
        return request().contentType(ContentType.JSON).body(json)
                .put("/api/flows/{ownerId}/{flowId}", ownerId, flowId);
    }

    /**
     * Uploads an OpenAPI document (JSON or YAML, told apart by its first character) as a new revision of an
     * owner's spec; returns the response (201 when it worked).
     */
    public Response uploadSpec(String ownerId, String resourceId, String document) {
        String type = (document.stripLeading().startsWith("{") ? "application/json" : "application/yaml") + "; charset=UTF-8";
        return request().contentType(type).body(document.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .put("/api/specs/{ownerId}/{resourceId}", ownerId, resourceId);
    }

    /** Uploads an OpenAPI document and fails the test unless the server stores it; returns its revision. */
    public int uploadSpecOk(String ownerId, String resourceId, String document) {
        Response response = uploadSpec(ownerId, resourceId, document);
        if (response.statusCode() != 201) {
            throw new AssertionError("Uploading spec " + ownerId + "/" + resourceId + " answered "
                    + response.statusCode() + ": " + response.asString());
        }
        return response.jsonPath().getInt("revision");
    }

    /** Deploys a flow and fails the test if the server does not accept it. */
    public void deployOk(FlowSpec flow) {
        int status = deploy(flow).then().extract().statusCode();
        if (status != 201 && status != 200) {
            throw new AssertionError("Deploying " + flow.ownerId() + "/" + flow.id() + " answered " + status);
        }
    }

    private void start() {
        ServerConfig config = customizer.apply(ServerConfig.defaults(dataDir));
        server = FlowServer.start(config.toBuilder().host("127.0.0.1").port(0).dataDir(dataDir).build());
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
