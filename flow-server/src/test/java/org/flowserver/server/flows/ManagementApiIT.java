package org.flowserver.server.flows;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The flow part of the management API: listing, reading, and every way a call can be wrong. */
class ManagementApiIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();

    @BeforeAll
    static void deployFlows() {
        SERVER.deployOk(Flow.define("orders", f -> f.ownerId("acme").description("Receives orders").restApi("orders-in")));
        SERVER.deployOk(Flow.define("billing", f -> f.ownerId("acme").restApi("billing-in")));
        SERVER.deployOk(Flow.define("weather", f -> f.ownerId("globex").restApi("weather-in")));
    }

    @Test
    void listsEveryFlowByOwnerAndId() {
        SERVER.request().get("/api/flows")
                .then().statusCode(200).contentType("application/json")
                .body("flows.id", contains("billing", "orders", "weather"))
                .body("flows.ownerId", contains("acme", "acme", "globex"));
    }

    @Test
    void listsTheFlowsOfOneOwner() {
        SERVER.request().queryParam("ownerId", "globex").get("/api/flows")
                .then().statusCode(200).body("flows", hasSize(1)).body("flows[0].id", equalTo("weather"));
    }

    @Test
    void getsOneFlowWithItsSpecAndState() {
        SERVER.request().get("/api/flows/acme/orders")
                .then().statusCode(200)
                .body("ownerId", equalTo("acme"))
                .body("id", equalTo("orders"))
                .body("state.status", equalTo("enabled"))
                .body("spec.description", equalTo("Receives orders"))
                .body("spec.processors[0].type", equalTo("restApi"));
    }

    @Test
    void fillsInIdsLeftOutOfTheBodyFromThePath() {
        SERVER.deployJson("acme", "pathonly", "{\"processors\": [{\"type\": \"restApi\", \"id\": \"in-1\"}]}")
                .then().statusCode(201).body("spec.id", equalTo("pathonly")).body("spec.ownerId", equalTo("acme"));
    }

    @Test
    void refusesABodyWhoseIdDiffersFromThePath() {
        SERVER.deployJson("acme", "orders", "{\"id\": \"other\", \"processors\": [{\"type\": \"restApi\", \"id\": \"in-1\"}]}")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("Flow 'other' is invalid (1 problem): id 'other' does not match the flowId "
                        + "'orders' of the path; leave it out or make them equal"))
                .body("errors[0].pointer", equalTo("/id"));
    }

    @Test
    void refusesAnInvalidIdInThePath() {
        SERVER.deployJson("acme", "x!", "{\"processors\": [{\"type\": \"restApi\", \"id\": \"in-1\"}]}")
                .then().statusCode(400)
                .body("detail", equalTo("The flowId 'x!' of the path does not match [a-zA-Z][a-zA-Z0-9_-]{2,29}"));
    }

    @Test
    void refusesAReservedOwner() {
        SERVER.deployJson("api", "orders", "{\"processors\": [{\"type\": \"restApi\", \"id\": \"in-1\"}]}")
                .then().statusCode(400)
                .body("detail", equalTo("Flow 'orders' is invalid (1 problem): ownerId 'api' is reserved for the "
                        + "server's own paths (api, health, heartbeat, metrics); choose another owner"));
    }

    @Test
    void refusesMalformedJson() {
        SERVER.deployJson("acme", "orders", "{\"processors\": [")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:flowserver:problem:invalid-flow"))
                .body("detail", equalTo("Flow is invalid (1 problem): The flow is not valid JSON: Unexpected "
                        + "end-of-input: expected close marker for Array (start marker at [line: 1, column: 16]) "
                        + "(line 1, column 17)"));
    }

    @Test
    void refusesABodyThatIsNotJson() {
        SERVER.request().contentType("text/yaml").body("id: orders")
                .put("/api/flows/acme/orders")
                .then().statusCode(415).contentType("application/problem+json")
                .body("detail", equalTo("A flow is sent as application/json, not 'text/yaml; charset=ISO-8859-1'"));
    }

    @Test
    void refusesAnEmptyBody() {
        SERVER.request().contentType("application/json").put("/api/flows/acme/empty")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("Flow is invalid (1 problem): The flow is empty; send a flow as a JSON object"));
    }

    @Test
    void answers405WithAllowOnTheServersOwnPaths() {
        SERVER.request().post("/health").then().statusCode(405).header("Allow", "GET")
                .contentType("application/problem+json");
        SERVER.request().delete("/heartbeat/index.html").then().statusCode(405).header("Allow", "GET");
    }

    @Test
    void answers404ForAFlowThatIsNotDeployed() {
        SERVER.request().get("/api/flows/acme/missing")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:flowserver:problem:not-found"))
                .body("detail", equalTo("No flow 'missing' of owner 'acme' is deployed"));
        SERVER.request().delete("/api/flows/acme/missing").then().statusCode(404);
    }

    @Test
    void answers405WithAllowForAWrongMethod() {
        SERVER.request().post("/api/flows/acme/orders")
                .then().statusCode(405).contentType("application/problem+json")
                .header("Allow", "GET, PUT, DELETE")
                .body("detail", equalTo("The method POST is not allowed on '/api/flows/acme/orders'; allowed: GET, "
                        + "PUT, DELETE"));
        SERVER.request().delete("/api/flows").then().statusCode(405).header("Allow", "GET");
    }

    @Test
    void answers404ProblemForAnUnknownPath() {
        SERVER.request().get("/api/nothing-here")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("Nothing is at '/api/nothing-here'"));
        SERVER.request().get("/no/such/thing")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void answersHealth() {
        SERVER.request().get("/health").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void servesTheHeartbeatPage() {
        SERVER.request().get("/heartbeat/").then().statusCode(200).contentType("text/html");
        SERVER.request().redirects().follow(false).get("/heartbeat")
                .then().statusCode(302).header("Location", "/heartbeat/");
    }
}
