package org.flowserver.processors.outbound;

import org.flowserver.dsl.FlowException;

/**
 * A template of an outbound call cannot be compiled or filled: a placeholder without a value, a value that is not
 * text, a number or a boolean, a line break in a header, a placeholder where none may be, a path that would climb
 * out of its base. The message names the template and the placeholder, never the value (it may be a secret).
 */
public final class TemplateException extends FlowException {

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
