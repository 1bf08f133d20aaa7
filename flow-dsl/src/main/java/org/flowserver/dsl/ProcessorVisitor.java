package org.flowserver.dsl;

/**
 * An operation over every processor kind. Java 17 has no pattern-matching switch, so this interface is how
 * the compiler checks that code handling processors handles every kind: a new kind adds a method here.
 *
 * @param <R> the result of the operation
 */
public interface ProcessorVisitor<R> {

    R restApi(RestApiSpec spec);

    R setExchangeProperty(SetExchangePropertySpec spec);

    R setPayload(SetPayloadSpec spec);

    R map(MapSpec spec);

    R filter(FilterSpec spec);

    R log(LogSpec spec);

    R handoff(HandoffSpec spec);

    R handoffSource(HandoffSourceSpec spec);

    R restRequest(RestRequestSpec spec);
}
