package org.flowserver.server.failures;

import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.flowserver.server.FlowServerExtension;

/** Reading traces over the API; traces are written asynchronously, so these wait for them rather than sleep. */
public final class Traced {

    private Traced() {
    }

    /** The full trace of a message, once it is stored in {@code state}. */
    public static JsonPath awaitTrace(FlowServerExtension server, String messageId, String state) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> server.request().get("/api/traces/{messageId}", messageId),
                        response -> response.statusCode() == 200 && state.equals(response.jsonPath().getString("state")))
                .jsonPath();
    }

    /** The full trace of the one message of {@code flowId} with this correlation id, once it is stored in {@code state}. */
    public static JsonPath awaitTraceOf(FlowServerExtension server, String ownerId, String flowId, String correlationId,
                                 String state) {
        List<Map<String, Object>> found = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> server.request().queryParam("ownerId", ownerId).queryParam("flowId", flowId)
                                .queryParam("correlationId", correlationId).queryParam("state", state)
                                .get("/api/traces").jsonPath().<Map<String, Object>>getList("traces"),
                        traces -> traces.size() == 1);
        return awaitTrace(server, (String) found.get(0).get("messageId"), state);
    }

    public static String messageId(Response response) {
        String id = response.header("X-Message-Id");
        if (id == null) {
            throw new AssertionError("The answer has no X-Message-Id: " + response.asString());
        }
        return id;
    }
}
