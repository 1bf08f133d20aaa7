package org.flowserver.processors.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The operations of one spec, compiled for a flow's endpoint: the router, and for each operation its
 * parameters, body schema, default status, security requirements and response definitions. Everything that
 * can be wrong with a spec for this server is found here, at deploy time, and reported all at once.
 */
public final class OpenApiEndpoint {

    private static final Pattern SUCCESS = Pattern.compile("2[0-9][0-9]");
    /** OpenAPI: header parameters with these names are ignored; HTTP defines them. */
    private static final Set<String> IGNORED_HEADERS = Set.of("accept", "content-type", "authorization");

    private final OperationRouter router;
    private final List<ApiOperation> operations;

    private OpenApiEndpoint(OperationRouter router, List<ApiOperation> operations) {
        this.router = router;
        this.operations = List.copyOf(operations);
    }

    /**
     * Where a request goes.
     *
     * @param segments  the raw (still percent-encoded), non-empty path segments below the flow's base path
     * @param method    the request method, upper case
     */
    public OperationRouter.Route route(List<String> segments, String method) {
        return router.route(segments, method);
    }

    /** Every operation, in the order of the spec. */
    public List<ApiOperation> operations() {
        return operations;
    }

    /**
     * Compiles a spec.
     *
     * @param validateResponses whether response schemas are compiled too
     * @throws SpecProblemsException listing everything that keeps this spec from being served
     */
    public static OpenApiEndpoint build(LoadedSpec spec, boolean validateResponses) {
        return new Builder(spec, validateResponses).build();
    }

    /** What keeps a spec from being served, every reason at once. */
    public static final class SpecProblemsException extends org.flowserver.dsl.FlowException {
        private final List<String> problems;

        SpecProblemsException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private static final class Builder {
        private final LoadedSpec spec;
        private final OpenAPI model;
        private final Components components;
        private final boolean validateResponses;
        private final SchemaDocument schemas;
        private final List<String> problems = new ArrayList<>();
        private final Map<String, SecurityScheme> supportedSchemes = new HashMap<>();
        private final Map<String, String> unsupportedSchemes = new HashMap<>();
        private final List<Pending> pending = new ArrayList<>();

        Builder(LoadedSpec spec, boolean validateResponses) {
            this.spec = spec;
            this.model = spec.model();
            this.components = model.getComponents() == null ? new Components() : model.getComponents();
            this.validateResponses = validateResponses;
            this.schemas = new SchemaDocument(spec);
        }

        OpenApiEndpoint build() {
            readSecuritySchemes();
            Map<String, String> shapes = new HashMap<>();
            Map<PathTemplate, Map<String, Pending>> paths = new LinkedHashMap<>();
            if (model.getPaths() == null || model.getPaths().isEmpty()) {
                problems.add("the spec has no paths, so the endpoint would have no operations");
            } else {
                model.getPaths().forEach((path, item) -> {
                    PathTemplate template = PathTemplate.parse(path);
                    String earlier = shapes.putIfAbsent(template.shape(), path);
                    if (earlier != null) {
                        problems.add("the paths '" + earlier + "' and '" + path + "' differ only in parameter names "
                                + "(or slashes), so no request can tell them apart; merge them or make them differ");
                        return;
                    }
                    Map<String, Pending> byMethod = new LinkedHashMap<>();
                    item.readOperationsMap().forEach((method, operation) ->
                            byMethod.put(method.name(), operation(template, method.name(), item, operation)));
                    paths.put(template, byMethod);
                });
            }
            if (!problems.isEmpty()) {
                throw new SpecProblemsException(problems);
            }
            try {
                SchemaDocument.Compiled requests = schemas.compile(SchemaDocument.Direction.REQUEST);
                SchemaDocument.Compiled responses = validateResponses
                        ? schemas.compile(SchemaDocument.Direction.RESPONSE) : null;
                OperationRouter router = new OperationRouter();
                List<ApiOperation> operations = new ArrayList<>();
                paths.forEach((template, byMethod) -> {
                    Map<String, ApiOperation> compiled = new LinkedHashMap<>();
                    byMethod.forEach((method, operation) -> {
                        ApiOperation done = operation.compile(requests, responses);
                        compiled.put(method, done);
                        operations.add(done);
                    });
                    router.add(template, compiled);
                });
                return new OpenApiEndpoint(router, operations);
            } catch (com.networknt.schema.JsonSchemaException e) {
                throw new SpecProblemsException(List.of("a schema cannot be compiled (" + e.getMessage()
                        + "); a schema may refer only to '#/components/schemas/...' of this document"));
            }
        }

        private void readSecuritySchemes() {
            if (components.getSecuritySchemes() == null) {
                return;
            }
            components.getSecuritySchemes().forEach((name, scheme) -> {
                io.swagger.v3.oas.models.security.SecurityScheme resolved = scheme;
                if (scheme.get$ref() != null) {
                    resolved = components.getSecuritySchemes().get(refName(scheme.get$ref()));
                }
                if (resolved == null || resolved.getType() == null) {
                    unsupportedSchemes.put(name, "undefined");
                    return;
                }
                switch (resolved.getType()) {
                    case HTTP -> {
                        if ("basic".equalsIgnoreCase(resolved.getScheme())) {
                            supportedSchemes.put(name, new SecurityScheme(name, "basic", "", ""));
                        } else {
                            unsupportedSchemes.put(name, "http " + resolved.getScheme());
                        }
                    }
                    case APIKEY -> supportedSchemes.put(name, new SecurityScheme(name, "apiKey",
                            resolved.getIn().toString(), resolved.getName()));
                    default -> unsupportedSchemes.put(name, resolved.getType().toString());
                }
            });
        }

        private Pending operation(PathTemplate template, String method, PathItem item, Operation operation) {
            String where = method + " " + template.text();
            String operationId = operation.getOperationId() != null ? operation.getOperationId()
                    : template.defaultOperationId(method);
            String key = String.valueOf(pending.size());
            Pending result = new Pending(method, template, operationId, key);
            pending.add(result);

            Map<String, Parameter> parameters = new LinkedHashMap<>();
            for (List<Parameter> list : java.util.Arrays.asList(item.getParameters(), operation.getParameters())) {
                if (list != null) {
                    for (Parameter parameter : list) {
                        Parameter resolved = resolve(parameter, Parameter::get$ref, components.getParameters());
                        if (resolved != null && resolved.getName() != null && resolved.getIn() != null) {
                            parameters.put(resolved.getIn() + ":" + resolved.getName(), resolved);
                        }
                    }
                }
            }
            for (String name : template.parameterNames()) {
                parameters.putIfAbsent("path:" + name, new Parameter().name(name).in("path").required(true)
                        .schema(new StringSchema()));
            }
            int index = 0;
            for (Parameter parameter : parameters.values()) {
                if (parameter.getIn().equals("header") && IGNORED_HEADERS.contains(parameter.getName().toLowerCase(Locale.ROOT))) {
                    continue;
                }
                result.parameters.add(pendingParameter(parameter, key, "parameters", String.valueOf(index++)));
            }

            RequestBody body = resolve(operation.getRequestBody(), RequestBody::get$ref, components.getRequestBodies());
            if (body != null) {
                Optional<MediaType> json = json(body.getContent());
                if (body.getContent() != null && !body.getContent().isEmpty() && json.isEmpty()) {
                    problems.add(where + " accepts only " + String.join(", ", body.getContent().keySet())
                            + "; this endpoint supports request bodies of application/json only");
                }
                result.bodyRequired = Boolean.TRUE.equals(body.getRequired());
                result.hasBody = true;
                json.map(MediaType::getSchema).ifPresent(schema -> result.body = schemas.put(schema, key, "body"));
            }

            if (operation.getResponses() != null) {
                operation.getResponses().forEach((status, response) -> {
                    if (result.successStatus.isEmpty() && SUCCESS.matcher(status).matches()) {
                        result.successStatus = OptionalInt.of(Integer.parseInt(status));
                    }
                    ApiResponse resolved = resolve(response, ApiResponse::get$ref, components.getResponses());
                    if (validateResponses && resolved != null) {
                        result.responses.put(status.toUpperCase(Locale.ROOT), pendingResponse(resolved, key, status));
                    }
                });
            }

            List<SecurityRequirement> requirements = operation.getSecurity() != null ? operation.getSecurity()
                    : model.getSecurity() != null ? model.getSecurity() : List.of();
            List<String> removed = new ArrayList<>();
            for (SecurityRequirement requirement : requirements) {
                List<SecurityScheme> kept = new ArrayList<>();
                boolean usable = true;
                for (String name : requirement.keySet()) {
                    SecurityScheme scheme = supportedSchemes.get(name);
                    if (scheme == null) {
                        usable = false;
                        removed.add(name + " (" + unsupportedSchemes.getOrDefault(name, "not defined in components") + ")");
                    } else {
                        kept.add(scheme);
                    }
                }
                if (usable) {
                    result.security.add(List.copyOf(kept));
                }
            }
            if (!requirements.isEmpty() && result.security.isEmpty()) {
                problems.add(where + " can only be called with security schemes this server does not support ("
                        + String.join(", ", removed) + "); supported are http basic and apiKey");
            }
            return result;
        }

        private PendingParameter pendingParameter(Parameter parameter, String operation, String... part) {
            String in = parameter.getIn();
            String style = parameter.getStyle() != null ? parameter.getStyle().toString()
                    : in.equals("query") || in.equals("cookie") ? "form" : "simple";
            boolean explode = parameter.getExplode() != null ? parameter.getExplode() : style.equals("form");
            Schema<?> schema = parameter.getSchema();
            boolean json = false;
            if (schema == null && parameter.getContent() != null) {
                Optional<MediaType> media = json(parameter.getContent());
                schema = media.map(MediaType::getSchema).orElse(null);
                json = true;
            }
            String[] tokens = schemas.put(schema == null ? new Schema<>() : schema, operation, part);
            boolean required = in.equals("path") || Boolean.TRUE.equals(parameter.getRequired());
            return new PendingParameter(parameter.getName(), in, required, style, explode, tokens, json);
        }

        private PendingResponse pendingResponse(ApiResponse response, String operation, String status) {
            PendingResponse result = new PendingResponse();
            if (response.getContent() != null) {
                response.getContent().keySet().forEach(type -> result.mediaTypes.add(type.toLowerCase(Locale.ROOT)));
                json(response.getContent()).map(MediaType::getSchema).ifPresent(schema ->
                        result.body = schemas.put(schema, operation, "responses", status, "body"));
            }
            if (response.getHeaders() != null) {
                response.getHeaders().forEach((name, header) -> {
                    Header resolved = resolve(header, Header::get$ref, components.getHeaders());
                    if (resolved == null || name.equalsIgnoreCase("content-type")) {
                        return;
                    }
                    Parameter asParameter = new Parameter().name(name).in("header").required(resolved.getRequired())
                            .schema(resolved.getSchema());
                    result.headers.put(name.toLowerCase(Locale.ROOT), pendingParameter(asParameter, operation,
                            "responses", status, "headers", name));
                });
            }
            return result;
        }

        private <T> T resolve(T value, Function<T, String> ref, Map<String, T> definitions) {
            T resolved = value;
            for (int hops = 0; resolved != null && ref.apply(resolved) != null && hops < 16; hops++) {
                resolved = definitions == null ? null : definitions.get(refName(ref.apply(resolved)));
            }
            return resolved;
        }

        private static String refName(String ref) {
            return ref.substring(ref.lastIndexOf('/') + 1);
        }

        /** The JSON media type of a content map: {@code application/json} with any case or parameters, or a wildcard. */
        private static Optional<MediaType> json(Content content) {
            if (content == null) {
                return Optional.empty();
            }
            MediaType wildcard = null;
            for (Map.Entry<String, MediaType> entry : content.entrySet()) {
                String type = entry.getKey().split(";")[0].trim().toLowerCase(Locale.ROOT);
                if (type.equals("application/json")) {
                    return Optional.of(entry.getValue());
                }
                if (type.equals("*/*") || type.equals("application/*")) {
                    wildcard = entry.getValue();
                }
            }
            return Optional.ofNullable(wildcard);
        }

        private ParameterSpec parameter(PendingParameter pending, SchemaDocument.Compiled compiled) {
            return new ParameterSpec(pending.name, pending.in, pending.required, pending.style, pending.explode,
                    typeTree(schemas.node(pending.tokens)), compiled.schema(pending.tokens), pending.json);
        }

        /** The schema with the references of its items, properties and additional properties resolved, for reading types. */
        private JsonNode typeTree(JsonNode node) {
            if (!node.isObject()) {
                return node;
            }
            ObjectNode copy = ((ObjectNode) node).deepCopy();
            if (copy.has("items")) {
                copy.set("items", schemas.resolve(copy.get("items")));
            }
            if (copy.get("additionalProperties") != null && copy.get("additionalProperties").isObject()) {
                copy.set("additionalProperties", schemas.resolve(copy.get("additionalProperties")));
            }
            if (copy.get("properties") instanceof ObjectNode properties) {
                ObjectNode resolved = JsonNodeFactory.instance.objectNode();
                properties.fields().forEachRemaining(field -> resolved.set(field.getKey(), schemas.resolve(field.getValue())));
                copy.set("properties", resolved);
            }
            return copy;
        }

        private final class Pending {
            private final String method;
            private final PathTemplate template;
            private final String operationId;
            private final List<PendingParameter> parameters = new ArrayList<>();
            private boolean hasBody;
            private boolean bodyRequired;
            private String[] body;
            private OptionalInt successStatus = OptionalInt.empty();
            private final List<List<SecurityScheme>> security = new ArrayList<>();
            private final Map<String, PendingResponse> responses = new LinkedHashMap<>();

            Pending(String method, PathTemplate template, String operationId, String key) {
                this.method = method;
                this.template = template;
                this.operationId = operationId;
            }

            ApiOperation compile(SchemaDocument.Compiled requests, SchemaDocument.Compiled responseSchemas) {
                List<ParameterSpec> compiledParameters = new ArrayList<>();
                parameters.forEach(parameter -> compiledParameters.add(parameter(parameter, requests)));
                Optional<ApiOperation.Body> compiledBody = hasBody ? Optional.of(new ApiOperation.Body(bodyRequired,
                        body == null ? Optional.empty() : Optional.of(requests.schema(body)))) : Optional.empty();
                Map<String, ApiOperation.Response> compiledResponses = new LinkedHashMap<>();
                responses.forEach((status, response) -> {
                    Map<String, ApiOperation.Header> headers = new LinkedHashMap<>();
                    response.headers.forEach((name, header) -> headers.put(name, new ApiOperation.Header(header.name,
                            header.required, Optional.of(parameter(header, responseSchemas)))));
                    compiledResponses.put(status, new ApiOperation.Response(response.body == null ? Optional.empty()
                            : Optional.of(responseSchemas.schema(response.body)), List.copyOf(response.mediaTypes), headers));
                });
                return new ApiOperation(method, template, operationId, compiledParameters, compiledBody, successStatus,
                        List.copyOf(security), compiledResponses);
            }
        }

        private record PendingParameter(String name, String in, boolean required, String style, boolean explode,
                                        String[] tokens, boolean json) {
        }

        private static final class PendingResponse {
            private String[] body;
            private final List<String> mediaTypes = new ArrayList<>();
            private final Map<String, PendingParameter> headers = new LinkedHashMap<>();
        }
    }
}
