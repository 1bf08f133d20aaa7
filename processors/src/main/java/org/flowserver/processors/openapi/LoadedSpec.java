package org.flowserver.processors.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import java.util.Objects;

/**
 * An OpenAPI v3 document, parsed and checked.
 *
 * @param model    the document as swagger-parser reads it, internal {@code $ref}s resolved, never fully inlined
 * @param version  the {@code openapi} field, for example {@code 3.0.3} or {@code 3.1.0}
 */
public record LoadedSpec(OpenAPI model, String version) {

    public LoadedSpec {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
    }

    /** Whether the document is OpenAPI 3.1 (JSON Schema 2020-12 schemas). */
    public boolean isOpenApi31() {
        return version.startsWith("3.1");
    }
}
