package org.flowserver.server.hostile;

import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 over a loopback socket, for requests no client library would send: the exact bytes go out, and one
 * response is read back, framed by its {@code Content-Length} or chunks, or by the end of the connection.
 */
final class RawHttp {

    /** The most of a response that is read: more means the framing went wrong. */
    private static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

    private RawHttp() {
    }

    /**
     * One response.
     *
     * @param status   the status code; 0 when none came in time or the connection closed first
     * @param headers  the headers, names in lower case, values in arrival order
     */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {

        /** The first value of a header, if sent. */
        Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? Optional.empty() : Optional.of(values.get(0));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonPath json() {
            return JsonPath.from(bodyText());
        }

        /** Everything the client sees, for messages and leak checks. */
        String text() {
            StringBuilder text = new StringBuilder().append(status).append('\n');
            headers.forEach((name, values) -> values.forEach(value -> text.append(name).append(": ").append(value)
                    .append('\n')));
            return text.append('\n').append(new String(body, StandardCharsets.ISO_8859_1)).toString();
        }
    }

    /** Sends {@code request} (ISO-8859-1, so every char is one byte) and reads the response. */
    static Response send(int port, String request) throws IOException {
        return send(port, request.getBytes(StandardCharsets.ISO_8859_1), false, Duration.ofSeconds(10));
    }

    /**
     * Sends {@code request} on a new connection and reads one response, waiting at most {@code timeout} for each
     * read.
     *
     * @param head  whether the request is a HEAD, whose response has no body whatever its headers say
     */
    static Response send(int port, byte[] request, boolean head, Duration timeout) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // The server may answer and close before it has read everything (a 413, a 400): read what it said.
            }
            return read(socket.getInputStream(), head);
        }
    }

    /** Reads one response from {@code in}, after any 1xx interim responses. */
    static Response read(InputStream in, boolean head) throws IOException {
        Reader reader = new Reader(in);
        try {
            while (true) {
                String head1 = reader.head();
                if (head1 == null) {
                    return new Response(0, Map.of(), new byte[0]);
                }
                String[] lines = head1.split("\r\n");
                String[] statusLine = lines[0].split(" ", 3);
                int status = statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : 0;
                Map<String, List<String>> headers = new LinkedHashMap<>();
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    if (colon > 0) {
                        headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                name -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
                    }
                }
                if (status >= 100 && status < 200) {
                    continue;
                }
                byte[] body;
                if (head || status == 204 || status == 304) {
                    body = new byte[0];
                } else if (headers.containsKey("transfer-encoding")) {
                    body = reader.chunked();
                } else if (headers.containsKey("content-length")) {
                    body = reader.exactly(Integer.parseInt(headers.get("content-length").get(0)));
                } else {
                    body = reader.rest();
                }
                return new Response(status, headers, body);
            }
        } catch (SocketTimeoutException e) {
            return new Response(0, Map.of(), new byte[0]);
        }
    }

    /** Buffered reading of a response, byte by byte where framing needs it. */
    private static final class Reader {
        private final InputStream in;
        private final byte[] buffer = new byte[8192];
        private int position;
        private int limit;
        private int total;
        private boolean ended;

        Reader(InputStream in) {
            this.in = in;
        }

        /** The status line and headers, without the blank line; null if the connection ended before any. */
        String head() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = next();
                if (b < 0) {
                    return head.size() == 0 ? null : head.toString(StandardCharsets.ISO_8859_1);
                }
                matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
                head.write(b);
            }
            byte[] bytes = head.toByteArray();
            return new String(bytes, 0, bytes.length - 4, StandardCharsets.ISO_8859_1);
        }

        byte[] exactly(int length) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int i = 0; i < length; i++) {
                int b = next();
                if (b < 0) {
                    break;
                }
                body.write(b);
            }
            return body.toByteArray();
        }

        byte[] chunked() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = line();
                if (sizeLine == null) {
                    return body.toByteArray();
                }
                int semicolon = sizeLine.indexOf(';');
                int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
                if (size == 0) {
                    while (true) {
                        String trailer = line();
                        if (trailer == null || trailer.isEmpty()) {
                            return body.toByteArray();
                        }
                    }
                }
                body.writeBytes(exactly(size));
                line();
            }
        }

        byte[] rest() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int b = next(); b >= 0; b = next()) {
                body.write(b);
            }
            return body.toByteArray();
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = next(); b >= 0; b = next()) {
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.ISO_8859_1);
                    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                }
                line.write(b);
            }
            return null;
        }

        private int next() throws IOException {
            if (position == limit) {
                if (ended || total >= MAX_RESPONSE_BYTES) {
                    return -1;
                }
                int read;
                try {
                    read = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    throw e;
                } catch (IOException e) {
                    read = -1;
                }
                if (read < 0) {
                    ended = true;
                    return -1;
                }
                position = 0;
                limit = read;
                total += read;
            }
            return buffer[position++] & 0xff;
        }
    }
}
