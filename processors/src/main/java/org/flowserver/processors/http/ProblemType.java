package org.flowserver.processors.http;

/**
 * The kinds of problems the server answers with ({@code application/problem+json}, RFC 9457). The
 * {@code type} member is {@code urn:flowserver:problem:<name>}; the list is in docs/errors.md.
 */
public enum ProblemType {
    MALFORMED_JSON(400, "Malformed JSON"),
    MALFORMED_REQUEST(400, "Malformed request"),
    INVALID_REQUEST(400, "Invalid request"),
    INVALID_FLOW(400, "Invalid flow"),
    UNAUTHORIZED(401, "Unauthorized"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    CONFLICT(409, "Conflict"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    URI_TOO_LONG(414, "URI too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    EXPECTATION_FAILED(417, "Expectation failed"),
    HEADERS_TOO_LARGE(431, "Request header fields too large"),
    PROCESSING_FAILED(500, "Processing failed"),
    INVALID_RESPONSE(500, "Invalid response"),
    RESPONSE_CONTRACT_VIOLATED(500, "Response contract violated"),
    INTERNAL_ERROR(500, "Internal server error"),
    FLOW_OVERLOADED(503, "Flow overloaded"),
    SERVER_BUSY(503, "Server busy"),
    FLOW_TIMEOUT(504, "Flow timeout");

    private final int status;
    private final String title;
    private final String uri;

    ProblemType(int status, String title) {
        this.status = status;
        this.title = title;
        this.uri = "urn:flowserver:problem:" + name().toLowerCase().replace('_', '-');
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String uri() {
        return uri;
    }

}
