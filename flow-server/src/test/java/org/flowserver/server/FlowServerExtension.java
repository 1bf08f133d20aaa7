package org.flowserver.server;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.filter.FilterContext;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flowserver.dsl.FlowJson;
import org.flowserver.dsl.FlowSpec;
import org.flowserver.server.access.AccessConfig;
import org.flowserver.server.access.ManagementUsers;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a real flow server on a free loopback port, with its own embedded store in a temporary directory,
 * once per test class. Register it as a static field with {@code @RegisterExtension}.
 *
 * <p>Access control is on, as in production. So that tests about other things need not repeat it, requests made
 * with {@link #request()} carry credentials unless the test sets its own {@code Authorization} header: the
 * administrator's for the management API and the metrics, and those of the service account {@value #TESTER} for
 * flow endpoints; a flow deployed through {@link #request()} is granted to {@value #TESTER}. Tests about access
 * itself use {@link #anonymous()}. Password hashes use fewer iterations than the default, to keep the suite fast.
 */
public final class FlowServerExtension implements BeforeAllCallback, AfterAllCallback {

    /** The first administrator's password in tests. */
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    /** The service account granted every flow deployed through {@link #request()}. */
    public static final String TESTER = "tester";
    private static final Pattern FLOW_PATH = Pattern.compile("^/api/flows/([^/]+)/([^/]+)$");

    private final UnaryOperator<ServerConfig> customizer;
    private Path dataDir;
    private FlowServer server;
    private String testerPassword;
    private String testerApiKey;

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

    /**
     * A request to this server, as the administrator (management API, metrics) or as {@value #TESTER} (flow
     * endpoints) unless it sets its own {@code Authorization} header.
     */
    public RequestSpecification request() {
        return anonymous().filter(this::withCredentials);
    }

    /** A request to this server without any credentials. */
    public RequestSpecification anonymous() {
        return given().baseUri("http://127.0.0.1").port(port());
    }

    /** The {@code Authorization} header value of HTTP Basic for {@code name} and {@code password}. */
    public static String basic(String name, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code Authorization} header value of the administrator. */
    public static String admin() {
        return basic(ManagementUsers.FIRST_ADMIN, ADMIN_PASSWORD);
    }

    /** The {@code Authorization} header value of {@value #TESTER}. */
    public String tester() {
        return basic(TESTER, testerPassword);
    }

    /** The API key of {@value #TESTER}. */
    public String testerApiKey() {
        return testerApiKey;
    }

    private Response withCredentials(FilterableRequestSpecification request, FilterableResponseSpecification response,
                                     FilterContext context) {
        String path = URI.create(request.getURI()).getPath();
        boolean management = path.startsWith("/api/") || path.equals("/metrics");
        if (!request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", management ? admin() : tester());
        }
        Response answer = context.next(request, response);
        Matcher flow = FLOW_PATH.matcher(path);
        if (management && request.getMethod().equals("PUT") && flow.matches()
                && (answer.statusCode() == 200 || answer.statusCode() == 201)) {
            grant(flow.group(1), flow.group(2));
        }
        return answer;
    }

    /** Grants {@value #TESTER} a flow. */
    public void grant(String ownerId, String flowId) {
        int status = anonymous().header("Authorization", admin())
                .put("/api/accounts/{name}/grants/{ownerId}/{flowId}", TESTER, ownerId, flowId).statusCode();
        if (status != 200 && status != 201) {
            throw new AssertionError("Granting " + ownerId + "/" + flowId + " to " + TESTER + " answered " + status);
        }
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
        ServerConfig defaults = ServerConfig.defaults(dataDir).toBuilder().access(AccessConfig.defaults()
                .withAdminPassword(ADMIN_PASSWORD).withPasswordHashIterations(AccessConfig.MIN_ITERATIONS)).build();
        ServerConfig config = customizer.apply(defaults);
        server = FlowServer.start(config.toBuilder().host("127.0.0.1").port(0).dataDir(dataDir).build());
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        if (testerPassword == null) {
            Response created = anonymous().header("Authorization", admin()).put("/api/accounts/{name}", TESTER);
            if (created.statusCode() != 201) {
                throw new AssertionError("Creating the service account " + TESTER + " answered "
                        + created.statusCode() + ": " + created.asString());
            }
            testerPassword = created.jsonPath().getString("password");
            testerApiKey = created.jsonPath().getString("apiKey");
        }
    }

    private void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
