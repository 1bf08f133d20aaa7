package org.flowserver.processors.payload;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.flowserver.dsl.FlowException;

/** JSON that cannot be parsed, with what is wrong and where (line and column, 1-based; 0 when unknown). */
public final class MalformedJsonException extends FlowException {

    /** Jackson names the (hidden) source inside nested locations; callers need only the position. */
    private static final String REDACTED_SOURCE =
            "[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); ";

    private final String reason;
    private final int line;
    private final int column;

    MalformedJsonException(String reason, int line, int column) {
        super(line > 0 ? reason + " (line " + line + ", column " + column + ")" : reason);
        this.reason = reason;
        this.line = line;
        this.column = column;
    }

    static MalformedJsonException of(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String reason = withoutSource(e.getOriginalMessage());
        MalformedJsonException malformed = at == null
                ? new MalformedJsonException(reason, 0, 0)
                : new MalformedJsonException(reason, at.getLineNr(), at.getColumnNr());
        malformed.initCause(e);
        return malformed;
    }

    /**
     * A failure of a parser that enforces {@link JsonLimits}, with the reason in the caller's words. Jackson does
     * not say where a limit was broken: {@code current} (where the parser stopped) stands in then.
     */
    static MalformedJsonException of(JsonProcessingException e, String reason, JsonLocation current) {
        JsonLocation at = e.getLocation() != null ? e.getLocation() : current;
        MalformedJsonException malformed = at == null
                ? new MalformedJsonException(reason, 0, 0)
                : new MalformedJsonException(reason, at.getLineNr(), at.getColumnNr());
        malformed.initCause(e);
        return malformed;
    }

    /** A parser message without Jackson's note on the hidden source, which names its own configuration. */
    static String withoutSource(String message) {
        return message.replace(REDACTED_SOURCE, "[");
    }

    /** What is wrong, without the position. */
    public String reason() {
        return reason;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
