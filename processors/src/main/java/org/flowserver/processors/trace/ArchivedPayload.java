package org.flowserver.processors.trace;

import java.util.Objects;

/**
 * A payload as a processor's {@code payloadArchivingStrategy} kept it: its text (JSON, text, or binary as
 * base64), cut to the strategy's size cap.
 *
 * @param kind       {@code json}, {@code text}, {@code binary} or {@code none}
 * @param content    the archived text, at most the cap in UTF-8 bytes
 * @param sizeBytes  the size of the whole payload in bytes
 * @param truncated  whether {@code content} was cut
 */
public record ArchivedPayload(String kind, String content, long sizeBytes, boolean truncated) {

    public ArchivedPayload {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(content, "content");
    }
}
