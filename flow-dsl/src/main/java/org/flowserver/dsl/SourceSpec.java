package org.flowserver.dsl;

/** A processor that receives messages: the first processor of every flow, and only the first. */
public sealed interface SourceSpec extends ProcessorSpec permits RestApiSpec, HandoffSourceSpec {
}
