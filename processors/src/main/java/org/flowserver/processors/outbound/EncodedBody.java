package org.flowserver.processors.outbound;

import java.util.Objects;

/**
 * A request body ready to send.
 *
 * @param bytes        the body; not copied, do not modify
 * @param contentType  the {@code Content-Type} to send with it
 */
public record EncodedBody(byte[] bytes, String contentType) {

    public EncodedBody {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(contentType, "contentType");
    }
}
