package org.flowserver.server.specs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.flowserver.dsl.ApiSpecId;
import org.flowserver.processors.http.FieldError;
import org.flowserver.processors.http.HttpResponses;
import org.flowserver.processors.http.MediaType;
import org.flowserver.processors.http.ProblemDetail;
import org.flowserver.processors.http.ProblemType;
import org.flowserver.processors.openapi.ApiSpecNotFoundException;
import org.flowserver.processors.openapi.InvalidApiSpecException;
import org.flowserver.server.flows.FlowRegistry;
import org.flowserver.server.http.ApiException;
import org.flowserver.server.http.PathParams;
import org.flowserver.server.http.Problems;

/**
 * The spec part of the management API (DESIGN.md §4.2): upload a new revision of an owner's OpenAPI spec
 * ({@code PUT}), read one revision as it was uploaded, list a spec's revisions and an owner's specs, under
 * {@code /api/specs}. Revisions are never changed or deleted: a deployed flow may be pinned to any of them.
 */
public final class SpecsApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OWNER = "/api/specs/:ownerId";
    private static final String SPEC = "/api/specs/:ownerId/:resourceId";
    private static final String REVISION = "/api/specs/:ownerId/:resourceId/:revision";
    private static final int MAX_REVISION_DIGITS = 9;

    private final SpecRegistry registry;
    private final long maxSpecBytes;

    /**
     * @param registry      where specs are kept
     * @param maxSpecBytes  the largest upload; the body handler refuses larger ones, this answers them
     */
    public SpecsApi(SpecRegistry registry, long maxSpecBytes) {
        this.registry = registry;
        this.maxSpecBytes = maxSpecBytes;
    }

    /** Adds the routes; the caller has installed a body handler for {@code /api/specs/*} limited to maxSpecBytes. */
    public void mount(Router router) {
        router.put(SPEC).blockingHandler(this::upload, false);
        router.get(SPEC).blockingHandler(this::revisions, false);
        router.route(SPEC).handler(context -> Problems.methodNotAllowed(context, "GET, PUT"));
        router.get(REVISION).blockingHandler(this::read, false);
        router.route(REVISION).handler(context -> Problems.methodNotAllowed(context, "GET"));
        router.get(OWNER).blockingHandler(this::specs, false);
        router.route(OWNER).handler(context -> Problems.methodNotAllowed(context, "GET"));
        router.route("/api/specs/*").failureHandler(this::tooLarge);
    }

    private void upload(RoutingContext context) {
        SpecKey key = key(context);
        if (FlowRegistry.RESERVED_OWNER_IDS.contains(key.ownerId())) {
            throw new ApiException(ProblemType.MALFORMED_REQUEST, "The ownerId '" + key.ownerId() + "' of the path is "
                    + "reserved for the server's own paths (" + String.join(", ", FlowRegistry.RESERVED_OWNER_IDS.stream()
                    .sorted().toList()) + "); choose another owner");
        }
        Document document = document(context);
        SpecRevision revision;
        try {
            revision = registry.upload(key, document.text(), document.format());
        } catch (InvalidApiSpecException e) {
            throw new ApiException(new ProblemDetail(ProblemType.MALFORMED_REQUEST, e.getMessage(),
                    e.reasons().stream().map(reason -> new FieldError("body", "", reason)).toList()));
        }
        context.response().putHeader(HttpHeaders.LOCATION, location(revision));
        send(context, 201, view(revision));
    }

    private void read(RoutingContext context) {
        SpecKey key = key(context);
        OptionalInt revision = revision(context.pathParam("revision"));
        StoredSpec stored;
        try {
            stored = registry.find(key, revision);
        } catch (ApiSpecNotFoundException e) {
            throw notFound(e.getMessage());
        }
        SpecRevision found = stored.revision();
        if (revision.isEmpty()) {
            context.response().putHeader(HttpHeaders.CONTENT_LOCATION, location(found));
        }
        context.response().setStatusCode(200)
                .putHeader(HttpHeaders.CONTENT_TYPE, found.format().mediaType())
                .putHeader("X-Api-Spec-Id", found.apiSpecId())
                .end(Buffer.buffer(stored.document().getBytes(StandardCharsets.UTF_8)));
    }

    private void revisions(RoutingContext context) {
        SpecKey key = key(context);
        List<SpecRevision> revisions = registry.revisions(key);
        if (revisions.isEmpty()) {
            throw notFound(SpecRegistry.noSpecMessage(key));
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("ownerId", key.ownerId());
        body.put("resourceId", key.resourceId());
        ArrayNode list = body.putArray("revisions");
        revisions.forEach(revision -> list.add(view(revision)));
        send(context, 200, body);
    }

    private void specs(RoutingContext context) {
        String ownerId = PathParams.id(context, "ownerId");
        ObjectNode body = JSON.createObjectNode();
        body.put("ownerId", ownerId);
        ArrayNode list = body.putArray("specs");
        for (SpecRevision latest : registry.latestRevisions(ownerId)) {
            ObjectNode spec = list.addObject();
            spec.put("resourceId", latest.key().resourceId());
            spec.set("latest", view(latest));
        }
        send(context, 200, body);
    }

    /** Answers a body over the limit, which the body handler reports as a bare 413. */
    private void tooLarge(RoutingContext context) {
        if (context.failure() == null && context.statusCode() == 413) {
            HttpResponses.problem(context.response(), ProblemDetail.of(ProblemType.PAYLOAD_TOO_LARGE, "The spec is "
                    + "larger than the limit of " + maxSpecBytes + " bytes (max-spec-bytes)"));
        } else {
            context.next();
        }
    }

    private static SpecKey key(RoutingContext context) {
        return new SpecKey(PathParams.id(context, "ownerId"), PathParams.id(context, "resourceId"));
    }

    /**
     * The body as text, in the format its Content-Type names or, without one, its first character shows.
     *
     * @throws ApiException a 415 for another Content-Type or an unknown charset, a 400 for an empty body, text
     *                      that is not in the charset, or a body declared as JSON that is not a JSON object
     */
    private static Document document(RoutingContext context) {
        String contentType = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
        Optional<MediaType> mediaType = Optional.ofNullable(contentType).filter(type -> !type.isBlank())
                .map(MediaType::parse);
        Optional<SpecFormat> declared = mediaType.map(type -> format(type, contentType));
        Charset charset = charset(mediaType);
        Buffer body = context.body().buffer();
        if (body == null || body.length() == 0) {
            throw new ApiException(ProblemType.MALFORMED_REQUEST, "The body is empty; send an OpenAPI v3 document as "
                    + "JSON or YAML");
        }
        String text = text(body, charset);
        SpecFormat format = declared.orElseGet(() -> SpecFormat.detect(text));
        if (format == SpecFormat.JSON && SpecFormat.detect(text) != SpecFormat.JSON) {
            throw new ApiException(ProblemType.MALFORMED_JSON, "The body is sent as '" + contentType + "' but is not "
                    + "a JSON object; send a YAML document as application/yaml");
        }
        return new Document(text, format);
    }

    /** The format a Content-Type names. */
    private static SpecFormat format(MediaType type, String contentType) {
        return SpecFormat.ofMediaType(type.type() + "/" + type.subtype()).orElseThrow(() -> new ApiException(
                ProblemType.UNSUPPORTED_MEDIA_TYPE, "A spec is sent as JSON (application/json) or YAML "
                        + "(application/yaml), or without a Content-Type, not as '" + contentType + "'"));
    }

    /** The charset the Content-Type names, UTF-8 when it names none. */
    private static Charset charset(Optional<MediaType> type) {
        try {
            return type.map(known -> known.charsetOr(StandardCharsets.UTF_8)).orElse(StandardCharsets.UTF_8);
        } catch (UnsupportedCharsetException e) {
            throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "The charset '" + e.getCharsetName()
                    + "' of the Content-Type is not supported; send the spec in UTF-8");
        }
    }

    private static String text(Buffer body, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body.getBytes())).toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(ProblemType.MALFORMED_REQUEST, "The body is not valid " + charset.name()
                    + "; send the spec in UTF-8");
        }
    }

    /**
     * A revision number or {@code latest} (empty).
     *
     * @throws ApiException a 400 saying what a revision looks like
     */
    private static OptionalInt revision(String text) {
        if (text.equals(ApiSpecId.LATEST)) {
            return OptionalInt.empty();
        }
        if (!text.isEmpty() && text.length() <= MAX_REVISION_DIGITS && text.chars().allMatch(c -> c >= '0' && c <= '9')
                && Integer.parseInt(text) > 0) {
            return OptionalInt.of(Integer.parseInt(text));
        }
        throw new ApiException(ProblemType.MALFORMED_REQUEST, "The revision '" + text + "' of the path is neither a "
                + "revision number (1 or more) nor '" + ApiSpecId.LATEST + "'");
    }

    private static ApiException notFound(String message) {
        return new ApiException(ProblemType.NOT_FOUND, Character.toUpperCase(message.charAt(0)) + message.substring(1));
    }

    private static String location(SpecRevision revision) {
        return "/api/specs/" + revision.key().ownerId() + "/" + revision.key().resourceId() + "/" + revision.number();
    }

    private static ObjectNode view(SpecRevision revision) {
        ObjectNode node = JSON.createObjectNode();
        node.put("revision", revision.number());
        node.put("apiSpecId", revision.apiSpecId());
        node.put("openapi", revision.openapiVersion());
        node.put("createdAt", revision.createdAt().toString());
        return node;
    }

    private static void send(RoutingContext context, int status, JsonNode body) {
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Buffer.buffer(body.toString()));
    }

    /** An uploaded document and the format it is written in. */
    private record Document(String text, SpecFormat format) {
    }
}
