package org.flowserver.server.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.net.ServerSocket;
import java.net.URI;
import org.flowserver.dsl.Flow;
import org.flowserver.dsl.FlowDeployer;
import org.flowserver.dsl.FlowDeploymentException;
import org.flowserver.dsl.FlowSpec;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The DSL's deployer against a real server. */
class FlowDeployerIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();

    private static FlowDeployer asAdmin() {
        return FlowDeployer.to(URI.create("http://127.0.0.1:" + SERVER.port()))
                .withCredentials("admin", FlowServerExtension.ADMIN_PASSWORD);
    }

    @Test
    void deploysRedeploysAndUndeploys() {
        FlowDeployer deployer = asAdmin();
        FlowSpec hello = Flow.define("hello", f -> f.ownerId("acme").restApi("hello-in").map("reply", "{ 'hello': 'world' }"));

        assertThat(deployer.deploy(hello).created()).isTrue();
        assertThat(deployer.deploy(hello).created()).isFalse();
        SERVER.grant("acme", "hello");
        SERVER.request().get("/acme/rs/hello").then().statusCode(200).body("hello", equalTo("world"));

        assertThat(deployer.undeploy("acme", "hello")).isTrue();
        assertThat(deployer.undeploy("acme", "hello")).isFalse();
        SERVER.request().get("/acme/rs/hello").then().statusCode(404);
    }

    @Test
    void deploysWithASessionToken() {
        String token = SERVER.anonymous().contentType("application/json")
                .body("{\"name\": \"admin\", \"password\": \"" + FlowServerExtension.ADMIN_PASSWORD + "\"}")
                .post("/api/session").then().statusCode(201).extract().jsonPath().getString("token");

        assertThat(FlowDeployer.to(URI.create("http://127.0.0.1:" + SERVER.port())).withToken(token)
                .deploy(Flow.define("by-token", f -> f.ownerId("acme").restApi("by-token-in"))).created()).isTrue();
    }

    @Test
    void saysThatTheServerWantsCredentials() {
        FlowDeployer deployer = FlowDeployer.to(URI.create("http://127.0.0.1:" + SERVER.port()));

        assertThatThrownBy(() -> deployer.deploy(Flow.define("anonymous", f -> f.ownerId("acme").restApi("anon-in"))))
                .isInstanceOf(FlowDeploymentException.class)
                .hasMessage("Cannot deploy flow acme/anonymous: the server answered 401: The management API requires "
                        + "a management user: HTTP Basic (name and password), 'Authorization: Bearer <token>' with a "
                        + "token from POST /api/session, or a Heartbeat login")
                .satisfies(e -> assertThat(((FlowDeploymentException) e).status()).isEqualTo(401));
    }

    @Test
    void reportsWhatTheServerRefused() {
        FlowDeployer deployer = asAdmin();
        FlowSpec reserved = Flow.define("orders", f -> f.ownerId("heartbeat").restApi("orders-in"));

        assertThatThrownBy(() -> deployer.deploy(reserved))
                .isInstanceOf(FlowDeploymentException.class)
                .hasMessage("Cannot deploy flow heartbeat/orders: the server answered 400: Flow 'orders' is invalid "
                        + "(1 problem): ownerId 'heartbeat' is reserved for the server's own paths (api, health, "
                        + "heartbeat, metrics); choose another owner")
                .satisfies(e -> assertThat(((FlowDeploymentException) e).problems()).containsExactly(
                        "ownerId 'heartbeat' is reserved for the server's own paths (api, health, heartbeat, "
                                + "metrics); choose another owner"));
    }

    @Test
    void saysWhenTheServerCannotBeReached() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        FlowDeployer deployer = FlowDeployer.to(URI.create("http://127.0.0.1:" + closedPort));

        assertThatThrownBy(() -> deployer.deploy(Flow.define("hello", f -> f.ownerId("acme").restApi("hello-in"))))
                .isInstanceOf(FlowDeploymentException.class)
                .hasMessageStartingWith("Cannot deploy flow acme/hello: the server at http://127.0.0.1:" + closedPort
                        + " cannot be reached")
                .satisfies(e -> assertThat(((FlowDeploymentException) e).status()).isZero());
    }
}
