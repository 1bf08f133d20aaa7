package org.flowserver.processors.rest;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.flowserver.dsl.ExchangePattern;
import org.flowserver.dsl.FlowSpec;
import org.flowserver.dsl.RestApiSpec;
import org.flowserver.processors.FlowPipeline;
import org.flowserver.processors.FlowSource;
import org.flowserver.processors.FlowStepException;
import org.flowserver.processors.MessageLogger;
import org.flowserver.processors.http.HttpResponses;
import org.flowserver.processors.http.ProblemDetail;
import org.flowserver.processors.http.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generic {@code restApi} source: one endpoint at {@code /{ownerId}/rs/{flowId}} and every path below
 * it, for every method. Sets the {@code http.*} properties, then the source's own exchange properties, then
 * reads the entity by content type; a request that cannot be read is answered with a 4xx problem and goes
 * no further. {@code RequestResponse} flows answer with the flow's result; {@code OneWay} flows answer 202
 * once the request is accepted and run afterwards.
 */
public final class GenericRestSource implements FlowSource {

    private static final Logger LOG = LoggerFactory.getLogger(GenericRestSource.class);

    private final FlowSpec flow;
    private final int basePathLength;
    private final Map<String, String> exchangeProperties;
    private final EntityReader entityReader;
    private final RestResponder responder;
    private final Optional<MessageLogger> logger;

    private GenericRestSource(FlowSpec flow, RestApiSpec spec, Optional<MessageLogger> logger) {
        this.flow = flow;
        this.basePathLength = FlowPaths.basePath(flow.ownerId(), flow.id()).length();
        this.exchangeProperties = spec.common().exchangePropertyMap();
        this.entityReader = new EntityReader(spec.inboundTransformationStrategy());
        this.responder = new RestResponder(flow.ownerId(), flow.id(),
                Charset.forName(spec.responseConversionCharacterSet()));
        this.logger = logger;
    }

    public static GenericRestSource create(FlowSpec flow, RestApiSpec spec, Optional<MessageLogger> logger) {
        return new GenericRestSource(flow, spec, logger);
    }

    @Override
    public void handle(Exchange exchange, FlowPipeline pipeline) {
        InboundRequest request = (InboundRequest) exchange.getIn().getBody();
        RoutingContext context = request.context();
        HttpServerResponse response = context.response();
        try {
            RequestProperties.set(exchange, context, basePathLength);
            exchangeProperties.forEach(exchange::setProperty);
            exchange.getIn().setBody(entityReader.read(request.body(),
                    context.request().getHeader(HttpHeaders.CONTENT_TYPE)));
        } catch (RequestRejectedException rejected) {
            HttpResponses.problem(response, rejected.problem());
            return;
        }
        logger.ifPresent(log -> log.log(exchange));
        if (flow.exchangePattern() == ExchangePattern.OneWay) {
            response.setStatusCode(202).end();
            run(exchange, pipeline);
            return;
        }
        if (run(exchange, pipeline)) {
            responder.respond(exchange, response, RestResponder.methodDefaultStatus(context.request().method()),
                    RestResponder.ResponseContract.NONE);
        } else {
            HttpResponses.problem(response, ProblemDetail.of(ProblemType.PROCESSING_FAILED,
                    "The flow failed to process the message; the server log has the details under messageId "
                            + exchange.getExchangeId() + "."));
        }
    }

    /** Runs the pipeline; returns whether it completed. */
    private boolean run(Exchange exchange, FlowPipeline pipeline) {
        try {
            pipeline.run(exchange);
            return true;
        } catch (FlowStepException e) {
            LOG.atError().addKeyValue("owner", flow.ownerId()).addKeyValue("flow", flow.id())
                    .addKeyValue("processor", e.processorId()).addKeyValue("messageId", exchange.getExchangeId())
                    .setCause(e.getCause()).log(e.getMessage());
            return false;
        }
    }
}
