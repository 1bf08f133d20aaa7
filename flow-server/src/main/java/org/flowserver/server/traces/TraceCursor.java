package org.flowserver.server.traces;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;

/**
 * A position in the newest-first order of traces: the start and message id of the last trace of a page. The next
 * page holds the traces after it (older, or as old with a smaller message id), so that paging stays exact while
 * new traces arrive. Callers see it only as an opaque text.
 *
 * @param start      the start of the last trace returned
 * @param messageId  its message id
 */
public record TraceCursor(Instant start, String messageId) {

    private static final char SEPARATOR = ' ';

    public TraceCursor {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(messageId, "messageId");
    }

    /** The cursor as URL-safe text. */
    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((start + String.valueOf(SEPARATOR) + messageId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a cursor that {@link #encode()} wrote.
     *
     * @throws IllegalArgumentException if the text is not such a cursor
     */
    public static TraceCursor decode(String text) {
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not base64url", e);
        }
        int separator = decoded.indexOf(SEPARATOR);
        if (separator < 0 || separator == decoded.length() - 1) {
            throw new IllegalArgumentException("no start and message id");
        }
        try {
            return new TraceCursor(Instant.parse(decoded.substring(0, separator)), decoded.substring(separator + 1));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("no start time", e);
        }
    }
}
