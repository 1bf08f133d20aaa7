package org.flowserver.processors.rest;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.flowserver.dsl.FlowSpec;
import org.flowserver.dsl.RestApiSpec;
import org.flowserver.processors.MessageLogger;
import org.flowserver.processors.access.AccessControl;
import org.flowserver.processors.openapi.SecurityScheme;
import org.flowserver.processors.payload.JsonLimits;
import org.flowserver.processors.handoff.DeadLetters;
import org.flowserver.processors.trace.MessageObserver;

/**
 * The generic {@code restApi} source: one endpoint at {@code /{ownerId}/rs/{flowId}} and every path below
 * it, for every method. Sets the {@code http.*} properties, then the source's own exchange properties, then
 * reads the entity by content type; a request that cannot be read is answered with a 4xx problem and goes
 * no further. The answer's default status is 201 for POST and 200 otherwise. Unless the flow is public, only
 * service accounts granted it may call it, with HTTP Basic or their API key in the {@code apiKey} header.
 */
public final class GenericRestSource extends RestSource {

    private final Map<String, String> exchangeProperties;
    private final EntityReader entityReader;
    private final Callers callers;
    private final List<List<SecurityScheme>> requirements;

    private GenericRestSource(FlowSpec flow, RestApiSpec spec, MessageObserver observer, Optional<MessageLogger> logger,
                              DeadLetters deadLetters, Duration requestTimeout, AccessControl accounts,
                              JsonLimits jsonLimits) {
        super(flow, spec, observer, logger, deadLetters, requestTimeout);
        this.exchangeProperties = spec.common().exchangePropertyMap();
        this.entityReader = new EntityReader(spec.inboundTransformationStrategy(), jsonLimits);
        this.callers = new Callers(accounts, flow.ownerId(), flow.id());
        this.requirements = Callers.requirements(spec.access());
    }

    /**
     * @param requestTimeout  how long the caller of a {@code RequestResponse} flow waits before a 504; zero waits
     *                        as long as the flow takes
     * @param accounts        the service accounts that may call the flow unless it is public
     * @param jsonLimits      the bounds of JSON entities
     */
    public static GenericRestSource create(FlowSpec flow, RestApiSpec spec, MessageObserver observer,
                                           Optional<MessageLogger> logger, DeadLetters deadLetters,
                                           Duration requestTimeout, AccessControl accounts, JsonLimits jsonLimits) {
        return new GenericRestSource(flow, spec, observer, logger, deadLetters, requestTimeout, accounts, jsonLimits);
    }

    @Override
    Answer prepare(Exchange exchange, RoutingContext context, Buffer body) {
        GenericMethods.check(context.request().method(), flow.id());
        Optional<String> principal = callers.authenticate(context.request(), requirements);
        RequestProperties.set(exchange, context, basePathLength, Callers.CredentialFields.ALWAYS);
        principal.ifPresent(account -> exchange.setProperty(PRINCIPAL, account));
        exchangeProperties.forEach(exchange::setProperty);
        exchange.getIn().setBody(entityReader.read(body, context.request().getHeader(HttpHeaders.CONTENT_TYPE)));
        return new Answer(RestResponder.methodDefaultStatus(context.request().method()),
                RestResponder.ResponseContract.NONE, principal);
    }
}
