package org.flowserver.processors.http;

import java.util.Objects;

/**
 * One violation inside a request.
 *
 * @param location  where in the request: {@code body}, {@code path}, {@code query}, {@code header} or {@code cookie}
 * @param pointer   a JSON pointer into that part ({@code /items/0/qty}), empty for the whole part
 * @param message   what is wrong and what is expected
 */
public record FieldError(String location, String pointer, String message) {

    public FieldError {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
    }
}
