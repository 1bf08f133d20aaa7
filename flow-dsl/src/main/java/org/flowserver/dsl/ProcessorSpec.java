package org.flowserver.dsl;

import java.util.Optional;

/**
 * One step of a flow. The first processor of a flow is a {@link SourceSpec}; the others transform the
 * message or call other systems. Each kind has one spec record and one translator on the server.
 */
public sealed interface ProcessorSpec permits SourceSpec, SetExchangePropertySpec, SetPayloadSpec, MapSpec,
        FilterSpec, LogSpec, HandoffSpec, RestRequestSpec {

    /** The type name used in the flow JSON ({@code "type": "map"}), equal to the DSL method name. */
    String type();

    /** Calls the visitor's method for this kind. */
    <R> R accept(ProcessorVisitor<R> visitor);

    /** The properties every processor has. */
    CommonProperties common();

    /** The processor id, unique within its flow. */
    default String id() {
        return common().id();
    }

    /** The optional descriptive name. */
    default Optional<String> name() {
        return common().name();
    }
}
