package org.flowserver.dsl;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The part of every processor builder that sets the properties all processors have.
 *
 * @param <B> the concrete builder, returned by every method for chaining
 */
public abstract class ProcessorBuilder<B extends ProcessorBuilder<B>> {

    private final String id;
    private Optional<String> name = Optional.empty();
    private final StringBuilder exchangeProperties = new StringBuilder();
    private boolean retainPayloadOnFailure;
    private Optional<MessageLoggingStrategy> messageLoggingStrategy = Optional.empty();
    private Optional<PayloadArchivingStrategy> payloadArchivingStrategy = Optional.empty();

    ProcessorBuilder(String id) {
        this.id = Objects.requireNonNull(id, "id");
    }

    abstract B self();

    abstract ProcessorSpec build();

    /**
     * Problems only the builder sees, because the spec cannot hold what was set (two targets of one
     * {@code restRequest}, say), with paths relative to the processor. {@link FlowBuilder#build()} reports them
     * with the flow's other problems. Empty by default.
     */
    List<Problem> problems() {
        return List.of();
    }

    /** A descriptive name. */
    public B name(String name) {
        this.name = Optional.of(Objects.requireNonNull(name, "name"));
        return self();
    }

    /**
     * Custom exchange properties as {@link java.util.Properties} text, replacing any set before. They are
     * set before the processor handles the payload and replace properties of the same name.
     */
    public B exchangeProperties(String propertiesText) {
        exchangeProperties.setLength(0);
        exchangeProperties.append(Objects.requireNonNull(propertiesText, "propertiesText"));
        return self();
    }

    /** Adds one custom exchange property; the name and value are escaped as {@link java.util.Properties} text. */
    public B exchangeProperty(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (exchangeProperties.length() > 0 && exchangeProperties.charAt(exchangeProperties.length() - 1) != '\n') {
            exchangeProperties.append('\n');
        }
        exchangeProperties.append(PropertiesText.escape(name, true)).append('=')
                .append(PropertiesText.escape(value, false));
        return self();
    }

    /** Whether the incoming payload stays available to error handling on failure; default {@code false}. */
    public B retainPayloadOnFailure(boolean retain) {
        this.retainPayloadOnFailure = retain;
        return self();
    }

    /** Turns on logging of each message this processor handles, configured by {@code configurator}. */
    public B messageLoggingStrategy(Consumer<MessageLoggingStrategyBuilder> configurator) {
        MessageLoggingStrategyBuilder builder = new MessageLoggingStrategyBuilder();
        configurator.accept(builder);
        this.messageLoggingStrategy = Optional.of(builder.build());
        return self();
    }

    /** Turns on payload archiving in traces for this processor, configured by {@code configurator}. */
    public B payloadArchivingStrategy(Consumer<PayloadArchivingStrategyBuilder> configurator) {
        PayloadArchivingStrategyBuilder builder = new PayloadArchivingStrategyBuilder();
        configurator.accept(builder);
        this.payloadArchivingStrategy = Optional.of(builder.build());
        return self();
    }

    CommonProperties common() {
        return new CommonProperties(id, name, exchangeProperties.toString(), retainPayloadOnFailure,
                messageLoggingStrategy, payloadArchivingStrategy);
    }
}
