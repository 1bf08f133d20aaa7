package org.flowserver.dsl;

/** Configures a {@link PayloadArchivingStrategy}; every setting starts at its default. */
public final class PayloadArchivingStrategyBuilder {

    private boolean archiveBefore = true;
    private boolean archiveAfter = true;
    private int maxBytes = PayloadArchivingStrategy.DEFAULT_MAX_BYTES;

    PayloadArchivingStrategyBuilder() {
    }

    /** Archive the payload as the processor received it; default {@code true}. */
    public PayloadArchivingStrategyBuilder archiveBefore(boolean archiveBefore) {
        this.archiveBefore = archiveBefore;
        return this;
    }

    /** Archive the payload as the processor left it; default {@code true}. */
    public PayloadArchivingStrategyBuilder archiveAfter(boolean archiveAfter) {
        this.archiveAfter = archiveAfter;
        return this;
    }

    /** Keep at most this many bytes of each archived payload; default 65536. */
    public PayloadArchivingStrategyBuilder maxBytes(int maxBytes) {
        this.maxBytes = maxBytes;
        return this;
    }

    PayloadArchivingStrategy build() {
        return new PayloadArchivingStrategy(archiveBefore, archiveAfter, maxBytes);
    }
}
