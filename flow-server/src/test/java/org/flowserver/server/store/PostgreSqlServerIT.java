package org.flowserver.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The server with PostgreSQL as its store (issue 4, point 6): what it stores there survives a restart. */
class PostgreSqlServerIT {

    @RegisterExtension
    @Order(1)
    static final PostgresSchemaExtension POSTGRES = new PostgresSchemaExtension();

    @RegisterExtension
    @Order(2)
    static final FlowServerExtension SERVER = FlowServerExtension.with(POSTGRES::configure);

    private static final String PING_JSON = "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"t\",\"version\":\"1\"},"
            + "\"paths\":{\"/ping\":{\"get\":{\"responses\":{\"200\":{\"description\":\"ok\"}}}}}}";
    private static final String PONG_JSON = PING_JSON.replace("/ping", "/pong");

    @Test
    void flowsAndSpecsAreStoredInPostgreSqlAndSurviveARestart() throws SQLException {
        // given: a flow on revision 1 of a spec, a newer revision uploaded after it, and a generic flow
        SERVER.uploadSpecOk("acme", "orders", PING_JSON);
        SERVER.deployOk(Flow.define("orders-api", f -> f.ownerId("acme")
                .restApi("orders-in", r -> r.apiSpecId("OpenAPIv3:orders:latest"))));
        SERVER.uploadSpecOk("acme", "orders", PONG_JSON);
        SERVER.deployOk(Flow.define("echo", f -> f.ownerId("acme").restApi("echo-in")
                .map("to-reply", "{ 'echo': 'v1' }")));
        SERVER.deployOk(Flow.define("echo", f -> f.ownerId("acme").restApi("echo-in")
                .map("to-reply", "{ 'echo': 'v2' }")));

        // when
        SERVER.restart();

        // then: served from what PostgreSQL kept
        SERVER.request().get("/api/flows/acme/orders-api").then().statusCode(200)
                .body("deployment.status", equalTo("active"))
                .body("apiSpec.apiSpecId", equalTo("OpenAPIv3:orders:1"));
        SERVER.request().get("/acme/rs/orders-api/ping").then().statusCode(200);
        SERVER.request().get("/api/flows/acme/echo").then().statusCode(200).body("version", equalTo(2));
        SERVER.request().get("/acme/rs/echo").then().statusCode(200).body("echo", equalTo("v2"));
        assertThat(SERVER.request().get("/api/specs/acme/orders/1").asString()).isEqualTo(PING_JSON);
        assertThat(SERVER.request().get("/api/specs/acme/orders/latest").asString()).isEqualTo(PONG_JSON);
        assertThat(rows("SELECT owner_id || '/' || flow_id || ' v' || version FROM flows ORDER BY flow_id"))
                .containsExactly("acme/echo v2", "acme/orders-api v1");
        assertThat(rows("SELECT resource_id || ':' || revision FROM api_specs ORDER BY revision"))
                .containsExactly("orders:1", "orders:2");
    }

    private static List<String> rows(String query) throws SQLException {
        try (Connection connection = POSTGRES.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
