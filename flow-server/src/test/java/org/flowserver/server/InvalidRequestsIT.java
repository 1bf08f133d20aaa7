package org.flowserver.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests the HTTP layer cannot decode get a problem too (414, 431, 400), the connection is closed after it, and
 * the server keeps serving.
 */
class InvalidRequestsIT {

    @RegisterExtension
    static final FlowServerExtension SERVER = FlowServerExtension.withDefaults();

    @Test
    void answers431WithAProblemWhenTheHeadersAreTooLarge() throws IOException {
        // when
        String answer = send("GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(9000)
                + "\r\n\r\n");

        // then
        assertThat(answer).startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n")
                .containsIgnoringCase("content-type: application/problem+json")
                .containsIgnoringCase("connection: close")
                .contains("\"type\":\"urn:flowserver:problem:headers-too-large\"")
                .contains("\"detail\":\"The request headers are larger than 8192 bytes in all; send fewer or "
                        + "shorter headers\"");
        SERVER.request().get("/health/live").then().statusCode(200);
    }

    @Test
    void answers414WithAProblemWhenTheRequestLineIsTooLong() throws IOException {
        // when
        String answer = send("GET /acme/rs/" + "x".repeat(5000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

        // then: Netty could not read the version from the line, so the answer is HTTP/1.0
        assertThat(answer).startsWith("HTTP/1.0 414 Request-URI Too Long\r\n")
                .containsIgnoringCase("content-type: application/problem+json")
                .contains("\"type\":\"urn:flowserver:problem:uri-too-long\"")
                .contains("\"detail\":\"The request line is longer than 4096 bytes; shorten the path and query, or "
                        + "send the data in a body\"");
        SERVER.request().get("/health/live").then().statusCode(200);
    }

    @Test
    void answers400WithAProblemWhenTheRequestIsNotHttp() throws IOException {
        // when
        String answer = send("GET /health/live HTTP/1.1\r\nHost: localhost\r\nBroken header line\r\n\r\n");

        // then
        assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n")
                .contains("\"type\":\"urn:flowserver:problem:malformed-request\"")
                .contains("\"detail\":\"The request is not well-formed HTTP/1.1 and cannot be read\"");
        SERVER.request().get("/health/live").then().statusCode(200);
    }

    /** Sends raw bytes and reads until the server closes the connection. */
    private static String send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", SERVER.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
