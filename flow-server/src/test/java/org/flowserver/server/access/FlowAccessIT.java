package org.flowserver.server.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import org.flowserver.dsl.Access;
import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Service accounts calling flows: every credential outcome over real HTTP, grants, resets, principals. */
class FlowAccessIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();

    private static final String CHALLENGES = "Basic realm=\"flowserver\", charset=\"UTF-8\", "
            + "ApiKey realm=\"flowserver\", in=\"header\", name=\"apiKey\"";
    private static final String SHOW_PROPERTIES = "{ 'properties': properties }";

    @BeforeAll
    static void deployFlows() {
        SERVER.deployOk(Flow.define("orders", f -> f.ownerId("acme").restApi("orders-in")
                .map("show", m -> m.mapSpec(SHOW_PROPERTIES).payloadArchivingStrategy(a -> a.archiveAfter(true)))));
        SERVER.deployOk(Flow.define("invoices", f -> f.ownerId("acme").restApi("invoices-in")
                .map("show", SHOW_PROPERTIES)));
        SERVER.deployOk(Flow.define("status", f -> f.ownerId("acme")
                .restApi("status-in", r -> r.access(Access.PUBLIC)).map("show", SHOW_PROPERTIES)));
    }

    /** Creates a service account and returns its answer (with the secrets, shown this once). */
    private static JsonPath createAccount(String name) {
        return SERVER.request().put("/api/accounts/{name}", name).then().statusCode(201).extract().jsonPath();
    }

    private static void grant(String account, String ownerId, String flowId) {
        SERVER.request().put("/api/accounts/{name}/grants/{ownerId}/{flowId}", account, ownerId, flowId)
                .then().statusCode(201);
    }

    @Test
    void refusesACallWithoutCredentialsWith401AndAChallengePerScheme() {
        SERVER.anonymous().get("/acme/rs/orders")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", CHALLENGES)
                .body("type", equalTo("urn:flowserver:problem:unauthorized"))
                .body("detail", equalTo("This endpoint requires credentials of a service account granted the flow: "
                        + "HTTP Basic (account name and password), or the API key in the header 'apiKey'"));
    }

    @Test
    void refusesAWrongPasswordWith401() {
        createAccount("wrong-password");
        grant("wrong-password", "acme", "orders");

        SERVER.anonymous().header("Authorization", FlowServerExtension.basic("wrong-password", "not-the-password"))
                .get("/acme/rs/orders")
                .then().statusCode(401).header("WWW-Authenticate", CHALLENGES)
                .body("detail", equalTo("The credentials sent are not valid for this endpoint; it accepts HTTP Basic "
                        + "(account name and password), or the API key in the header 'apiKey'"));
    }

    @Test
    void refusesAnUnknownAccountAndAMalformedBasicHeaderWith401() {
        SERVER.anonymous().header("Authorization", FlowServerExtension.basic("nobody", "secret"))
                .get("/acme/rs/orders").then().statusCode(401);
        SERVER.anonymous().header("Authorization", "Basic %%%not-base64").get("/acme/rs/orders").then().statusCode(401);
    }

    @Test
    void refusesAnUnknownApiKeyWith401() {
        SERVER.anonymous().header("apiKey", "fsk_not-a-key-this-server-made").get("/acme/rs/orders")
                .then().statusCode(401).body("type", equalTo("urn:flowserver:problem:unauthorized"));
    }

    @Test
    void letsAGrantedAccountInWithBasicAndRecordsItAsThePrincipal() {
        JsonPath account = createAccount("billing");
        grant("billing", "acme", "orders");

        Response response = SERVER.anonymous()
                .header("Authorization", FlowServerExtension.basic("billing", account.getString("password")))
                .get("/acme/rs/orders");

        response.then().statusCode(200).body("properties.'http.principal'", equalTo("billing"));
        assertThat(awaitTrace(response.header("X-Message-Id"), "COMPLETED").getString("principal")).isEqualTo("billing");
    }

    @Test
    void letsAGrantedAccountInWithItsApiKey() {
        JsonPath account = createAccount("shipping");
        grant("shipping", "acme", "orders");

        SERVER.anonymous().header("apiKey", account.getString("apiKey")).get("/acme/rs/orders")
                .then().statusCode(200).body("properties.'http.principal'", equalTo("shipping"));
    }

    @Test
    void refusesAValidAccountNotGrantedTheFlowWith403() {
        JsonPath account = createAccount("reporting");
        grant("reporting", "acme", "orders");

        SERVER.anonymous().header("apiKey", account.getString("apiKey")).get("/acme/rs/invoices")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:flowserver:problem:forbidden"))
                .body("detail", equalTo("The service account 'reporting' is not granted flow 'invoices' of owner "
                        + "'acme'; an administrator grants it with PUT /api/accounts/reporting/grants/acme/invoices"));
    }

    @Test
    void refusesAnAccountWith403OnceItsGrantIsRevoked() {
        JsonPath account = createAccount("revoked");
        grant("revoked", "acme", "invoices");
        SERVER.anonymous().header("apiKey", account.getString("apiKey")).get("/acme/rs/invoices").then().statusCode(200);

        SERVER.request().delete("/api/accounts/revoked/grants/acme/invoices").then().statusCode(204);

        SERVER.anonymous().header("apiKey", account.getString("apiKey")).get("/acme/rs/invoices").then().statusCode(403);
    }

    @Test
    void refusesTheOldPasswordAndKeyOnceTheyAreResetAndAcceptsTheNewOnes() {
        JsonPath account = createAccount("rotated");
        grant("rotated", "acme", "orders");
        String oldBasic = FlowServerExtension.basic("rotated", account.getString("password"));
        SERVER.anonymous().header("Authorization", oldBasic).get("/acme/rs/orders").then().statusCode(200);

        JsonPath reset = SERVER.request().post("/api/accounts/rotated/secrets").then().statusCode(200)
                .extract().jsonPath();

        SERVER.anonymous().header("Authorization", oldBasic).get("/acme/rs/orders").then().statusCode(401);
        SERVER.anonymous().header("apiKey", account.getString("apiKey")).get("/acme/rs/orders").then().statusCode(401);
        SERVER.anonymous().header("Authorization", FlowServerExtension.basic("rotated", reset.getString("password")))
                .get("/acme/rs/orders").then().statusCode(200);
        SERVER.anonymous().header("apiKey", reset.getString("apiKey")).get("/acme/rs/orders").then().statusCode(200);
    }

    @Test
    void resetsOnlyTheApiKeyWhenAsked() {
        JsonPath account = createAccount("key-only");
        grant("key-only", "acme", "orders");

        JsonPath reset = SERVER.request().contentType("application/json").body("{\"credential\": \"apiKey\"}")
                .post("/api/accounts/key-only/secrets").then().statusCode(200).extract().jsonPath();

        assertThat(reset.getString("password")).isNull();
        SERVER.anonymous().header("Authorization", FlowServerExtension.basic("key-only", account.getString("password")))
                .get("/acme/rs/orders").then().statusCode(200);
        SERVER.anonymous().header("apiKey", reset.getString("apiKey")).get("/acme/rs/orders").then().statusCode(200);
    }

    @Test
    void refusesADeletedAccountWith401() {
        JsonPath account = createAccount("deleted");
        grant("deleted", "acme", "orders");

        SERVER.request().delete("/api/accounts/deleted").then().statusCode(204);

        SERVER.anonymous().header("apiKey", account.getString("apiKey")).get("/acme/rs/orders").then().statusCode(401);
        SERVER.request().get("/api/accounts/deleted").then().statusCode(404)
                .body("detail", equalTo("There is no service account 'deleted'"));
    }

    @Test
    void letsAnyoneCallAPublicFlowWithoutAPrincipal() {
        Response response = SERVER.anonymous().get("/acme/rs/status");

        response.then().statusCode(200).body("properties", not(hasKey("http.principal")));
        assertThat(awaitTrace(response.header("X-Message-Id"), "COMPLETED").getString("principal")).isNull();
    }

    @Test
    void keepsCredentialsOutOfExchangePropertiesAndTraces() {
        JsonPath account = createAccount("secretive");
        grant("secretive", "acme", "orders");
        String password = account.getString("password");
        String apiKey = account.getString("apiKey");

        Response byPassword = SERVER.anonymous().header("Authorization", FlowServerExtension.basic("secretive", password))
                .get("/acme/rs/orders");
        Response byKey = SERVER.anonymous().header("apiKey", apiKey).get("/acme/rs/orders");

        byPassword.then().statusCode(200).body("properties", not(hasKey("http.header.Authorization")));
        byKey.then().statusCode(200).body("properties", not(hasKey("http.header.Apikey")))
                .body("properties", not(hasKey("http.header.ApiKey")));
        for (Response response : new Response[] {byPassword, byKey}) {
            String trace = awaitTrace(response.header("X-Message-Id"), "COMPLETED").prettify();
            assertThat(trace).contains("http.method").doesNotContain(password).doesNotContain(apiKey)
                    .doesNotContain(FlowServerExtension.basic("secretive", password).substring(6));
        }
    }

    @Test
    void keepsTheManagementSessionCookieFromFlows() {
        SERVER.request().cookie("flowserver_session", "an-administrators-session").cookie("theme", "dark")
                .get("/acme/rs/orders")
                .then().statusCode(200).body("properties.'http.header.Cookie'", equalTo("theme=dark"));
    }

    @Test
    void recordsARefusedCallAsARejectedMessageWithoutPrincipal() {
        Response response = SERVER.anonymous().get("/acme/rs/invoices");

        JsonPath trace = awaitTrace(response.header("X-Message-Id"), "FAILED");
        assertThat(trace.getString("error.type")).isEqualTo("unauthorized");
        assertThat(trace.getString("error.category")).isEqualTo("preprocessing");
        assertThat(trace.getString("principal")).isNull();
    }

    @Test
    void showsSecretsOnlyInTheAnswerThatCreatedThem() {
        JsonPath created = createAccount("shown-once");

        assertThat(created.getString("password")).hasSize(24);
        assertThat(created.getString("apiKey")).startsWith("fsk_").hasSize(44);
        SERVER.request().get("/api/accounts/shown-once").then().statusCode(200)
                .body("password", nullValue()).body("apiKey", nullValue()).body("createdBy", equalTo("admin"));
        SERVER.request().put("/api/accounts/shown-once").then().statusCode(200)
                .body("password", nullValue()).body("apiKey", nullValue());
    }

    @Test
    void listsAnAccountsGrants() {
        createAccount("granted-two");
        grant("granted-two", "acme", "orders");
        grant("granted-two", "acme", "invoices");

        SERVER.request().put("/api/accounts/granted-two/grants/acme/orders").then().statusCode(200);
        SERVER.request().get("/api/accounts/granted-two").then().statusCode(200)
                .body("grants.flowId", org.hamcrest.Matchers.contains("invoices", "orders"))
                .body("grants[0].grantedBy", equalTo("admin"));
    }

    @Test
    void refusesBadAccountNamesAndUnknownAccounts() {
        SERVER.request().put("/api/accounts/{name}", "x").then().statusCode(400)
                .body("detail", equalTo("The name 'x' of the path does not match [a-zA-Z][a-zA-Z0-9._-]{2,63}"));
        SERVER.request().put("/api/accounts/nobody-here/grants/acme/orders").then().statusCode(404)
                .body("detail", equalTo("There is no service account 'nobody-here'"));
        SERVER.request().delete("/api/accounts/" + FlowServerExtension.TESTER + "/grants/acme/never").then()
                .statusCode(404).body("detail", equalTo("The service account 'tester' is not granted flow 'never' of "
                        + "owner 'acme'"));
        SERVER.request().contentType("application/json").body("{\"credential\": \"token\"}")
                .post("/api/accounts/" + FlowServerExtension.TESTER + "/secrets").then().statusCode(400)
                .body("errors[0].pointer", equalTo("/credential"));
    }

    private static JsonPath awaitTrace(String messageId, String state) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> SERVER.request().get("/api/traces/{messageId}", messageId),
                        response -> response.statusCode() == 200
                                && state.equals(response.jsonPath().getString("state")))
                .jsonPath();
    }
}
