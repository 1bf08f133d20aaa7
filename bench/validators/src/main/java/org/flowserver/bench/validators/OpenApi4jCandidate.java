package org.flowserver.bench.validators;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.openapi4j.core.model.v3.OAI3Context;
import org.openapi4j.core.util.TreeUtil;
import org.openapi4j.core.validation.ValidationException;
import org.openapi4j.core.validation.ValidationResults;
import org.openapi4j.core.validation.ValidationSeverity;
import org.openapi4j.operation.validator.model.impl.Body;
import org.openapi4j.operation.validator.model.impl.DefaultRequest;
import org.openapi4j.operation.validator.validation.OperationValidator;
import org.openapi4j.operation.validator.validation.RequestValidator;
import org.openapi4j.parser.model.v3.OpenApi3;
import org.openapi4j.parser.validation.v3.OpenApi3Validator;
import org.openapi4j.schema.validator.ValidationData;

/**
 * openapi4j 1.0.7 (openapi-parser + openapi-operation-validator). It has its own parser and model, so the spec is
 * not parsed with swagger-parser here; the text is handed over as a tree (no URL is read: the base URL is a dummy).
 * openapi4j does not tag a violation with its location, so each location is validated separately.
 */
public final class OpenApi4jCandidate implements Candidate {

    private final RequestValidator validator;

    public OpenApi4jCandidate(String specText) {
        try {
            JsonNode document = Specs.tree(specText);
            OAI3Context context = new OAI3Context(new URL("file:/openapi4j-inline/spec.yaml"), document);
            OpenApi3 api = TreeUtil.json.convertValue(context.getBaseDocument(), OpenApi3.class);
            api.setContext(context);
            OpenApi3Validator.instance().validate(api);
            this.validator = new RequestValidator(api);
        } catch (ValidationException e) {
            throw new IllegalArgumentException("openapi4j refused the spec: " + e.results(), e);
        } catch (Exception e) {
            throw new IllegalArgumentException("openapi4j could not load the spec: " + e, e);
        }
    }

    @Override
    public String name() {
        return "openapi4j";
    }

    @Override
    public List<Violation> validate(Request request) {
        DefaultRequest.Builder builder = new DefaultRequest.Builder(request.path(),
                org.openapi4j.operation.validator.model.Request.Method.getMethod(request.method()));
        String query = request.rawQuery();
        if (!query.isEmpty()) {
            builder.query(query);
        }
        request.headers().forEach((name, values) -> builder.header(name, values));
        builder.cookies(request.cookies());
        if (request.body() != null) {
            builder.body(Body.from(request.body()));
        }
        DefaultRequest req = builder.build();

        OperationValidator operation;
        try {
            operation = validator.getValidator(req);
        } catch (ValidationException e) {
            return List.of(new Violation("path", null, e.getMessage()));
        }
        List<Violation> violations = new ArrayList<>();
        run("path", violations, data -> operation.validatePath(req, data));
        run("query", violations, data -> operation.validateQuery(req, data));
        run("header", violations, data -> operation.validateHeaders(req, data));
        run("cookie", violations, data -> operation.validateCookies(req, data));
        run("body", violations, data -> operation.validateBody(req, data));
        return violations;
    }

    private static void run(String location, List<Violation> violations,
                            java.util.function.Consumer<ValidationData<Void>> step) {
        ValidationData<Void> data = new ValidationData<>();
        step.accept(data);
        if (!data.isValid()) {
            for (ValidationResults.ValidationItem item : data.results().items(ValidationSeverity.ERROR)) {
                String pointer = item.dataJsonPointer();
                if ("body".equals(location) && pointer.startsWith("/body")) {
                    pointer = pointer.substring("/body".length()); // openapi4j's first body crumb is "body"
                }
                violations.add(new Violation(location, pointer, item.message()));
            }
        }
    }
}
