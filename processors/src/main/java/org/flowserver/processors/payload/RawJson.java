package org.flowserver.processors.payload;

/**
 * A JSON payload that has been validated but not yet built into a tree. A flow that never looks at its
 * payload (an echo, a pass-through) answers with these bytes unchanged; the first processor that reads the
 * payload builds the tree.
 */
public final class RawJson {

    private final byte[] utf8;

    /** Wraps bytes that {@link Json#validate} accepted. */
    public RawJson(byte[] utf8) {
        this.utf8 = utf8;
    }

    /** The JSON value, UTF-8 encoded. Not copied: do not modify. */
    public byte[] utf8() {
        return utf8;
    }

    /** Builds the tree. */
    public Object tree() {
        return Json.parse(utf8);
    }

    @Override
    public String toString() {
        return "RawJson[" + utf8.length + " bytes]";
    }
}
