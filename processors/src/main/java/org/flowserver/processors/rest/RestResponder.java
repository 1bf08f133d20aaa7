package org.flowserver.processors.rest;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.flowserver.dsl.FlowException;
import org.flowserver.processors.http.FieldError;
import org.flowserver.processors.http.HttpResponses;
import org.flowserver.processors.http.MediaType;
import org.flowserver.processors.http.ProblemDetail;
import org.flowserver.processors.http.ProblemType;
import org.flowserver.processors.payload.Json;
import org.flowserver.processors.payload.RawJson;
import org.flowserver.processors.trace.TraceError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a REST caller from the exchange once the flow has run:
 * <ul>
 *   <li>status: the {@code httpResponseCode} property (an integer 200 to 599), else the source's default (the
 *       operation's first 2xx, else 201 for POST and 200 otherwise); any other value is a flow error,
 *       answered with 500 and logged;</li>
 *   <li>headers: one per {@code responseHeader.<name>} property (a list gives several); nothing of the
 *       request is ever copied;</li>
 *   <li>{@code Content-Type}: {@code responseHeader.Content-Type}, else {@code application/json}, on every
 *       answer but 204 and 304, which carry no representation;</li>
 *   <li>body: a JSON tree as JSON, text as is, and binary as is, except that binary sent as a text type is
 *       decoded with {@code responseConversionCharacterSet} and written in the response's charset.</li>
 * </ul>
 * A {@link ResponseContract} (an operation's spec, with {@code validateResponse}) sees the answer before it
 * is sent; an answer that breaks it is replaced by a 500 problem and its violations are logged.
 */
final class RestResponder {

    static final String RESPONSE_CODE = "httpResponseCode";
    static final String RESPONSE_HEADER = "responseHeader.";

    private static final Logger LOG = LoggerFactory.getLogger(RestResponder.class);
    private static final String DEFAULT_CONTENT_TYPE = "application/json";
    /** Framing headers belong to the server; a flow cannot set them. */
    private static final Set<String> FRAMING_HEADERS = Set.of("content-length", "transfer-encoding", "connection");

    private final String ownerId;
    private final String flowId;
    private final Charset binaryCharset;

    RestResponder(String ownerId, String flowId, Charset binaryCharset) {
        this.ownerId = ownerId;
        this.flowId = flowId;
        this.binaryCharset = binaryCharset;
    }

    /**
     * Answers from the exchange.
     *
     * @param defaultStatus  the status when the flow set no {@code httpResponseCode}
     * @param contract       the checks the answer must pass; a violation is answered with 500
     * @return empty when the flow's answer was sent; the error when it was replaced by a 500 problem
     */
    Optional<TraceError> respond(Exchange exchange, HttpServerResponse response, int defaultStatus, ResponseContract contract) {
        try {
            int status = status(exchange.getProperty(RESPONSE_CODE), defaultStatus);
            MultiMap headers = MultiMap.caseInsensitiveMultiMap();
            copyResponseHeaders(exchange.getProperties(), headers);
            byte[] body = null;
            if (!hasNoBody(status)) {
                if (!headers.contains("Content-Type")) {
                    headers.set("Content-Type", DEFAULT_CONTENT_TYPE);
                }
                body = body(exchange.getMessage().getBody(), headers.get("Content-Type"));
            }
            List<FieldError> violations = contract.violations(status, headers, body);
            if (!violations.isEmpty()) {
                LOG.atError().addKeyValue("owner", ownerId).addKeyValue("flow", flowId)
                        .addKeyValue("messageId", exchange.getExchangeId()).addKeyValue("status", status)
                        .addKeyValue("violations", violations)
                        .log("The flow's response breaks the operation's API spec, so 500 was sent instead");
                HttpResponses.problem(response, ProblemDetail.of(ProblemType.RESPONSE_CONTRACT_VIOLATED,
                        "The flow broke its contract: its response does not match the API spec of the operation. "
                                + "The server log lists the " + violations.size()
                                + (violations.size() == 1 ? " violation" : " violations") + " under messageId "
                                + exchange.getExchangeId() + "."));
                return Optional.of(new TraceError(TraceError.PROCESSING, "response-contract-violated",
                        "The response breaks the operation's API spec: " + violations, Optional.empty()));
            }
            response.setStatusCode(status);
            response.headers().addAll(headers);
            if (body == null) {
                response.end();
            } else {
                response.end(Buffer.buffer(body));
            }
            return Optional.empty();
        } catch (InvalidResponseException e) {
            LOG.atError().addKeyValue("owner", ownerId).addKeyValue("flow", flowId)
                    .addKeyValue("messageId", exchange.getExchangeId()).log(e.getMessage());
            HttpResponses.problem(response, ProblemDetail.of(ProblemType.INVALID_RESPONSE,
                    "The flow produced a response that cannot be sent; the server log has the details under "
                            + "messageId " + exchange.getExchangeId() + "."));
            return Optional.of(new TraceError(TraceError.PROCESSING, "invalid-response", e.getMessage(),
                    Optional.empty()));
        }
    }

    /** The status without {@code httpResponseCode} and without a spec: 201 for POST, 200 otherwise. */
    static int methodDefaultStatus(HttpMethod method) {
        return method == HttpMethod.POST ? 201 : 200;
    }

    static int status(Object value, int defaultStatus) {
        if (value == null) {
            return defaultStatus;
        }
        Integer code = integer(value);
        if (code == null || code < 200 || code > 599) {
            throw new InvalidResponseException("Exchange property '" + RESPONSE_CODE + "' is '" + value
                    + "'; it must be an integer from 200 to 599 (1xx codes cannot end a response)");
        }
        return code;
    }

    /** What a response must satisfy before it is sent: an operation's spec, or nothing. */
    @FunctionalInterface
    interface ResponseContract {
        ResponseContract NONE = (status, headers, body) -> List.of();

        /** The violations of a response; empty when it may be sent. */
        List<FieldError> violations(int status, MultiMap headers, byte[] body);
    }

    private static Integer integer(Object value) {
        try {
            if (value instanceof Number number) {
                return new BigDecimal(number.toString()).intValueExact();
            }
            if (value instanceof String text) {
                return Integer.parseInt(text.trim());
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // Not an integer: refused below, like any other type.
        }
        return null;
    }

    private static void copyResponseHeaders(Map<String, Object> properties, MultiMap headers) {
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            String key = property.getKey();
            if (!key.startsWith(RESPONSE_HEADER)) {
                continue;
            }
            String name = key.substring(RESPONSE_HEADER.length());
            if (FRAMING_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            checkName(key, name);
            if (property.getValue() instanceof Collection<?> values) {
                for (Object value : values) {
                    headers.add(name, checkValue(key, value));
                }
            } else {
                headers.add(name, checkValue(key, property.getValue()));
            }
        }
    }

    private static void checkName(String property, String name) {
        if (name.isEmpty()) {
            throw new InvalidResponseException("Exchange property '" + property + "' has no header name after the prefix");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                throw new InvalidResponseException("Exchange property '" + property + "' names the header '" + name
                        + "', which has the character '" + c + "' that header names cannot contain");
            }
        }
    }

    private static String checkValue(String property, Object value) {
        String text = String.valueOf(value);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new InvalidResponseException("Exchange property '" + property
                        + "' has a value with a control character (code " + (int) c
                        + "); header values cannot contain line breaks or other control characters");
            }
        }
        return text;
    }

    private static boolean hasNoBody(int status) {
        return status == 204 || status == 304;
    }

    private byte[] body(Object payload, String contentType) {
        if (payload == null) {
            return null;
        }
        MediaType mediaType = MediaType.parse(contentType);
        Charset charset;
        try {
            charset = mediaType.charsetOr(StandardCharsets.UTF_8);
        } catch (UnsupportedCharsetException e) {
            throw new InvalidResponseException("The response Content-Type '" + contentType
                    + "' names a charset this server does not support");
        }
        if (payload instanceof RawJson raw) {
            return transcode(raw.utf8(), StandardCharsets.UTF_8, charset);
        }
        if (payload instanceof byte[] bytes) {
            return mediaType.isCharacterData() ? transcode(bytes, binaryCharset, charset) : bytes;
        }
        if (payload instanceof String text) {
            return text.getBytes(charset);
        }
        try {
            return transcode(Json.write(payload), StandardCharsets.UTF_8, charset);
        } catch (IllegalArgumentException e) {
            throw new InvalidResponseException("The payload cannot be written as JSON: " + e.getMessage());
        }
    }

    private static byte[] transcode(byte[] bytes, Charset from, Charset to) {
        return from.equals(to) ? bytes : new String(bytes, from).getBytes(to);
    }

    /** A response the flow asked for that HTTP cannot carry. */
    static final class InvalidResponseException extends FlowException {
        InvalidResponseException(String message) {
            super(message);
        }
    }
}
