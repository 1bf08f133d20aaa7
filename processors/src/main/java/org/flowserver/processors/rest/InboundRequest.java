package org.flowserver.processors.rest;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * What a REST source receives: the request, read whole, as the initial body of the exchange. The source
 * replaces it with the payload.
 *
 * @param context  the Vert.x routing context of the request; the source answers through its response
 * @param body     the entity bytes, empty when the request has none
 */
public record InboundRequest(RoutingContext context, Buffer body) {
}
