package org.flowserver.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.flowserver.dsl.Access;
import org.flowserver.dsl.Flow;
import org.flowserver.server.FlowServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that sends its headers and then stalls is cut off after idle-timeout-ms; one that trickles its body
 * holds no worker thread meanwhile, so the server keeps serving with a pool smaller than the number of uploads.
 */
class SlowUploadIT {

    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(1);

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.with(config -> config.toBuilder()
            .idleTimeout(IDLE_TIMEOUT).workerThreads(2).build());

    @BeforeAll
    static void deployFlows() {
        SERVER.deployOk(Flow.define("echo", f -> f.ownerId("acme").restApi("echo-in", r -> r.access(Access.PUBLIC))));
        SERVER.deployOk(Flow.define("healthy", f -> f.ownerId("other").restApi("healthy-in", r -> r.access(Access.PUBLIC))
                .setPayload("to-reply", "{ 'ok': true }")));
    }

    @Test
    void aStalledUploadIsCutOffAfterTheIdleTimeout() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", SERVER.port())) {
            // given: 2 of the 100 bytes promised
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head(100).getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write("{}".getBytes(StandardCharsets.ISO_8859_1));
            long start = System.nanoTime();

            // when
            int read = socket.getInputStream().read();

            // then
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertThat(read).isEqualTo(-1);
            assertThat(waited).isGreaterThanOrEqualTo(IDLE_TIMEOUT.minusMillis(100)).isLessThan(Duration.ofSeconds(5));
        }
        SERVER.request().get("/health").then().statusCode(200);
    }

    @Test
    void tricklingUploadsHoldNoWorkerThread() throws IOException {
        byte[] body = "{\"trickled\": true}".getBytes(StandardCharsets.UTF_8);
        List<Socket> uploads = new ArrayList<>();
        try {
            // given: more uploads than worker threads, half sent a byte at a time, within the idle timeout
            for (int i = 0; i < 4; i++) {
                Socket socket = new Socket("127.0.0.1", SERVER.port());
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(head(body.length).getBytes(StandardCharsets.ISO_8859_1));
                uploads.add(socket);
            }
            trickle(uploads, body, 0, body.length / 2);

            // when
            Response response = SERVER.request().get("/other/rs/healthy");

            // then: the other flow had a worker thread, and every upload gets its answer once it is complete
            response.then().statusCode(200).body("ok", equalTo(true));
            trickle(uploads, body, body.length / 2, body.length);
            for (Socket socket : uploads) {
                RawHttp.Response answer = RawHttp.read(socket.getInputStream(), false);
                assertThat(answer.status()).isEqualTo(201);
                assertThat(answer.bodyText()).isEqualTo("{\"trickled\": true}");
            }
        } finally {
            for (Socket socket : uploads) {
                socket.close();
            }
        }
    }

    /** Sends bytes {@code from} to {@code to} of {@code body} on every upload, one every 100 ms. */
    private static void trickle(List<Socket> uploads, byte[] body, int from, int to) throws IOException {
        for (int i = from; i < to; i++) {
            for (Socket socket : uploads) {
                socket.getOutputStream().write(body[i]);
                socket.getOutputStream().flush();
            }
            sleep(Duration.ofMillis(100));
        }
    }

    private static String head(int contentLength) {
        return "POST /acme/rs/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                + contentLength + "\r\n\r\n";
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
