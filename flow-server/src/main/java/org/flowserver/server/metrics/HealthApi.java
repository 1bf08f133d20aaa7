package org.flowserver.server.metrics;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.flowserver.server.flows.FlowRegistry;
import org.flowserver.server.flows.FlowView;
import org.flowserver.server.http.Problems;

/**
 * {@code GET /health/live}: the process answers (always {@code 200} while it can). {@code GET /health/ready}
 * and {@code GET /health}: ready to serve, {@code 200} with {@code "status": "UP"} when the store answers a
 * validity check within {@value #STORE_TIMEOUT_SECONDS} s and the Camel routes are started, else {@code 503}
 * with {@code "DOWN"} and which check failed. Flows that could not start are counted but do not make the
 * server unready: every other flow serves.
 */
public final class HealthApi {

    static final int STORE_TIMEOUT_SECONDS = 2;

    private final DataSource store;
    private final CamelContext camel;
    private final FlowRegistry flows;

    public HealthApi(DataSource store, CamelContext camel, FlowRegistry flows) {
        this.store = store;
        this.camel = camel;
        this.flows = flows;
    }

    public void mount(Router router) {
        router.get("/health/live").handler(context -> context.response().putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("status", "UP").encode()));
        router.get("/health/ready").blockingHandler(this::ready, false);
        router.get("/health").blockingHandler(this::ready, false);
        for (String path : List.of("/health", "/health/live", "/health/ready")) {
            router.route(path).handler(context -> Problems.methodNotAllowed(context, "GET"));
        }
    }

    private void ready(RoutingContext context) {
        JsonObject storeCheck = storeCheck();
        boolean routesStarted = camel.isStarted();
        List<FlowView> views = flows.list();
        long failed = views.stream().filter(view -> !view.active()).count();
        JsonObject flowsCheck = new JsonObject().put("status", routesStarted ? "UP" : "DOWN")
                .put("running", views.size() - failed).put("failed", failed);
        boolean up = storeCheck.getString("status").equals("UP") && routesStarted;
        JsonObject body = new JsonObject().put("status", up ? "UP" : "DOWN")
                .put("checks", new JsonObject().put("store", storeCheck).put("flows", flowsCheck));
        context.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
                .end(body.encode());
    }

    private JsonObject storeCheck() {
        try (Connection connection = store.getConnection()) {
            return connection.isValid(STORE_TIMEOUT_SECONDS) ? new JsonObject().put("status", "UP")
                    : new JsonObject().put("status", "DOWN").put("reason", "the store did not answer in time");
        } catch (SQLException e) {
            return new JsonObject().put("status", "DOWN").put("reason", "the store cannot be reached");
        }
    }
}
