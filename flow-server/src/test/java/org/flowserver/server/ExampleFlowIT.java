package org.flowserver.server;

import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.flowserver.dsl.Flow;
import org.flowserver.dsl.FlowDeployer;
import org.flowserver.dsl.FlowSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's example: the server started with deploy/examples/echo-flow.json answers the README's curl. */
class ExampleFlowIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.with(config -> config.toBuilder()
            .deployFiles(List.of(Path.of("../deploy/examples/echo-flow.json"))).build());

    @Test
    void theExampleFlowAnswersTheReadmeCall() {
        SERVER.anonymous().contentType("application/json").body("{\"name\": \"Ada\"}")
                .post("/demo/rs/echo/hello?lang=en")
                .then().statusCode(201).contentType("application/json")
                .body("method", equalTo("POST"))
                .body("path", equalTo("/demo/rs/echo/hello?lang=en"))
                .body("received.name", equalTo("Ada"));
    }

    @Test
    void theReadmeJavaFlowAnswersAsTheReadmeSays() {
        // The flow of the README's "A flow in Java", as written there.
        FlowSpec orders = Flow.define("orders", f -> f
                .ownerId("acme")
                .restApi("orders-in")
                .filter("only-valid", "$exists(payload.orderId)")
                .setExchangeProperty("set-status", "httpResponseCode", "202")
                .map("to-reply", "{ 'received': payload.orderId }"));

        FlowDeployer.to(URI.create("http://127.0.0.1:" + SERVER.port()))
                .withCredentials("admin", FlowServerExtension.ADMIN_PASSWORD)
                .deploy(orders);
        String apiKey = SERVER.request().put("/api/accounts/shop").then().statusCode(201).extract().jsonPath()
                .getString("apiKey");
        SERVER.request().put("/api/accounts/shop/grants/acme/orders").then().statusCode(201);

        SERVER.anonymous().header("apiKey", apiKey).contentType("application/json").body("{\"orderId\": 4711}")
                .post("/acme/rs/orders").then().statusCode(202).body("received", equalTo(4711));
    }

    @Test
    void restartingWithTheSameFileRedeploysIt() {
        SERVER.restart();

        SERVER.request().get("/api/flows/demo/echo").then().statusCode(200).body("version", equalTo(2));
    }
}
