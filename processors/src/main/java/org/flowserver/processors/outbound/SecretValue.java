package org.flowserver.processors.outbound;

import java.util.function.Supplier;

/**
 * A secret from the server's secret store, read when it is used (a secret file may be rotated while the server
 * runs). It never shows its value in {@link #toString()}.
 */
public final class SecretValue {

    private final String name;
    private final Supplier<String> value;

    public SecretValue(String name, Supplier<String> value) {
        this.name = name;
        this.value = value;
    }

    /** The secret's name, safe to log. */
    public String name() {
        return name;
    }

    /** The value, now; never log it. */
    public String reveal() {
        return value.get();
    }

    @Override
    public String toString() {
        return "***";
    }
}
