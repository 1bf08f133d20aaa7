package org.flowserver.bench.validators.networknt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.flowserver.bench.validators.Candidate;
import org.flowserver.bench.validators.Request;
import org.flowserver.bench.validators.Specs;
import org.flowserver.bench.validators.Violation;

/**
 * "Our own" validator: swagger-parser-v3 for the spec model, our operation matcher and parameter reader, and
 * networknt json-schema-validator 1.5.8 for every schema (parameters and JSON body), on the spec's own tree so
 * references resolve as written. OpenAPI 3.0 uses networknt's 3.0 dialect, 3.1 its 3.1 (2020-12) dialect.
 */
public final class NetworkntCandidate implements Candidate {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] LOCATIONS = {"path", "query", "header", "cookie"};
    private static final Set<String> PROPERTY_TYPES = Set.of("required", "additionalProperties",
            "unevaluatedProperties", "dependentRequired");

    private final List<OperationEntry> operations;
    private final String name;

    public NetworkntCandidate(String specText) {
        this(specText, true);
    }

    /** networknt's own discriminator support instead of ours: shows what the library does alone (matrix only). */
    public static NetworkntCandidate withBuiltInDiscriminator(String specText) {
        return new NetworkntCandidate(specText, false);
    }

    private NetworkntCandidate(String specText, boolean ownDiscriminator) {
        this.name = ownDiscriminator ? "networknt" : "networknt-builtin-discriminator";
        OpenAPI api = Specs.parse(specText);
        boolean openApi31 = api.getOpenapi() != null && api.getOpenapi().startsWith("3.1");
        ObjectMapper modelMapper = openApi31 ? Json31.mapper() : Json.mapper();
        SchemaDocument document = new SchemaDocument((ObjectNode) Specs.tree(specText), openApi31, ownDiscriminator);
        ParameterReader reader = new ParameterReader(document);

        List<PendingOperation> pending = new ArrayList<>();
        int index = 0;
        if (api.getPaths() != null) {
            for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
                PathTemplate template = new PathTemplate(path.getKey());
                for (Map.Entry<PathItem.HttpMethod, Operation> method : path.getValue().readOperationsMap().entrySet()) {
                    String key = "op" + index++;
                    Operation operation = method.getValue();
                    List<ParamSpec> parameters = parameters(api, path.getValue(), operation, modelMapper);
                    Map<String, String> parameterPointers = new LinkedHashMap<>();
                    for (String location : LOCATIONS) {
                        ObjectNode objectSchema = parameterObjectSchema(parameters, location);
                        if (objectSchema != null) {
                            parameterPointers.put(location, document.put(key, location, objectSchema));
                        }
                    }
                    RequestBody body = requestBody(api, operation);
                    String bodyPointer = null;
                    boolean bodyRequired = false;
                    if (body != null) {
                        bodyRequired = Boolean.TRUE.equals(body.getRequired());
                        MediaType json = jsonMediaType(body);
                        if (json != null && json.getSchema() != null) {
                            bodyPointer = document.put(key, "body", modelMapper.valueToTree(json.getSchema()));
                        }
                    }
                    pending.add(new PendingOperation(template, method.getKey().name(), operation.getOperationId(),
                            parameters, parameterPointers, bodyPointer, bodyRequired, body != null));
                }
            }
        }
        document.seal();
        List<OperationEntry> entries = new ArrayList<>();
        for (PendingOperation op : pending) {
            Map<String, JsonSchema> parameterSchemas = new LinkedHashMap<>();
            op.parameterPointers.forEach((location, pointer) -> parameterSchemas.put(location, document.schemaAt(pointer)));
            JsonSchema bodySchema = op.bodyPointer == null ? null : document.schemaAt(op.bodyPointer);
            entries.add(new OperationEntry(op.template, op.method, op.operationId, op.parameters, parameterSchemas,
                    bodySchema, op.bodyRequired, op.hasBody, reader));
        }
        entries.sort(Comparator.comparingInt((OperationEntry e) -> -e.template.literals()));
        this.operations = List.copyOf(entries);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Violation> validate(Request request) {
        JsonNode body = null;
        List<Violation> violations = new ArrayList<>(0);
        if (request.body() != null && !request.body().isBlank()) {
            try {
                body = parseBody(request.body());
            } catch (JsonProcessingException e) {
                violations.add(new Violation("body", "", "malformed JSON: " + e.getOriginalMessage()));
                return violations;
            }
        }
        return validate(request, body, violations);
    }

    /** Parses a JSON body as the server would (Jackson tree). */
    public static JsonNode parseBody(String body) throws JsonProcessingException {
        return JSON.readTree(body);
    }

    /** Validates with an already parsed body (the JMH "validation only" figure). */
    public List<Violation> validate(Request request, JsonNode body) {
        return validate(request, body, new ArrayList<>(0));
    }

    private List<Violation> validate(Request request, JsonNode body, List<Violation> violations) {
        String[] segments = PathTemplate.split(request.path());
        OperationEntry match = null;
        Map<String, String> pathValues = null;
        boolean pathKnown = false;
        for (OperationEntry entry : operations) {
            Map<String, String> values = entry.template.match(segments);
            if (values != null) {
                pathKnown = true;
                if (entry.method.equals(request.method())) {
                    match = entry;
                    pathValues = values;
                    break;
                }
            }
        }
        if (match == null) {
            violations.add(new Violation("path", "", pathKnown
                    ? "method " + request.method() + " is not allowed on " + request.path()
                    : "no operation matches " + request.path()));
            return violations;
        }
        match.validate(request, pathValues, body, violations);
        return violations;
    }

    private static List<ParamSpec> parameters(OpenAPI api, PathItem pathItem, Operation operation, ObjectMapper mapper) {
        Map<String, Parameter> merged = new LinkedHashMap<>();
        for (List<Parameter> list : java.util.Arrays.asList(pathItem.getParameters(), operation.getParameters())) {
            if (list == null) {
                continue;
            }
            for (Parameter parameter : list) {
                Parameter resolved = resolveParameter(api, parameter);
                merged.put(resolved.getIn() + ":" + resolved.getName(), resolved); // operation level overrides
            }
        }
        List<ParamSpec> specs = new ArrayList<>(merged.size());
        for (Parameter parameter : merged.values()) {
            String in = parameter.getIn();
            String style = parameter.getStyle() != null ? parameter.getStyle().toString() : ParamSpec.defaultStyle(in);
            boolean explode = parameter.getExplode() != null ? parameter.getExplode() : "form".equals(style);
            JsonNode schema;
            if (parameter.getSchema() != null) {
                schema = mapper.valueToTree(parameter.getSchema());
            } else if (parameter.getContent() != null && !parameter.getContent().isEmpty()) {
                schema = mapper.valueToTree(parameter.getContent().values().iterator().next().getSchema());
            } else {
                schema = JsonNodeFactory.instance.objectNode();
            }
            boolean required = "path".equals(in) || Boolean.TRUE.equals(parameter.getRequired());
            specs.add(new ParamSpec(parameter.getName(), in, required, style, explode, schema));
        }
        return specs;
    }

    private static Parameter resolveParameter(OpenAPI api, Parameter parameter) {
        Parameter current = parameter;
        for (int i = 0; i < 8 && current.get$ref() != null; i++) {
            String name = current.get$ref().substring(current.get$ref().lastIndexOf('/') + 1);
            Parameter target = api.getComponents() == null || api.getComponents().getParameters() == null
                    ? null : api.getComponents().getParameters().get(name);
            if (target == null) {
                throw new IllegalArgumentException("unresolved parameter reference " + current.get$ref());
            }
            current = target;
        }
        return current;
    }

    private static RequestBody requestBody(OpenAPI api, Operation operation) {
        RequestBody body = operation.getRequestBody();
        for (int i = 0; i < 8 && body != null && body.get$ref() != null; i++) {
            String name = body.get$ref().substring(body.get$ref().lastIndexOf('/') + 1);
            body = api.getComponents() == null || api.getComponents().getRequestBodies() == null
                    ? null : api.getComponents().getRequestBodies().get(name);
        }
        return body;
    }

    private static MediaType jsonMediaType(RequestBody body) {
        if (body.getContent() == null) {
            return null;
        }
        for (Map.Entry<String, MediaType> entry : body.getContent().entrySet()) {
            if (isJson(entry.getKey())) {
                return entry.getValue();
            }
        }
        return null;
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json") || type.equals("*/*");
    }

    /** {"type":"object","properties":{name: schema...},"required":[...]} for one location, or null if none. */
    private static ObjectNode parameterObjectSchema(List<ParamSpec> parameters, String location) {
        ObjectNode schema = null;
        ArrayNode required = null;
        for (ParamSpec parameter : parameters) {
            if (!parameter.in().equals(location)) {
                continue;
            }
            if (schema == null) {
                schema = JsonNodeFactory.instance.objectNode();
                schema.put("type", "object");
                schema.putObject("properties");
            }
            ((ObjectNode) schema.get("properties")).set(parameter.name(), parameter.schema());
            if (parameter.required()) {
                if (required == null) {
                    required = schema.putArray("required");
                }
                required.add(parameter.name());
            }
        }
        return schema;
    }

    private record PendingOperation(PathTemplate template, String method, String operationId,
                                    List<ParamSpec> parameters, Map<String, String> parameterPointers,
                                    String bodyPointer, boolean bodyRequired, boolean hasBody) {
    }

    /** One operation, compiled. */
    private static final class OperationEntry {
        private final PathTemplate template;
        private final String method;
        private final String operationId;
        private final List<ParamSpec> parameters;
        private final Map<String, JsonSchema> parameterSchemas;
        private final JsonSchema bodySchema;
        private final boolean bodyRequired;
        private final boolean hasBody;
        private final ParameterReader reader;

        OperationEntry(PathTemplate template, String method, String operationId, List<ParamSpec> parameters,
                       Map<String, JsonSchema> parameterSchemas, JsonSchema bodySchema, boolean bodyRequired,
                       boolean hasBody, ParameterReader reader) {
            this.template = template;
            this.method = method;
            this.operationId = operationId;
            this.parameters = parameters;
            this.parameterSchemas = parameterSchemas;
            this.bodySchema = bodySchema;
            this.bodyRequired = bodyRequired;
            this.hasBody = hasBody;
            this.reader = reader;
        }

        void validate(Request request, Map<String, String> pathValues, JsonNode body, List<Violation> violations) {
            for (Map.Entry<String, JsonSchema> entry : parameterSchemas.entrySet()) {
                String location = entry.getKey();
                ObjectNode values = JsonNodeFactory.instance.objectNode();
                for (ParamSpec parameter : parameters) {
                    if (parameter.in().equals(location)) {
                        JsonNode value = reader.read(parameter, request, pathValues);
                        if (value != null) {
                            values.set(parameter.name(), value);
                        }
                    }
                }
                report(location, entry.getValue().validate(values), violations);
            }
            if (body == null) {
                if (bodyRequired) {
                    violations.add(new Violation("body", "", "the request body is required"));
                }
                return;
            }
            if (!hasBody) {
                return;
            }
            if (bodySchema != null) {
                if (!isJson(request.contentType())) {
                    violations.add(new Violation("header", "/Content-Type",
                            "unsupported content type " + request.contentType()));
                    return;
                }
                report("body", bodySchema.validate(body), violations);
            }
        }

        private static void report(String location, Set<ValidationMessage> messages, List<Violation> violations) {
            for (ValidationMessage message : messages) {
                String pointer = message.getInstanceLocation().toString();
                // "required" and "additionalProperties" are reported on the object; point at the property instead
                if (message.getProperty() != null && PROPERTY_TYPES.contains(message.getType())) {
                    pointer = pointer + "/" + message.getProperty().replace("~", "~0").replace("/", "~1");
                }
                String text = message.getMessage();
                String prefix = message.getInstanceLocation().toString() + ": ";
                if (text.startsWith(prefix)) {
                    text = text.substring(prefix.length());
                }
                violations.add(new Violation(location, pointer, text));
            }
        }
    }
}
