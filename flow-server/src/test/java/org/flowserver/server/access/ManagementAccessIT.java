package org.flowserver.server.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The management API's login, roles, sessions, CSRF protection and audit log, over real HTTP. */
class ManagementAccessIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();

    private static final String FLOW = "{\"processors\": [{\"type\": \"restApi\", \"id\": \"ops-in\"}]}";
    private static final String SPEC = "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, "
            + "\"paths\": {}}";
    private static final Map<String, String> PASSWORDS = new java.util.HashMap<>();

    @BeforeAll
    static void createUsersAndAFlow() {
        for (String role : List.of("admin", "deployer", "operator", "monitor")) {
            String name = "a-" + role;
            PASSWORDS.put(role, SERVER.request().contentType("application/json").body("{\"role\": \"" + role + "\"}")
                    .put("/api/users/{name}", name).then().statusCode(201).extract().jsonPath().getString("password"));
        }
        SERVER.deployJson("acme", "ops", FLOW).then().statusCode(201);
    }

    private static RequestSpecification as(String role) {
        return SERVER.anonymous().header("Authorization", FlowServerExtension.basic("a-" + role, PASSWORDS.get(role)));
    }

    @Test
    void refusesACallWithoutCredentialsWith401AndABasicChallenge() {
        SERVER.anonymous().get("/api/flows")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Basic realm=\"flowserver\", charset=\"UTF-8\", Bearer realm=\"flowserver\"")
                .body("type", equalTo("urn:flowserver:problem:unauthorized"))
                .body("detail", equalTo("The management API requires a management user: HTTP Basic (name and "
                        + "password), 'Authorization: Bearer <token>' with a token from POST /api/session, or a "
                        + "Heartbeat login"));
    }

    @Test
    void challengesHeartbeatWithoutBasicSoTheBrowserShowsNoLoginBox() {
        SERVER.anonymous().header("X-Requested-With", "Heartbeat").get("/api/flows")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer realm=\"flowserver\"");
    }

    @Test
    void refusesAWrongPasswordWith401() {
        SERVER.anonymous().header("Authorization", FlowServerExtension.basic("a-admin", "wrong"))
                .get("/api/flows").then().statusCode(401)
                .body("detail", equalTo("The credentials or session sent are not valid (a session ends after 8 "
                        + "hours or when the password is reset)"));
    }

    @Test
    void guardsTheMetricsButNotTheHealth() {
        SERVER.anonymous().get("/metrics").then().statusCode(401);
        as("monitor").get("/metrics").then().statusCode(200);
        SERVER.anonymous().get("/health").then().statusCode(200);
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource({
            "monitor,  GET,    /api/flows,                   200",
            "monitor,  GET,    /api/traces,                  200",
            "monitor,  PUT,    /api/flows/acme/by-monitor,   403",
            "monitor,  POST,   /api/flows/acme/ops/disable,  403",
            "monitor,  PUT,    /api/specs/acme/monitored,    403",
            "monitor,  GET,    /api/accounts,                403",
            "operator, GET,    /api/flows/acme/ops,          200",
            "operator, POST,   /api/flows/acme/ops/disable,  200",
            "operator, POST,   /api/flows/acme/ops/enable,   200",
            "operator, PUT,    /api/flows/acme/by-operator,  403",
            "operator, DELETE, /api/flows/acme/ops,          403",
            "operator, GET,    /api/users,                   403",
            "deployer, PUT,    /api/flows/acme/by-deployer,  201",
            "deployer, PUT,    /api/specs/acme/deployed,     201",
            "deployer, POST,   /api/flows/acme/ops/disable,  403",
            "deployer, PUT,    /api/accounts/by-deployer,    403",
            "deployer, GET,    /api/audit,                   403",
            "admin,    PUT,    /api/flows/acme/by-admin,     201",
            "admin,    POST,   /api/flows/acme/ops/enable,   200",
            "admin,    PUT,    /api/accounts/by-admin,       201",
            "admin,    GET,    /api/audit,                   200",
    })
    void allowsEachRoleWhatItCovers(String role, String method, String path, int status) {
        RequestSpecification request = as(role).contentType("application/json");
        if (path.startsWith("/api/specs/")) {
            request.body(SPEC);
        } else if (path.endsWith("/disable")) {
            request.body("{\"reason\": \"maintenance\"}");
        } else if (method.equals("PUT") && path.startsWith("/api/flows/")) {
            request.body(FLOW.replace("ops-in", "made-in"));
        }

        Response response = request.request(method, path);

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
    }

    @Test
    void namesTheRoleThatIsMissing() {
        as("monitor").contentType("application/json").body("{\"reason\": \"x\"}").post("/api/flows/acme/ops/disable")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:flowserver:problem:forbidden"))
                .body("detail", equalTo("The user 'a-monitor' has the role 'monitor', which may not disable or enable "
                        + "flows; that needs the role 'admin' or 'operator'"));
    }

    @Test
    void recordsWhoDisabledAFlow() {
        as("operator").contentType("application/json").body("{\"reason\": \"night maintenance\"}")
                .post("/api/flows/acme/ops/disable").then().statusCode(200)
                .body("state.changedBy", equalTo("a-operator"));
        as("operator").post("/api/flows/acme/ops/enable").then().statusCode(200);
    }

    @Test
    void writesEveryChangeAndEveryRefusedChangeToTheAuditLog() {
        as("deployer").contentType("application/json").body(FLOW.replace("ops-in", "audited-in"))
                .put("/api/flows/acme/audited").then().statusCode(201);
        as("monitor").delete("/api/flows/acme/audited").then().statusCode(403);

        JsonPath audit = as("admin").get("/api/audit?limit=50").then().statusCode(200).extract().jsonPath();

        List<Map<String, Object>> entries = audit.getList("entries");
        assertThat(entries).anySatisfy(entry -> assertThat(entry).containsEntry("actor", "a-deployer")
                .containsEntry("action", "PUT").containsEntry("target", "/api/flows/acme/audited")
                .containsEntry("status", 201).containsKey("at"));
        assertThat(entries).anySatisfy(entry -> assertThat(entry).containsEntry("actor", "a-monitor")
                .containsEntry("action", "DELETE").containsEntry("target", "/api/flows/acme/audited")
                .containsEntry("status", 403));
        assertThat(audit.prettify()).doesNotContain(PASSWORDS.get("deployer"));
    }

    @Test
    void logsInWithACookieThatNeedsTheCsrfTokenForChanges() {
        Response login = SERVER.anonymous().contentType("application/json")
                .body("{\"name\": \"a-operator\", \"password\": \"" + PASSWORDS.get("operator") + "\"}")
                .post("/api/session");
        login.then().statusCode(201).body("name", equalTo("a-operator")).body("role", equalTo("operator"));
        String cookie = login.getCookie("flowserver_session");
        String csrf = login.jsonPath().getString("csrfToken");
        assertThat(login.getDetailedCookie("flowserver_session").isHttpOnly()).isTrue();
        assertThat(login.getDetailedCookie("flowserver_session").getSameSite()).isEqualTo("Strict");
        assertThat(login.getDetailedCookie("flowserver_session").getPath()).isEqualTo("/api");

        SERVER.anonymous().cookie("flowserver_session", cookie).get("/api/flows").then().statusCode(200);
        SERVER.anonymous().cookie("flowserver_session", cookie).contentType("application/json")
                .body("{\"reason\": \"forged\"}").post("/api/flows/acme/ops/disable")
                .then().statusCode(403).body("detail", equalTo("A change made with the session cookie must carry the "
                        + "session's CSRF token in the X-CSRF-Token header (csrfToken of POST or GET /api/session)"));
        SERVER.anonymous().cookie("flowserver_session", cookie).header("X-CSRF-Token", "guessed")
                .post("/api/flows/acme/ops/enable").then().statusCode(403);
        SERVER.anonymous().cookie("flowserver_session", cookie).header("X-CSRF-Token", csrf)
                .post("/api/flows/acme/ops/enable").then().statusCode(200);
        SERVER.anonymous().cookie("flowserver_session", cookie).get("/api/session").then().statusCode(200)
                .body("csrfToken", equalTo(csrf));
    }

    @Test
    void acceptsTheSessionTokenAsBearerAndEndsItOnLogout() {
        String token = SERVER.anonymous().contentType("application/json")
                .body("{\"name\": \"a-monitor\", \"password\": \"" + PASSWORDS.get("monitor") + "\"}")
                .post("/api/session").then().statusCode(201).extract().jsonPath().getString("token");

        SERVER.anonymous().header("Authorization", "Bearer " + token).get("/api/flows").then().statusCode(200);
        SERVER.anonymous().header("Authorization", "Bearer " + token).delete("/api/session").then().statusCode(204);

        SERVER.anonymous().header("Authorization", "Bearer " + token).get("/api/flows").then().statusCode(401);
    }

    @Test
    void refusesAWrongLoginWith401AndAuditsIt() {
        SERVER.anonymous().contentType("application/json").body("{\"name\": \"a-admin\", \"password\": \"guess\"}")
                .post("/api/session").then().statusCode(401).header("WWW-Authenticate", "Bearer realm=\"flowserver\"")
                .body("detail", equalTo("The name or the password is wrong"));
        SERVER.anonymous().contentType("application/json").body("{\"name\": \"Xq7mKp2RfT9wLn4HcV8sBd3Z\", "
                + "\"password\": \"guess\"}").post("/api/session").then().statusCode(401);

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(as("admin").get("/api/audit?actor=a-admin").jsonPath().getList("entries.detail"))
                        .contains("login failed"));
        // A password typed into the name field is not recorded: names that do not exist become anonymous.
        assertThat(as("admin").get("/api/audit?limit=1000").asString()).doesNotContain("Xq7mKp2RfT9wLn4HcV8sBd3Z");
    }

    @Test
    void endsSessionsAndTheOldPasswordWhenThePasswordIsReset() {
        String password = SERVER.request().contentType("application/json").body("{\"role\": \"monitor\"}")
                .put("/api/users/reset-me").then().statusCode(201).extract().jsonPath().getString("password");
        String token = SERVER.anonymous().contentType("application/json")
                .body("{\"name\": \"reset-me\", \"password\": \"" + password + "\"}")
                .post("/api/session").then().statusCode(201).extract().jsonPath().getString("token");

        String newPassword = SERVER.request().post("/api/users/reset-me/password").then().statusCode(200)
                .extract().jsonPath().getString("password");

        SERVER.anonymous().header("Authorization", "Bearer " + token).get("/api/flows").then().statusCode(401);
        SERVER.anonymous().header("Authorization", FlowServerExtension.basic("reset-me", password)).get("/api/flows")
                .then().statusCode(401);
        SERVER.anonymous().header("Authorization", FlowServerExtension.basic("reset-me", newPassword)).get("/api/flows")
                .then().statusCode(200);
    }

    @Test
    void changesARoleWithoutShowingAPassword() {
        SERVER.request().contentType("application/json").body("{\"role\": \"monitor\"}").put("/api/users/promoted")
                .then().statusCode(201);

        SERVER.request().contentType("application/json").body("{\"role\": \"deployer\"}").put("/api/users/promoted")
                .then().statusCode(200).body("role", equalTo("deployer"))
                .body("password", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void refusesAChangeFromAnotherPageEvenWithCredentials() {
        as("admin").header("Origin", "https://evil.example").contentType("application/json")
                .body("{\"reason\": \"csrf\"}").post("/api/flows/acme/ops/disable")
                .then().statusCode(403).body("detail", equalTo("A change to the management API must come from the "
                        + "server's own pages or from a client that is not a browser (Origin or Sec-Fetch-Site says "
                        + "it comes from another page)"));
        as("admin").header("Sec-Fetch-Site", "cross-site").post("/api/flows/acme/ops/enable").then().statusCode(403);
        as("admin").header("Sec-Fetch-Site", "same-site").post("/api/flows/acme/ops/enable").then().statusCode(403);
        SERVER.anonymous().header("Origin", "https://evil.example").contentType("application/json")
                .body("{\"name\": \"a-admin\", \"password\": \"" + PASSWORDS.get("admin") + "\"}")
                .post("/api/session").then().statusCode(403);
        as("admin").header("Sec-Fetch-Site", "same-origin").post("/api/flows/acme/ops/enable").then().statusCode(200);
        as("admin").header("Origin", "http://127.0.0.1:" + SERVER.port()).post("/api/flows/acme/ops/enable")
                .then().statusCode(200);
    }

    @Test
    void letsNoSpellingOfAPathPassTheRoleCheck() {
        // Refused as a malformed path (400) or for the role (403); never the list of users.
        for (String path : List.of("/api/./users", "/api/flows/../users", "/api//users", "/api/%75sers")) {
            assertThat(as("monitor").get(path).statusCode()).as(path).isIn(400, 403, 404);
        }
    }

    @Test
    void refusesAnUnknownRole() {
        SERVER.request().contentType("application/json").body("{\"role\": \"root\"}").put("/api/users/rooted")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/role"))
                .body("detail", equalTo("The request is invalid: the role 'root' is not one of admin, deployer, "
                        + "operator, monitor"));
    }
}
