package org.flowserver.processors;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.flowserver.processors.payload.Json;
import org.flowserver.processors.payload.RawJson;
import org.flowserver.processors.trace.ArchivedPayload;

/** Turns a payload into what a trace keeps of it: JSON (credentials hidden), text, or binary as base64, capped. */
final class PayloadArchive {

    private PayloadArchive() {
    }

    static ArchivedPayload of(Object payload, int maxBytes) {
        if (payload == null) {
            return new ArchivedPayload("none", "", 0, false);
        }
        if (payload instanceof byte[] bytes) {
            int kept = Math.min(bytes.length, maxBytes);
            byte[] head = kept == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, kept);
            return new ArchivedPayload("binary", Base64.getEncoder().encodeToString(head), bytes.length, kept < bytes.length);
        }
        if (payload instanceof String text) {
            return capped("text", text, maxBytes);
        }
        Object tree = payload instanceof RawJson raw ? raw.tree() : payload;
        return capped("json", Json.writeString(Redaction.tree(tree)), maxBytes);
    }

    private static ArchivedPayload capped(String kind, String text, int maxBytes) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= maxBytes) {
            return new ArchivedPayload(kind, text, utf8.length, false);
        }
        // Cut at a character boundary: drop continuation bytes of a character the cap splits.
        int end = maxBytes;
        while (end > 0 && (utf8[end] & 0xC0) == 0x80) {
            end--;
        }
        return new ArchivedPayload(kind, new String(utf8, 0, end, StandardCharsets.UTF_8), utf8.length, true);
    }
}
