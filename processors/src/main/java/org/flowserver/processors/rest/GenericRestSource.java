package org.flowserver.processors.rest;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.flowserver.dsl.FlowSpec;
import org.flowserver.dsl.RestApiSpec;
import org.flowserver.processors.MessageLogger;
import org.flowserver.processors.handoff.DeadLetters;
import org.flowserver.processors.trace.MessageObserver;

/**
 * The generic {@code restApi} source: one endpoint at {@code /{ownerId}/rs/{flowId}} and every path below
 * it, for every method. Sets the {@code http.*} properties, then the source's own exchange properties, then
 * reads the entity by content type; a request that cannot be read is answered with a 4xx problem and goes
 * no further. The answer's default status is 201 for POST and 200 otherwise.
 */
public final class GenericRestSource extends RestSource {

    private final Map<String, String> exchangeProperties;
    private final EntityReader entityReader;

    private GenericRestSource(FlowSpec flow, RestApiSpec spec, MessageObserver observer, Optional<MessageLogger> logger,
                              DeadLetters deadLetters, Duration requestTimeout) {
        super(flow, spec, observer, logger, deadLetters, requestTimeout);
        this.exchangeProperties = spec.common().exchangePropertyMap();
        this.entityReader = new EntityReader(spec.inboundTransformationStrategy());
    }

    /**
     * @param requestTimeout  how long the caller of a {@code RequestResponse} flow waits before a 504; zero waits
     *                        as long as the flow takes
     */
    public static GenericRestSource create(FlowSpec flow, RestApiSpec spec, MessageObserver observer,
                                           Optional<MessageLogger> logger, DeadLetters deadLetters,
                                           Duration requestTimeout) {
        return new GenericRestSource(flow, spec, observer, logger, deadLetters, requestTimeout);
    }

    @Override
    Answer prepare(Exchange exchange, RoutingContext context, Buffer body) {
        RequestProperties.set(exchange, context, basePathLength);
        exchangeProperties.forEach(exchange::setProperty);
        exchange.getIn().setBody(entityReader.read(body, context.request().getHeader(HttpHeaders.CONTENT_TYPE)));
        return new Answer(RestResponder.methodDefaultStatus(context.request().method()),
                RestResponder.ResponseContract.NONE);
    }
}
