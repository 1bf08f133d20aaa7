package org.flowserver.server.traces;

import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import org.flowserver.server.FlowServerExtension;

/** Reading traces over the API; traces are written asynchronously, so these wait for them rather than sleep. */
final class TraceCalls {

    private TraceCalls() {
    }

    /** The full trace of a message, once it is stored in {@code state}. */
    static JsonPath awaitTrace(FlowServerExtension server, String messageId, String state) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> server.request().get("/api/traces/{messageId}", messageId),
                        response -> response.statusCode() == 200 && state.equals(response.jsonPath().getString("state")))
                .jsonPath();
    }

    /** The message id of a flow's answer. */
    static String messageId(Response response) {
        String id = response.header("X-Message-Id");
        if (id == null) {
            throw new AssertionError("The answer has no X-Message-Id: " + response.asString());
        }
        return id;
    }
}
