package org.flowserver.processors.openapi;

import com.networknt.schema.JsonSchema;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One operation of a spec, compiled: what the router finds and what validation and the response need.
 *
 * @param method         the HTTP method, upper case
 * @param template       the path of the spec
 * @param operationId    the spec's operationId, or the default of the seed ({@code param_operation-GET})
 * @param parameters     path-level and operation-level parameters, the operation's winning on a clash
 * @param body           the JSON request body, when the operation has one
 * @param successStatus  the first 2xx response code of the spec, the default status of the answer
 * @param security       the security requirements that remain once unsupported schemes are removed; each
 *                       requirement is a set of schemes that must all hold; an empty list means none
 * @param responses      the response definitions by status key ({@code 200}, {@code 2XX}, {@code default}),
 *                       for response validation
 */
public record ApiOperation(String method, PathTemplate template, String operationId, List<ParameterSpec> parameters,
                    Optional<Body> body, OptionalInt successStatus, List<List<SecurityScheme>> security,
                    Map<String, Response> responses) {

    /**
     * A request body.
     *
     * @param required  whether a request must have one
     * @param schema    the schema of its {@code application/json} content; empty when the spec gives none
     */
    public record Body(boolean required, Optional<JsonSchema> schema) {
    }

    /**
     * A response definition.
     *
     * @param jsonSchema  the schema of its JSON content, when it has one
     * @param mediaTypes  the media types it defines, lower case; empty for a response without content
     * @param headers     its headers by lower-case name: whether required, and the schema when there is one
     */
    public record Response(Optional<JsonSchema> jsonSchema, List<String> mediaTypes, Map<String, Header> headers) {
    }

    /** A response header. */
    public record Header(String name, boolean required, Optional<ParameterSpec> value) {
    }
}
