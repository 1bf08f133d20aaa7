package org.flowserver.server;

import org.flowserver.dsl.FlowException;

/** A configuration that cannot be used; the message names the setting and what it must be. */
public final class ConfigException extends FlowException {

    public ConfigException(String message) {
        super(message);
    }
}
