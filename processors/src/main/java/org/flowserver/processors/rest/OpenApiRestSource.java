package org.flowserver.processors.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.flowserver.dsl.FlowSpec;
import org.flowserver.dsl.RestApiSpec;
import org.flowserver.processors.MessageLogger;
import org.flowserver.processors.access.AccessControl;
import org.flowserver.processors.handoff.DeadLetters;
import org.flowserver.processors.http.FieldError;
import org.flowserver.processors.http.MediaType;
import org.flowserver.processors.http.PercentDecoding;
import org.flowserver.processors.http.ProblemDetail;
import org.flowserver.processors.http.ProblemType;
import org.flowserver.processors.openapi.ApiOperation;
import org.flowserver.processors.openapi.OpenApiEndpoint;
import org.flowserver.processors.openapi.OperationRouter.Route;
import org.flowserver.processors.openapi.RequestValidator;
import org.flowserver.processors.openapi.ResolvedApiSpec;
import org.flowserver.processors.openapi.ResponseValidator;
import org.flowserver.processors.openapi.SecurityScheme;
import org.flowserver.processors.payload.Json;
import org.flowserver.processors.payload.JsonLimits;
import org.flowserver.processors.payload.MalformedJsonException;
import org.flowserver.processors.payload.RawJson;
import org.flowserver.processors.trace.MessageObserver;

/**
 * The schema-based {@code restApi} source: the operations of an OpenAPI v3 spec at
 * {@code /{ownerId}/rs/{flowId}/{path from the spec}}. For each request it finds the operation (404 and 405
 * problems otherwise), sets the {@code http.*} properties of the generic endpoint plus
 * {@code http.operationId} and {@code http.path.<name>}, validates every parameter and the JSON body, and
 * answers a request with any violation with one 400 problem that lists them all. Only {@code application/json}
 * bodies are accepted (415 otherwise). The answer's default status is the operation's first 2xx response,
 * else 201 for POST and 200 otherwise; with {@code validateResponse} it must match the spec, or the caller gets
 * a 500 problem.
 */
public final class OpenApiRestSource extends RestSource {

    static final String OPERATION_ID = "http.operationId";

    private final Map<String, String> exchangeProperties;
    private final OpenApiEndpoint endpoint;
    private final boolean validateResponse;
    private final Callers callers;
    private final List<List<SecurityScheme>> flowRequirements;
    private final Callers.CredentialFields credentialFields;
    private final JsonLimits jsonLimits;

    private OpenApiRestSource(FlowSpec flow, RestApiSpec spec, OpenApiEndpoint endpoint, MessageObserver observer,
                              Optional<MessageLogger> logger, DeadLetters deadLetters, Duration requestTimeout,
                              AccessControl accounts, JsonLimits jsonLimits) {
        super(flow, spec, observer, logger, deadLetters, requestTimeout);
        this.jsonLimits = jsonLimits;
        this.exchangeProperties = spec.common().exchangePropertyMap();
        this.endpoint = endpoint;
        this.validateResponse = spec.validateResponse();
        this.callers = new Callers(accounts, flow.ownerId(), flow.id());
        this.flowRequirements = Callers.requirements(spec.access());
        List<SecurityScheme> schemes = new ArrayList<>();
        endpoint.operations().forEach(operation -> operation.security().forEach(schemes::addAll));
        this.credentialFields = Callers.credentialFields(schemes);
    }

    /**
     * Builds the source for a resolved spec.
     *
     * @param requestTimeout  how long the caller of a {@code RequestResponse} flow waits before a 504; zero waits
     *                        as long as the flow takes
     * @param accounts        the service accounts that may call operations that are not public
     * @param jsonLimits      the bounds of JSON request bodies
     * @throws OpenApiEndpoint.SpecProblemsException with every reason the spec cannot be served
     */
    public static OpenApiRestSource create(FlowSpec flow, RestApiSpec spec, ResolvedApiSpec resolved,
                                           MessageObserver observer, Optional<MessageLogger> logger,
                                           DeadLetters deadLetters, Duration requestTimeout,
                                           AccessControl accounts, JsonLimits jsonLimits) {
        return new OpenApiRestSource(flow, spec, OpenApiEndpoint.build(resolved.spec(), spec.validateResponse()),
                observer, logger, deadLetters, requestTimeout, accounts, jsonLimits);
    }

    @Override
    Answer prepare(Exchange exchange, RoutingContext context, Buffer body) {
        Preprocessed preprocessed = preprocess(exchange, context, body);
        ApiOperation operation = preprocessed.operation();
        int defaultStatus = operation.successStatus()
                .orElse(RestResponder.methodDefaultStatus(context.request().method()));
        return new Answer(defaultStatus, validateResponse
                ? (status, headers, sent) -> ResponseValidator.validate(operation, status, headers, sent)
                : RestResponder.ResponseContract.NONE, preprocessed.principal());
    }

    /** The operation a request was routed to, and who called it (empty for an anonymous caller). */
    private record Preprocessed(ApiOperation operation, Optional<String> principal) {
    }

    /**
     * Routes, checks the caller, sets the properties and validates; returns the operation and the caller, with
     * the payload in place. An operation with security requirements accepts the schemes they name; one without
     * follows the flow's access setting.
     *
     * @throws RequestRejectedException with the problem to answer when the request goes no further
     */
    private Preprocessed preprocess(Exchange exchange, RoutingContext context, Buffer body) {
        HttpServerRequest request = context.request();
        String path = context.normalizedPath();
        Route route = endpoint.route(segments(path), request.method().name());
        if (route instanceof Route.NotFound) {
            throw new RequestRejectedException(ProblemDetail.of(ProblemType.NOT_FOUND, "The API of flow '"
                    + flow.id() + "' has no path that matches '" + path.substring(basePathLength) + "'"));
        }
        if (route instanceof Route.MethodNotAllowed notAllowed) {
            throw new RequestRejectedException(ProblemDetail.of(ProblemType.METHOD_NOT_ALLOWED, "The path '"
                    + path.substring(basePathLength) + "' of flow '" + flow.id() + "' does not allow "
                    + request.method().name() + "; it allows " + notAllowed.allow()),
                    Map.of(HttpHeaders.ALLOW.toString(), notAllowed.allow()));
        }
        Route.Found found = (Route.Found) route;
        ApiOperation operation = found.operation();
        Optional<String> principal = callers.authenticate(request, operation.security().isEmpty()
                ? flowRequirements : operation.security());
        RequestProperties.set(exchange, context, basePathLength, credentialFields);
        principal.ifPresent(account -> exchange.setProperty(PRINCIPAL, account));
        exchange.setProperty(OPERATION_ID, operation.operationId());
        Violations violations = new Violations();
        found.rawPathParameters().forEach((name, raw) -> {
            try {
                exchange.setProperty(RequestProperties.PATH + name, PercentDecoding.decode(raw, StandardCharsets.UTF_8, false));
            } catch (IllegalArgumentException e) {
                violations.add(new FieldError("path", "/" + name, "the path parameter cannot be decoded: " + e.getMessage()));
            }
        });
        exchangeProperties.forEach(exchange::setProperty);
        violations.addAll(RequestValidator.parameters(operation, request, found.rawPathParameters()));
        exchange.getIn().setBody(body(operation, request.getHeader(HttpHeaders.CONTENT_TYPE), body, violations));
        if (!violations.isEmpty()) {
            throw new RequestRejectedException(new ProblemDetail(violations.malformedBody && violations.size() == 1
                    ? ProblemType.MALFORMED_JSON : ProblemType.INVALID_REQUEST, describe(violations), violations));
        }
        return new Preprocessed(operation, principal);
    }

    /** The violations of one request, and whether the body was not JSON at all. */
    private static final class Violations extends ArrayList<FieldError> {
        private boolean malformedBody;
    }

    /** Checks and reads the body; the payload, or {@code null} without one. */
    private Object body(ApiOperation operation, String contentType, Buffer body, Violations violations) {
        if (body.length() == 0) {
            if (operation.body().isPresent() && operation.body().get().required()) {
                violations.add(new FieldError("body", "", "a request body is required"));
            }
            return null;
        }
        if (operation.body().isEmpty()) {
            violations.add(new FieldError("body", "", "this operation takes no request body"));
            return null;
        }
        MediaType mediaType = contentType == null ? MediaType.APPLICATION_JSON : MediaType.parse(contentType);
        if (!(mediaType.type().equals("application") && mediaType.subtype().equals("json"))) {
            String message = "The Content-Type '" + contentType + "' is not supported; this endpoint accepts "
                    + "request bodies of application/json only";
            throw new RequestRejectedException(new ProblemDetail(ProblemType.UNSUPPORTED_MEDIA_TYPE, message,
                    List.of(new FieldError("header", "/Content-Type", message))));
        }
        Charset charset;
        try {
            charset = mediaType.charsetOr(StandardCharsets.UTF_8);
        } catch (UnsupportedCharsetException e) {
            String message = "The charset '" + e.getCharsetName() + "' of the Content-Type is not supported; use UTF-8";
            throw new RequestRejectedException(new ProblemDetail(ProblemType.UNSUPPORTED_MEDIA_TYPE, message,
                    List.of(new FieldError("header", "/Content-Type", message))));
        }
        byte[] bytes = body.getBytes();
        com.fasterxml.jackson.databind.JsonNode value;
        try {
            value = RequestValidator.parse(bytes, charset, jsonLimits);
        } catch (JsonProcessingException e) {
            violations.malformedBody = true;
            violations.add(new FieldError("body", "", "the body is not valid JSON: " + e.getOriginalMessage()));
            return null;
        }
        operation.body().get().schema().ifPresent(schema ->
                RequestValidator.validate(schema, value, "body", "", violations));
        try {
            return charset.equals(StandardCharsets.UTF_8) ? new RawJson(bytes) : Json.parse(new String(bytes, charset));
        } catch (MalformedJsonException e) {
            violations.malformedBody = true;
            violations.add(new FieldError("body", "", "the body is not valid JSON: " + e.getMessage()));
            return null;
        }
    }

    private static String describe(List<FieldError> violations) {
        StringBuilder detail = new StringBuilder("The request does not match the API spec (")
                .append(violations.size()).append(violations.size() == 1 ? " violation): " : " violations): ");
        for (int i = 0; i < violations.size(); i++) {
            FieldError violation = violations.get(i);
            detail.append(i == 0 ? "" : "; ").append(violation.location()).append(violation.pointer().isEmpty() ? ""
                    : " " + violation.pointer()).append(": ").append(violation.message());
        }
        return detail.toString();
    }

    /** The non-empty segments of the path below the flow's base path, still percent-encoded. */
    private List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        int start = basePathLength;
        while (start < path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            if (end > start) {
                segments.add(path.substring(start, end));
            }
            start = end + 1;
        }
        return segments;
    }
}
