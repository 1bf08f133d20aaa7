package org.flowserver.dsl;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code restApi} source: exposes REST endpoints under {@code /{ownerId}/rs/{flowId}}. With an
 * {@code apiSpecId} it exposes the operations of that OpenAPI v3 spec; without one, a generic endpoint that
 * accepts every method and every path below the flow's base path.
 *
 * @param common                              the properties every processor has
 * @param apiSpecId                           {@code <type>:<resourceId>:<revision>}, for example
 *                                            {@code OpenAPIv3:orders:latest}; absent for a generic endpoint
 * @param validateResponse                    validate responses against the spec (schema-based sources only);
 *                                            default {@code false}
 * @param responseConversionCharacterSet      the charset used to decode a binary payload into the text of
 *                                            a text response; default {@code UTF-8}
 * @param forwardMessagePreprocessingErrors   treat errors at the endpoint (parsing, validation) as failed
 *                                            messages subject to the flow's error handling; default {@code true}
 * @param inboundTransformationStrategy       overrides how the entity becomes the payload; absent means by
 *                                            content type
 * @param access                              who may call the endpoint; default {@link Access#GRANTED}: only
 *                                            service accounts granted the flow (operations of a spec with their
 *                                            own security requirements follow those instead)
 */
public record RestApiSpec(CommonProperties common, Optional<String> apiSpecId, boolean validateResponse,
                          String responseConversionCharacterSet, boolean forwardMessagePreprocessingErrors,
                          Optional<InboundTransformationStrategy> inboundTransformationStrategy, Access access)
        implements SourceSpec {

    public static final String TYPE = "restApi";
    public static final String DEFAULT_RESPONSE_CONVERSION_CHARACTER_SET = StandardCharsets.UTF_8.name();

    public RestApiSpec {
        Objects.requireNonNull(common, "common");
        Objects.requireNonNull(apiSpecId, "apiSpecId");
        Objects.requireNonNull(responseConversionCharacterSet, "responseConversionCharacterSet");
        Objects.requireNonNull(inboundTransformationStrategy, "inboundTransformationStrategy");
        Objects.requireNonNull(access, "access");
    }

    /** A source only granted service accounts may call. */
    public RestApiSpec(CommonProperties common, Optional<String> apiSpecId, boolean validateResponse,
                       String responseConversionCharacterSet, boolean forwardMessagePreprocessingErrors,
                       Optional<InboundTransformationStrategy> inboundTransformationStrategy) {
        this(common, apiSpecId, validateResponse, responseConversionCharacterSet, forwardMessagePreprocessingErrors,
                inboundTransformationStrategy, Access.GRANTED);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public <R> R accept(ProcessorVisitor<R> visitor) {
        return visitor.restApi(this);
    }
}
