package org.flowserver.dsl;

import java.util.regex.Pattern;

/** The rule for flow, owner, processor and spec resource ids: 3 to 30 characters, starting with a letter. */
public final class Ids {

    /** The id pattern as text, as it appears in error messages. */
    public static final String PATTERN_TEXT = "[a-zA-Z][a-zA-Z0-9_-]{2,29}";

    private static final Pattern PATTERN = Pattern.compile(PATTERN_TEXT);

    private Ids() {
    }

    /** Whether {@code id} is a valid id. */
    public static boolean isValid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }
}
