package org.flowserver.bench.validators;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Atlassian swagger-request-validator-core 2.46.1 ({@link OpenApiInteractionValidator}), the validator Camel's
 * camel-openapi-validator uses. The spec goes through the library's own loader (swagger-parser).
 * <p>
 * Tuned (the candidate): our parse options (resolve=true, resolveFully=false, safelyResolveURL=true) and the
 * README-documented fix for allOf: the level of {@code validation.schema.additionalProperties} set to IGNORE, which
 * stops the library from injecting {@code additionalProperties: false} into every object schema (explicit
 * {@code additionalProperties: false} in the spec is still enforced). With the library's defaults
 * ({@link #withLibraryDefaults}) every object is closed and any allOf composition fails.
 */
public final class AtlassianCandidate implements Candidate {

    private final OpenApiInteractionValidator validator;
    private final String name;

    public AtlassianCandidate(String specText) {
        this(specText, false);
    }

    private AtlassianCandidate(String specText, boolean libraryDefaults) {
        Specs.parse(specText); // same refusal rules (external refs, parser messages) as the other candidates
        try {
            OpenApiInteractionValidator.Builder builder = OpenApiInteractionValidator.createForInlineApiSpecification(specText);
            if (!libraryDefaults) {
                builder.withParseOptions(Specs.parseOptions())
                        .withLevelResolver(LevelResolver.create()
                                .withLevel(SchemaValidator.ADDITIONAL_PROPERTIES_KEY, ValidationReport.Level.IGNORE)
                                .build());
            }
            this.validator = builder.build();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Atlassian could not load the spec: " + e.getMessage(), e);
        }
        this.name = libraryDefaults ? "atlassian-defaults" : "atlassian";
    }

    /** The library as it comes: resolveFully=true, additionalProperties:false injected everywhere. */
    public static AtlassianCandidate withLibraryDefaults(String specText) {
        return new AtlassianCandidate(specText, true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Violation> validate(Request request) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder(request.method(), request.path());
        request.query().forEach(builder::withQueryParam);
        request.headers().forEach(builder::withHeader);
        String cookie = request.cookieHeader();
        if (cookie != null) {
            builder.withHeader("Cookie", cookie);
        }
        if (request.contentType() != null) {
            builder.withContentType(request.contentType());
        }
        if (request.body() != null) {
            builder.withBody(request.body());
        }
        ValidationReport report = validator.validateRequest(builder.build());
        List<Violation> violations = new ArrayList<>();
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() != ValidationReport.Level.ERROR) {
                continue;
            }
            violations.add(toViolation(message));
        }
        return violations;
    }

    private static Violation toViolation(ValidationReport.Message message) {
        Optional<ValidationReport.MessageContext> context = message.getContext();
        Optional<Parameter> parameter = context.flatMap(ValidationReport.MessageContext::getParameter);
        String instance = context.flatMap(ValidationReport.MessageContext::getPointers)
                .map(ValidationReport.MessageContext.Pointers::getInstance).orElse(null);
        String key = message.getKey();
        String location;
        String pointer;
        if (parameter.isPresent()) {
            location = parameter.get().getIn();
            pointer = "/" + parameter.get().getName() + (instance == null || instance.equals("/") ? "" : instance);
        } else if (key.startsWith("validation.request.body")) {
            location = "body";
            pointer = instance == null ? (key.endsWith(".missing") ? "" : null) : instance;
        } else if (key.startsWith("validation.request.parameter.query")) {
            location = "query";
            pointer = null;
        } else if (key.startsWith("validation.request.parameter.header")) {
            location = "header";
            pointer = null;
        } else if (key.startsWith("validation.request.parameter.cookie")) {
            location = "cookie";
            pointer = null;
        } else if (key.startsWith("validation.request.path") || key.startsWith("validation.request.operation")) {
            location = "path";
            pointer = null;
        } else {
            location = "request"; // e.g. validation.request.parameter.schema.*: the library does not say which
            pointer = null;
        }
        StringBuilder text = new StringBuilder(key).append(": ").append(message.getMessage());
        appendNested(message, text, 0);
        return new Violation(location, pointer, text.toString());
    }

    /** oneOf/allOf/discriminator failures carry the real cause nested, sometimes two or three levels down. */
    private static void appendNested(ValidationReport.Message message, StringBuilder text, int depth) {
        for (String info : message.getAdditionalInfo()) {
            text.append(" | ").append(info);
        }
        if (depth > 8) {
            return;
        }
        for (ValidationReport.Message nested : message.getNestedMessages()) {
            text.append(" | ").append(nested.getMessage());
            appendNested(nested, text, depth + 1);
        }
    }
}
