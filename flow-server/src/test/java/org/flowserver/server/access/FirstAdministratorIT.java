package org.flowserver.server.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flowserver.server.FlowServer;
import org.flowserver.server.FlowServerExtension;
import org.flowserver.server.ServerConfig;
import org.flowserver.server.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The first administrator: generated and printed once on the first start, or configured; never removable. */
class FirstAdministratorIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();

    @Test
    void generatesTheAdministratorPasswordOnTheFirstStartAndPrintsItOnce() throws Exception {
        Path dataDir = Files.createTempDirectory("flowserver-first-start");
        ServerConfig config = ServerConfig.builder(dataDir).port(0).access(AccessConfig.defaults()
                .withPasswordHashIterations(AccessConfig.MIN_ITERATIONS)).build();
        try {
            String firstOutput = printed(config);
            Matcher password = Pattern.compile("password\\s+(\\S{24})\\s").matcher(firstOutput);
            assertThat(password.find()).as(firstOutput).isTrue();

            String secondOutput;
            try (FlowServer server = FlowServer.start(config)) {
                RestAssured.given().port(server.port()).auth().preemptive().basic("admin", password.group(1))
                        .get("/api/flows").then().statusCode(200);
                RestAssured.given().port(server.port()).auth().preemptive().basic("admin", "guessed-password")
                        .get("/api/flows").then().statusCode(401);
            }
            secondOutput = printed(config);
            assertThat(secondOutput).doesNotContain(password.group(1)).doesNotContain("first start");
        } finally {
            TestFiles.deleteRecursively(dataDir);
        }
    }

    /** Starts and stops a server; what it printed to standard output meanwhile. */
    private static String printed(ServerConfig config) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (FlowServer ignored = FlowServer.start(config)) {
            return captured.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void keepsTheLastAdministrator() {
        SERVER.request().contentType("application/json").body("{\"role\": \"monitor\"}").put("/api/users/admin")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:flowserver:problem:conflict"))
                .body("detail", equalTo("The user 'admin' is the last administrator; make another user admin first, "
                        + "so that someone can still manage the server"));
        SERVER.request().delete("/api/users/admin").then().statusCode(409);
    }

    @Test
    void refusesATooShortConfiguredPassword() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> AccessConfig.defaults().withAdminPassword("short")))
                .hasMessage("Setting 'admin-password' is too short (5 characters); it must have at least 12, or leave "
                        + "it out to have a password generated and printed on the first start");
    }
}
