package org.flowserver.processors.payload;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * The payload of a message is the body of its Camel exchange: {@code null} (no payload), a JSON tree (see
 * {@link Json}), a {@link RawJson} not yet built, a {@link String} (text), or a {@code byte[]} (binary).
 */
public final class Payloads {

    private Payloads() {
    }

    /**
     * The payload as a processor sees it: a {@link RawJson} is built into its tree (once; the exchange keeps
     * the tree).
     */
    public static Object payload(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (body instanceof RawJson raw) {
            Object tree = raw.tree();
            exchange.getMessage().setBody(tree);
            return tree;
        }
        return body;
    }

    /** The payload as JSONata sees it: binary becomes a Base64 string. */
    public static Object documentValue(Exchange exchange) {
        Object payload = payload(exchange);
        if (payload instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return payload;
    }

    /** A short description of the payload for logs: its kind and size, never its content. */
    public static String describe(Object payload) {
        if (payload == null) {
            return "none";
        }
        if (payload instanceof RawJson raw) {
            return "json (" + raw.utf8().length + " bytes)";
        }
        if (payload instanceof String text) {
            return "text (" + text.length() + " characters)";
        }
        if (payload instanceof byte[] bytes) {
            return "binary (" + bytes.length + " bytes)";
        }
        if (payload instanceof Map<?, ?> map) {
            return "json object (" + map.size() + " fields)";
        }
        if (payload instanceof List<?> list) {
            return "json array (" + list.size() + " items)";
        }
        return "json value";
    }

    /** The payload as text for logs. */
    public static String toText(Object payload) {
        if (payload == null) {
            return "";
        }
        if (payload instanceof RawJson raw) {
            return new String(raw.utf8(), StandardCharsets.UTF_8);
        }
        if (payload instanceof String text) {
            return text;
        }
        if (payload instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        return Json.writeString(payload);
    }
}
