package org.flowserver.dsl;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Configures the {@link ResponseCacheSpec} of a {@code restRequest}. {@code ttl} is required; the size bounds
 * default to {@value ResponseCacheSpec#DEFAULT_MAX_ENTRIES} entries and 16 MiB. The ranges are checked by
 * {@link FlowBuilder#build()}.
 * Methods taking an object throw {@link NullPointerException} for {@code null}.
 */
public final class ResponseCacheBuilder {

    /** Stands in for a missing ttl in the spec; the missing ttl is reported, so this value never deploys. */
    static final Duration MISSING_TTL = Duration.ofSeconds(1);
    static final String MISSING_TTL_MESSAGE = "is required; how long an answer is kept, PT1S to P1D";

    private Optional<Duration> ttl = Optional.empty();
    private int maxEntries = ResponseCacheSpec.DEFAULT_MAX_ENTRIES;
    private long maxBytes = ResponseCacheSpec.DEFAULT_MAX_BYTES;

    ResponseCacheBuilder() {
    }

    /** How long an answer is kept, 1 s to 1 day. Required. */
    public ResponseCacheBuilder ttl(Duration ttl) {
        this.ttl = Optional.of(Objects.requireNonNull(ttl, "ttl"));
        return this;
    }

    /** The most answers kept, 1 or more. Default {@value ResponseCacheSpec#DEFAULT_MAX_ENTRIES}. */
    public ResponseCacheBuilder maxEntries(int maxEntries) {
        this.maxEntries = maxEntries;
        return this;
    }

    /** The most body bytes kept, 1 or more. Default 16 MiB. */
    public ResponseCacheBuilder maxBytes(long maxBytes) {
        this.maxBytes = maxBytes;
        return this;
    }

    List<Problem> problems() {
        return ttl.isPresent() ? List.of() : List.of(new Problem("ttl", MISSING_TTL_MESSAGE));
    }

    ResponseCacheSpec build() {
        return new ResponseCacheSpec(ttl.orElse(MISSING_TTL), maxEntries, maxBytes);
    }
}
