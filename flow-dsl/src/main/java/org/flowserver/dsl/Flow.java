package org.flowserver.dsl;

import java.util.function.Consumer;

/**
 * Entry point of the flow DSL.
 *
 * <pre>{@code
 * FlowSpec orders = Flow.define("orders", f -> f
 *         .ownerId("acme")
 *         .restApi("orders-in", r -> r.apiSpecId("OpenAPIv3:orders:latest"))
 *         .setExchangeProperty("set-status", "httpResponseCode", "202")
 *         .map("to-reply", "{ 'received': payload.orderId }"));
 * }</pre>
 */
public final class Flow {

    private Flow() {
    }

    /**
     * Defines a flow with a configurator and returns it validated.
     *
     * @throws InvalidFlowException listing every problem with its path, if the flow breaks any rule
     */
    public static FlowSpec define(String id, Consumer<FlowBuilder> configurator) {
        FlowBuilder builder = builder(id);
        configurator.accept(builder);
        return builder.build();
    }

    /** A builder for the flow {@code id}; finish with {@link FlowBuilder#build()}. */
    public static FlowBuilder builder(String id) {
        return new FlowBuilder(id);
    }
}
