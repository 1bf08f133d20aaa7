package org.flowserver.server.openapi;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's OpenAPI example, with deploy/examples/orders-api.yaml and orders-flow.json, answers as it says. */
class ReadmeOpenApiExampleIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();

    @Test
    void theSpecUploadsTheFlowDeploysAndTheCallsAnswerAsTheReadmeSays() throws IOException {
        SERVER.uploadSpec("demo", "orders", Files.readString(Path.of("../deploy/examples/orders-api.yaml")))
                .then().statusCode(201)
                .body("apiSpecId", equalTo("OpenAPIv3:orders:1")).body("revision", equalTo(1));
        SERVER.deployJson("demo", "orders", Files.readString(Path.of("../deploy/examples/orders-flow.json")))
                .then().statusCode(201);

        SERVER.anonymous().contentType("application/json").body("{\"item\": \"book\", \"qty\": 2}")
                .post("/demo/rs/orders/orders")
                .then().statusCode(201)
                .body("item", equalTo("book")).body("qty", equalTo(2)).body("id", equalTo(4711));
        SERVER.anonymous().contentType("application/json").body("{\"item\": \"\", \"qty\": 0}")
                .post("/demo/rs/orders/orders")
                .then().statusCode(400)
                .body("type", equalTo("urn:flowserver:problem:invalid-request"))
                .body("errors.location", contains("body", "body"))
                .body("errors.pointer", contains("/item", "/qty"))
                .body("errors.message", contains("must be at least 1 characters long", "must have a minimum value of 1"));
        SERVER.anonymous().get("/demo/rs/orders/orders/12")
                .then().statusCode(200).body("id", equalTo(12));
    }
}
