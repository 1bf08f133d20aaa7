package org.flowserver.processors.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * An {@code application/problem+json} answer (DESIGN.md §4.4). The detail of a 5xx never carries exception
 * text: it says what happened and where to look.
 *
 * @param type    the kind of problem
 * @param detail  what happened to this request, and how to fix it where the caller can
 * @param errors  every violation found, for validation failures; empty otherwise
 */
public record ProblemDetail(ProblemType type, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final JsonFactory JSON = new JsonFactory();

    public ProblemDetail {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(detail, "detail");
        errors = List.copyOf(errors);
    }

    public static ProblemDetail of(ProblemType type, String detail) {
        return new ProblemDetail(type, detail, List.of());
    }

    public int status() {
        return type.status();
    }

    /** The problem as UTF-8 JSON: {@code type}, {@code title}, {@code status}, {@code detail}, and {@code errors} when there are some. */
    public byte[] toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("type", type.uri());
            json.writeStringField("title", type.title());
            json.writeNumberField("status", type.status());
            json.writeStringField("detail", detail);
            if (!errors.isEmpty()) {
                json.writeArrayFieldStart("errors");
                for (FieldError error : errors) {
                    json.writeStartObject();
                    json.writeStringField("location", error.location());
                    json.writeStringField("pointer", error.pointer());
                    json.writeStringField("message", error.message());
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
