package org.flowserver.dsl;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/** Configures a {@link RestApiSpec} source. */
public final class RestApiBuilder extends ProcessorBuilder<RestApiBuilder> {

    private Optional<String> apiSpecId = Optional.empty();
    private boolean validateResponse;
    private String responseConversionCharacterSet = RestApiSpec.DEFAULT_RESPONSE_CONVERSION_CHARACTER_SET;
    private boolean forwardMessagePreprocessingErrors = true;
    private Optional<InboundTransformationStrategy> inboundTransformationStrategy = Optional.empty();
    private Access access = Access.GRANTED;

    RestApiBuilder(String id) {
        super(id);
    }

    @Override
    RestApiBuilder self() {
        return this;
    }

    /** The OpenAPI spec to expose, {@code <type>:<resourceId>:<revision>}; without it the endpoint is generic. */
    public RestApiBuilder apiSpecId(String apiSpecId) {
        this.apiSpecId = Optional.of(Objects.requireNonNull(apiSpecId, "apiSpecId"));
        return this;
    }

    /** Validate responses against the spec; default {@code false}. */
    public RestApiBuilder validateResponse(boolean validateResponse) {
        this.validateResponse = validateResponse;
        return this;
    }

    /** The charset used to decode a binary payload into a text response; default UTF-8. */
    public RestApiBuilder responseConversionCharacterSet(String charset) {
        this.responseConversionCharacterSet = Objects.requireNonNull(charset, "charset");
        return this;
    }

    /** Treat errors at the endpoint as failed messages of the flow; default {@code true}. */
    public RestApiBuilder forwardMessagePreprocessingErrors(boolean forward) {
        this.forwardMessagePreprocessingErrors = forward;
        return this;
    }

    /** Overrides how the entity becomes the payload, for example {@code t -> t.text("ISO-8859-1")}. */
    public RestApiBuilder inboundTransformationStrategy(Consumer<InboundTransformationStrategyBuilder> configurator) {
        InboundTransformationStrategyBuilder builder = new InboundTransformationStrategyBuilder();
        configurator.accept(builder);
        this.inboundTransformationStrategy = Optional.of(builder.build());
        return this;
    }

    /**
     * Who may call the endpoint; default {@link Access#GRANTED} (service accounts granted the flow).
     * {@link Access#PUBLIC} lets anyone call it without credentials.
     */
    public RestApiBuilder access(Access access) {
        this.access = Objects.requireNonNull(access, "access");
        return this;
    }

    @Override
    RestApiSpec build() {
        return new RestApiSpec(common(), apiSpecId, validateResponse, responseConversionCharacterSet,
                forwardMessagePreprocessingErrors, inboundTransformationStrategy, access);
    }
}
