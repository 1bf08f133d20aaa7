package org.flowserver.dsl;

/**
 * Whether a processor's payload is archived in the message trace. Archiving is off unless a processor
 * has a strategy.
 *
 * @param archiveBefore  archive the payload as the processor received it; default {@code true}
 * @param archiveAfter   archive the payload as the processor left it; default {@code true}
 * @param maxBytes       at most this many bytes of each payload are kept; default {@value #DEFAULT_MAX_BYTES},
 *                       at least 1
 */
public record PayloadArchivingStrategy(boolean archiveBefore, boolean archiveAfter, int maxBytes) {

    public static final int DEFAULT_MAX_BYTES = 64 * 1024;

    /** The strategy with every default: before and after, up to 64 KiB each. */
    public static PayloadArchivingStrategy defaults() {
        return new PayloadArchivingStrategy(true, true, DEFAULT_MAX_BYTES);
    }
}
