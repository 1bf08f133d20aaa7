package org.flowserver.server.flows;

import java.util.Optional;
import org.apache.camel.Exchange;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.camel.AsyncCallback;
import org.apache.camel.support.AsyncProcessorSupport;
import org.flowserver.dsl.FlowSpec;
import org.flowserver.processors.CompiledFlow;
import org.flowserver.processors.handoff.Handoff;
import org.flowserver.processors.handoff.HandoffTarget;
import org.flowserver.processors.http.HttpResponses;
import org.flowserver.processors.http.ProblemDetail;
import org.flowserver.processors.http.ProblemType;
import org.flowserver.processors.rest.InboundRequest;
import org.flowserver.processors.trace.TraceError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor of a flow's Camel route. It holds the current {@link CompiledFlow}; a redeploy swaps it in
 * one volatile write, so each request runs wholly on the old flow or wholly on the new one, and the route
 * (and its HTTP endpoint) is never down during a redeploy.
 */
final class FlowEndpoint extends AsyncProcessorSupport implements HandoffTarget {

    private static final Logger LOG = LoggerFactory.getLogger(FlowEndpoint.class);

    private volatile CompiledFlow current;
    private volatile boolean disabled;

    FlowEndpoint(CompiledFlow flow) {
        this.current = flow;
    }

    /** Makes {@code next} handle every request from now on; returns the flow it replaced. */
    CompiledFlow swap(CompiledFlow next) {
        CompiledFlow previous = current;
        current = next;
        return previous;
    }

    /** The spec of the flow that handles requests now. */
    FlowSpec spec() {
        return current.spec();
    }

    /** Whether the current flow has an HTTP endpoint (a Camel route); a flow with a handoff source has none. */
    boolean hasEndpoint() {
        return current.hasEndpoint();
    }

    @Override
    public Optional<TraceError> receive(Handoff handoff) {
        return current.receive(handoff, disabled);
    }

    /** Disables or enables the flow for every request from now on; requests already running finish. */
    void disabled(boolean disabled) {
        this.disabled = disabled;
    }

    /**
     * Starts the message and returns; {@code callback} hears when it is done, which may be after an outbound call
     * answered on another thread. Camel counts the message in flight until then, so an undeploy waits for it.
     */
    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        CompiledFlow flow = current;
        InboundRequest request = (InboundRequest) exchange.getIn().getBody();
        CompletableFuture<Void> handled;
        try {
            handled = flow.handle(exchange, disabled);
        } catch (RuntimeException | StackOverflowError e) {
            handled = CompletableFuture.failedFuture(e);
        }
        handled.whenComplete((done, failure) -> {
            if (failure != null) {
                unexpected(flow, exchange, request, failure);
            }
            callback.done(false);
        });
        return false;
    }

    /** A source answers every outcome it knows; this is the net under a bug, never a flow's failure. */
    private static void unexpected(CompiledFlow flow, Exchange exchange, InboundRequest request, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        LOG.atError().addKeyValue("owner", flow.spec().ownerId()).addKeyValue("flow", flow.spec().id())
                .addKeyValue("messageId", exchange.getExchangeId()).setCause(cause).log("Unexpected failure");
        if (!request.context().response().ended()) {
            HttpResponses.problem(request.context().response(), ProblemDetail.of(ProblemType.INTERNAL_ERROR,
                    "The server failed to handle the message; the server log has the details under messageId "
                            + exchange.getExchangeId() + "."));
        }
    }
}
