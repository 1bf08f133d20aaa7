package org.flowserver.processors.outbound;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.flowserver.processors.http.MediaType;
import org.flowserver.processors.http.UrlEncoded;
import org.flowserver.processors.payload.Json;
import org.flowserver.processors.payload.JsonLimits;
import org.flowserver.processors.payload.MalformedJsonException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer of an outbound call as a payload (design record §1 items 21–23), by its {@code Content-Type}:
 * {@code application/json} and {@code +json} → a JSON tree within the server's JSON limits;
 * {@code application/x-www-form-urlencoded} → an object (a repeated field → an array); text ({@code text/*},
 * XML, JavaScript, YAML, NDJSON) → a {@code String} in its charset (UTF-8 by default, and when the charset is
 * unknown); anything else → {@code byte[]}. Without a {@code Content-Type} the body is sniffed as Cloudomation
 * does: valid UTF-8 that is JSON → JSON, valid UTF-8 → text, else binary. 204, 304 and an empty body → no payload.
 * Decodes on a worker thread, never on an event loop (a body may be megabytes).
 */
public final class ResponseDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseDecoder.class);
    /** Enough bytes for the {@value RestCallException#MAX_BODY_CHARS} characters an error keeps. */
    private static final int ERROR_BODY_BYTES = RestCallException.MAX_BODY_CHARS * 4;

    /** What the answer's body was decoded as. */
    public enum BodyKind {
        /** No body (204, 304, empty): no payload. */
        NONE,
        /** A JSON tree. */
        JSON,
        /** A form, decoded into an object. */
        FORM,
        /** A {@code String}. */
        TEXT,
        /** A {@code byte[]}. */
        BINARY
    }

    /**
     * A decoded answer.
     *
     * @param payload   the payload: a JSON tree, an object of form fields, a {@code String}, a {@code byte[]};
     *                  {@code null} for {@link BodyKind#NONE}
     * @param encoding  the charset the body was read in, when it was read as characters (JSON, form, text)
     * @param kind      what the body was decoded as
     */
    public record Decoded(Object payload, Optional<String> encoding, BodyKind kind) {

        public Decoded {
            Objects.requireNonNull(encoding, "encoding");
            Objects.requireNonNull(kind, "kind");
        }
    }

    private ResponseDecoder() {
    }

    /**
     * Decodes {@code response}'s body.
     *
     * @param method  the request's method, for the message of an error
     * @throws RestCallException of kind {@link RestErrorKind#INVALID_JSON} when a JSON answer is not JSON or
     *                           breaks {@code limits}: {@code GET https://x/y answered 200 (invalid-json) after 1
     *                           attempt: <reason>}
     */
    public static Decoded decode(String method, OutboundResponse response, JsonLimits limits) {
        byte[] body = response.body();
        if (response.statusCode() == 204 || response.statusCode() == 304 || body.length == 0) {
            return new Decoded(null, Optional.empty(), BodyKind.NONE);
        }
        Optional<String> header = response.header("Content-Type").filter(value -> !value.isBlank());
        if (header.isEmpty()) {
            return sniff(body, limits);
        }
        MediaType type = MediaType.parse(header.get());
        if (type.isJson()) {
            Charset charset = charset(type, response);
            try {
                String text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
                return new Decoded(Json.parse(text, limits), Optional.of(charset.name()), BodyKind.JSON);
            } catch (CharacterCodingException e) {
                throw invalidJson(method, response, "the body is not valid " + charset.name() + " text", e);
            } catch (MalformedJsonException e) {
                throw invalidJson(method, response, e.getMessage(), e);
            }
        }
        if (type.isForm()) {
            Charset charset = charset(type, response);
            String text = new String(body, charset);
            try {
                return new Decoded(form(UrlEncoded.decode(text, charset)), Optional.of(charset.name()),
                        BodyKind.FORM);
            } catch (IllegalArgumentException e) {
                // A form the backend garbled is still readable text; a flow can look at it.
                return new Decoded(text, Optional.of(charset.name()), BodyKind.TEXT);
            }
        }
        if (isText(type)) {
            Charset charset = charset(type, response);
            return new Decoded(new String(body, charset), Optional.of(charset.name()), BodyKind.TEXT);
        }
        return new Decoded(body, Optional.empty(), BodyKind.BINARY);
    }

    /**
     * The answer as one object ({@code output: ENVELOPE}), insertion-ordered: {@code ok}, {@code statusCode},
     * {@code headers} (name as received → value, or an array of values when repeated), the body as {@code json}
     * (JSON or form), {@code text} or {@code bytes} (Base64) — none of them without a body — {@code cookies}
     * (name → value from {@code Set-Cookie}), and {@code encoding} when the body was read as characters.
     */
    public static Map<String, Object> envelope(OutboundResponse response, Decoded decoded, boolean ok) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("ok", ok);
        envelope.put("statusCode", response.statusCode());
        envelope.put("headers", headers(response));
        switch (decoded.kind()) {
            case JSON, FORM -> envelope.put("json", decoded.payload());
            case TEXT -> envelope.put("text", decoded.payload());
            case BINARY -> envelope.put("bytes", Base64.getEncoder().encodeToString((byte[]) decoded.payload()));
            case NONE -> {
            }
        }
        envelope.put("cookies", new LinkedHashMap<String, Object>(cookies(response)));
        decoded.encoding().ifPresent(encoding -> envelope.put("encoding", encoding));
        return envelope;
    }

    /**
     * The headers as a payload object: each name as first received, its value, or an array of its values in
     * order when it came more than once (names compared ignoring case).
     */
    public static Map<String, Object> headers(OutboundResponse response) {
        Map<String, String> spelling = new LinkedHashMap<>();
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (HttpField field : response.headers()) {
            String key = field.name().toLowerCase(Locale.ROOT);
            spelling.putIfAbsent(key, field.name());
            values.computeIfAbsent(key, k -> new ArrayList<>(1)).add(field.value());
        }
        Map<String, Object> headers = new LinkedHashMap<>();
        values.forEach((key, list) -> headers.put(spelling.get(key), list.size() == 1 ? list.get(0)
                : new ArrayList<Object>(list)));
        return headers;
    }

    /**
     * The cookies the answer sets: {@code name=value} of each {@code Set-Cookie}, attributes ignored; a later
     * cookie of the same name replaces an earlier one.
     */
    public static Map<String, String> cookies(OutboundResponse response) {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String setCookie : response.headers("Set-Cookie")) {
            int semicolon = setCookie.indexOf(';');
            String pair = semicolon < 0 ? setCookie : setCookie.substring(0, semicolon);
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = pair.substring(0, equals).trim();
            if (!name.isEmpty()) {
                cookies.put(name, pair.substring(equals + 1).trim());
            }
        }
        return cookies;
    }

    private static Decoded sniff(byte[] body, JsonLimits limits) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return new Decoded(body, Optional.empty(), BodyKind.BINARY);
        }
        Optional<String> utf8 = Optional.of(StandardCharsets.UTF_8.name());
        try {
            return new Decoded(Json.parse(text, limits), utf8, BodyKind.JSON);
        } catch (MalformedJsonException e) {
            // Nothing claimed JSON: text that is not JSON (or beyond the limits) is text.
            return new Decoded(text, utf8, BodyKind.TEXT);
        }
    }

    private static Object form(Map<String, List<String>> fields) {
        Map<String, Object> object = new LinkedHashMap<>();
        fields.forEach((name, values) -> object.put(name, values.size() == 1 ? values.get(0)
                : new ArrayList<Object>(values)));
        return object;
    }

    private static boolean isText(MediaType type) {
        if (type.isText()) {
            return true;
        }
        String subtype = type.subtype();
        return type.type().equals("application") && (subtype.equals("ecmascript") || subtype.equals("yaml")
                || subtype.equals("x-yaml") || subtype.equals("x-ndjson") || subtype.endsWith("+yaml"));
    }

    private static Charset charset(MediaType type, OutboundResponse response) {
        try {
            return type.charsetOr(StandardCharsets.UTF_8);
        } catch (UnsupportedCharsetException e) {
            LOG.atWarn().addKeyValue("charset", type.charset().orElse(""))
                    .addKeyValue("url", UrlBuilder.withoutQuery(response.url()))
                    .log("An answer names a charset this server does not know; reading it as UTF-8");
            return StandardCharsets.UTF_8;
        }
    }

    private static RestCallException invalidJson(String method, OutboundResponse response, String reason,
                                                 Throwable cause) {
        byte[] body = response.body();
        String start = new String(body, 0, Math.min(body.length, ERROR_BODY_BYTES), StandardCharsets.UTF_8);
        int attempts = response.attempts();
        String after = response.fromCache() ? "from the cache"
                : "after " + attempts + (attempts == 1 ? " attempt" : " attempts");
        String message = method + " " + UrlBuilder.withoutQuery(response.url()) + " answered "
                + response.statusCode() + " (" + RestErrorKind.INVALID_JSON.code() + ") " + after + ": " + reason;
        return new RestCallException(message, RestErrorKind.INVALID_JSON, OptionalInt.of(response.statusCode()),
                start, attempts, false, false, cause);
    }
}
