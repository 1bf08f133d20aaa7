package org.flowserver.processors;

import io.vertx.core.Future;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.flowserver.dsl.OnError;
import org.flowserver.dsl.PartHeader;
import org.flowserver.dsl.RestMethod;
import org.flowserver.dsl.RestOutput;
import org.flowserver.processors.outbound.CacheKey;
import org.flowserver.processors.outbound.CallContext;
import org.flowserver.processors.outbound.CallSettings;
import org.flowserver.processors.outbound.Credentials;
import org.flowserver.processors.outbound.EncodedBody;
import org.flowserver.processors.outbound.HttpField;
import org.flowserver.processors.outbound.MultipartBody;
import org.flowserver.processors.outbound.OutboundEndpoint;
import org.flowserver.processors.outbound.OutboundRequest;
import org.flowserver.processors.outbound.OutboundResponse;
import org.flowserver.processors.outbound.RequestBodies;
import org.flowserver.processors.outbound.ResponseCache;
import org.flowserver.processors.outbound.ResponseDecoder;
import org.flowserver.processors.outbound.RestCallException;
import org.flowserver.processors.outbound.TemplateFiller;
import org.flowserver.processors.outbound.UrlBuilder;
import org.flowserver.processors.payload.JsonLimits;
import org.flowserver.processors.payload.Payloads;
import org.flowserver.processors.trace.MessageRecorder;

/**
 * The {@code restRequest} step: makes the request from the message on the worker thread, sends it without
 * waiting (the answer, or the call's own retries, arrive on an event loop), and once it is over sets the payload
 * and the {@code restResponse.*} properties on a worker thread again.
 */
final class RestRequestStep implements FlowStep.AsyncMessageProcessor {

    static final String PREFIX = "restResponse.";
    private static final String RESPONSE_HEADER = "responseHeader.";
    private static final String PAYLOAD = "payload";

    /** A header (or cookie) and its value's template. */
    record HeaderTemplate(String name, TemplateFiller value) {
    }

    /** A multipart part's templates. */
    record PartTemplate(String name, Optional<TemplateFiller> value, Optional<Expression> content,
                        Optional<TemplateFiller> filename, PartHeader contentType, PartHeader contentDisposition,
                        PartHeader contentLength) {
    }

    /** A multipart body's envelope and parts. */
    record MultipartTemplate(Optional<String> contentType, Optional<String> boundary, List<PartTemplate> parts) {
    }

    private final String ownerId;
    private final String flowId;
    private final String processorId;
    private final RestMethod method;
    private final OutboundEndpoint endpoint;
    private final UrlBuilder url;
    private final List<HeaderTemplate> headers;
    private final List<HeaderTemplate> cookies;
    private final Optional<Expression> body;
    private final Optional<MultipartTemplate> multipart;
    private final CallSettings settings;
    private final Credentials credentials;
    private final Optional<ResponseCache> cache;
    private final OnError onError;
    private final RestOutput output;
    private final List<String> forwardResponseHeaders;
    private final JsonLimits jsonLimits;

    RestRequestStep(String ownerId, String flowId, String processorId, RestMethod method, OutboundEndpoint endpoint,
                    UrlBuilder url, List<HeaderTemplate> headers, List<HeaderTemplate> cookies,
                    Optional<Expression> body, Optional<MultipartTemplate> multipart, CallSettings settings,
                    Credentials credentials, Optional<ResponseCache> cache, OnError onError, RestOutput output,
                    List<String> forwardResponseHeaders, JsonLimits jsonLimits) {
        this.ownerId = ownerId;
        this.flowId = flowId;
        this.processorId = processorId;
        this.method = method;
        this.endpoint = endpoint;
        this.url = url;
        this.headers = List.copyOf(headers);
        this.cookies = List.copyOf(cookies);
        this.body = body;
        this.multipart = multipart;
        this.settings = settings;
        this.credentials = credentials;
        this.cache = cache;
        this.onError = onError;
        this.output = output;
        this.forwardResponseHeaders = List.copyOf(forwardResponseHeaders);
        this.jsonLimits = jsonLimits;
    }

    @Override
    public CompletionStage<FlowStep.Completion> start(Exchange exchange, MessageRecorder recorder,
                                                      BooleanSupplier cancelled) {
        // The last call's properties are the ones a flow sees.
        exchange.getProperties().keySet().removeIf(name -> name.startsWith(PREFIX));
        OutboundRequest request = request(exchange);
        CallContext context = new CallContext(ownerId, flowId, processorId, recorder.messageId(), cancelled);
        Supplier<Future<OutboundResponse>> send = () -> endpoint.send(request, settings, credentials, context);
        Future<OutboundResponse> answer = cache.map(responses -> responses.get(CacheKey.of(ownerId, request,
                credentials), send, response -> settings.expected(response.statusCode()))).orElseGet(send);
        return answer.toCompletionStage().handle((response, failure) -> target -> complete(target, response, failure));
    }

    private OutboundRequest request(Exchange exchange) {
        URI uri = url.build(exchange);
        List<HttpField> fields = new ArrayList<>();
        Optional<String> contentType = Optional.empty();
        for (HeaderTemplate header : headers) {
            String value = header.value().fill(exchange, TemplateFiller.Encoding.HEADER_VALUE);
            if (header.name().equalsIgnoreCase("Content-Type")) {
                contentType = Optional.of(value);
            }
            fields.add(new HttpField(header.name(), value));
        }
        if (!cookies.isEmpty()) {
            StringBuilder cookie = new StringBuilder();
            for (HeaderTemplate template : cookies) {
                cookie.append(cookie.length() == 0 ? "" : "; ").append(template.name()).append('=')
                        .append(template.value().fill(exchange, TemplateFiller.Encoding.COOKIE_VALUE));
            }
            fields.add(new HttpField("Cookie", cookie.toString()));
        }
        Optional<String> declared = contentType;
        Optional<EncodedBody> encoded = body.map(expression -> RequestBodies.encode(value(expression, exchange),
                        declared))
                .or(() -> multipart.map(template -> multipart(template, exchange)));
        if (encoded.isPresent()) {
            boolean envelope = multipart.isPresent();
            if (envelope) {
                fields.removeIf(field -> field.name().equalsIgnoreCase("Content-Type"));
            }
            if (envelope || contentType.isEmpty()) {
                fields.add(new HttpField("Content-Type", encoded.get().contentType()));
            }
        }
        return new OutboundRequest(method.name(), uri, fields, encoded.map(EncodedBody::bytes));
    }

    /** {@code payload} alone is the payload as it is (binary stays binary); any other expression is evaluated. */
    private static Object value(Expression expression, Exchange exchange) {
        return PAYLOAD.equals(expression.toString().strip()) ? Payloads.payload(exchange) : expression.evaluate(exchange);
    }

    private static EncodedBody multipart(MultipartTemplate template, Exchange exchange) {
        List<MultipartBody.Part> parts = new ArrayList<>();
        for (PartTemplate part : template.parts()) {
            Object content = part.value().isPresent()
                    ? part.value().get().fill(exchange, TemplateFiller.Encoding.NONE)
                    : value(part.content().orElseThrow(), exchange);
            parts.add(MultipartBody.part(part.name(), content, part.filename()
                    .map(filename -> filename.fill(exchange, TemplateFiller.Encoding.NONE)), part.contentType(),
                    part.contentDisposition(), part.contentLength()));
        }
        return MultipartBody.encode(template.contentType(), template.boundary().orElseGet(MultipartBody::randomBoundary),
                parts);
    }

    /** Runs on a worker thread once the call is over. */
    private void complete(Exchange exchange, OutboundResponse response, Throwable failure) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof RestCallException call) {
                failed(exchange, call, call.response().map(answer -> new Answer(answer, decodedOrText(answer))));
                return;
            }
            throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
        }
        ResponseDecoder.Decoded decoded;
        try {
            decoded = ResponseDecoder.decode(method.name(), response, jsonLimits);
        } catch (RestCallException invalid) {
            failed(exchange, invalid, Optional.of(new Answer(response, text(response))));
            return;
        }
        answered(exchange, response, true, decoded.encoding());
        output(exchange, response, decoded, true);
    }

    /** An answer the call failed on, and its body. */
    private record Answer(OutboundResponse response, ResponseDecoder.Decoded decoded) {
    }

    /**
     * The call failed: the properties say why, then the message fails ({@code BREAK_FLOW}) or goes on with the
     * error's answer as its payload, when there was one ({@code CONTINUE}).
     */
    private void failed(Exchange exchange, RestCallException call, Optional<Answer> answer) {
        if (answer.isPresent()) {
            answered(exchange, answer.get().response(), false, answer.get().decoded().encoding());
        } else {
            exchange.setProperty(PREFIX + "ok", false);
            call.statusCode().ifPresent(status -> exchange.setProperty(PREFIX + "statusCode", status));
            exchange.setProperty(PREFIX + "attempts", call.attempts());
            exchange.setProperty(PREFIX + "fromCache", false);
            exchange.setProperty(PREFIX + "processorId", processorId);
        }
        error(exchange, call);
        if (onError == OnError.BREAK_FLOW) {
            throw call;
        }
        if (answer.isPresent()) {
            output(exchange, answer.get().response(), answer.get().decoded(), false);
        } else if (output == RestOutput.BODY) {
            exchange.getMessage().setBody(null);
        } else if (output == RestOutput.ENVELOPE) {
            Map<String, Object> envelope = new LinkedHashMap<>();
            envelope.put("ok", false);
            envelope.put("statusCode", null);
            envelope.put("headers", Map.of());
            envelope.put("cookies", Map.of());
            exchange.getMessage().setBody(envelope);
        }
    }

    /** An error's answer decoded, or as text when it is not what it says it is (invalid JSON). */
    private ResponseDecoder.Decoded decodedOrText(OutboundResponse response) {
        try {
            return ResponseDecoder.decode(method.name(), response, jsonLimits);
        } catch (RestCallException invalid) {
            return text(response);
        }
    }

    private static ResponseDecoder.Decoded text(OutboundResponse response) {
        return new ResponseDecoder.Decoded(new String(response.body(), StandardCharsets.UTF_8), Optional.of("UTF-8"),
                ResponseDecoder.BodyKind.TEXT);
    }

    private void error(Exchange exchange, RestCallException call) {
        exchange.setProperty(PREFIX + "error.type", call.type());
        exchange.setProperty(PREFIX + "error.message", call.getMessage());
        exchange.setProperty(PREFIX + "error.body", call.body());
    }

    /** The properties of an answer. */
    private void answered(Exchange exchange, OutboundResponse response, boolean ok, Optional<String> encoding) {
        exchange.setProperty(PREFIX + "statusCode", response.statusCode());
        exchange.setProperty(PREFIX + "ok", ok);
        ResponseDecoder.headers(response).forEach((name, value) -> exchange.setProperty(PREFIX + "header." + name, value));
        ResponseDecoder.cookies(response).forEach((name, value) -> exchange.setProperty(PREFIX + "cookie." + name, value));
        encoding.ifPresent(charset -> exchange.setProperty(PREFIX + "encoding", charset));
        exchange.setProperty(PREFIX + "url", response.url().toString());
        exchange.setProperty(PREFIX + "attempts", response.attempts());
        exchange.setProperty(PREFIX + "fromCache", response.fromCache());
        exchange.setProperty(PREFIX + "processorId", processorId);
        for (String name : forwardResponseHeaders) {
            List<String> values = response.headers(name);
            if (!values.isEmpty()) {
                exchange.setProperty(RESPONSE_HEADER + name, values.size() == 1 ? values.get(0) : values);
            }
        }
    }

    private void output(Exchange exchange, OutboundResponse response, ResponseDecoder.Decoded decoded, boolean ok) {
        switch (output) {
            case BODY -> exchange.getMessage().setBody(decoded.payload());
            case ENVELOPE -> exchange.getMessage().setBody(ResponseDecoder.envelope(response, decoded, ok));
            case NONE -> {
                // The payload stays as it was.
            }
        }
    }
}
