package org.flowserver.processors.openapi;

import java.util.List;
import org.flowserver.dsl.FlowException;

/** An API spec that cannot be used, with every reason (the parser's messages, or ours). */
public final class InvalidApiSpecException extends FlowException {

    private final List<String> reasons;

    public InvalidApiSpecException(List<String> reasons) {
        super("The document is not a usable OpenAPI v3 spec (" + reasons.size()
                + (reasons.size() == 1 ? " problem): " : " problems): ") + String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    /** Each reason, as the parser or the server gave it. */
    public List<String> reasons() {
        return reasons;
    }
}
