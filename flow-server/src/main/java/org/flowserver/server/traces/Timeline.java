package org.flowserver.server.traces;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Message counts by state over time: the range {@code [from, to)} cut into buckets of one width, the last one
 * possibly shorter. Bucket {@code i} counts the messages that arrived in {@code [from + i * width, from + (i + 1) *
 * width)}, by the state they are in now.
 *
 * @param from     the start of the first bucket
 * @param to       the end of the last bucket
 * @param width    the width of every bucket but the last; at least a millisecond
 * @param buckets  the counts of each bucket, oldest first, empty buckets included
 */
public record Timeline(Instant from, Instant to, Duration width, List<FlowStats> buckets) {

    public Timeline {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(width, "width");
        buckets = List.copyOf(buckets);
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from " + from + " is not before to " + to);
        }
        if (width.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("width " + width + " is less than a millisecond");
        }
        if (buckets.size() != bucketCount(from, to, width)) {
            throw new IllegalArgumentException(buckets.size() + " buckets do not cover " + from + " to " + to
                    + " in steps of " + width);
        }
    }

    /** When bucket {@code index} starts. */
    public Instant bucketStart(int index) {
        return from.plus(width.multipliedBy(index));
    }

    /** How many buckets of {@code width} cover {@code [from, to)}. */
    public static int bucketCount(Instant from, Instant to, Duration width) {
        long rangeMicros = micros(Duration.between(from, to));
        long widthMicros = micros(width);
        return (int) ((rangeMicros + widthMicros - 1) / widthMicros);
    }

    /**
     * The whole-millisecond bucket width that covers {@code [from, to)} in at most {@code maxBuckets} buckets: the
     * range divided by the count, rounded up.
     */
    public static Duration widthFor(Instant from, Instant to, int maxBuckets) {
        long rangeMicros = micros(Duration.between(from, to));
        long widthMillis = Math.max(1, (rangeMicros + maxBuckets * 1000L - 1) / (maxBuckets * 1000L));
        return Duration.ofMillis(widthMillis);
    }

    static long micros(Duration duration) {
        return duration.getSeconds() * 1_000_000 + duration.getNano() / 1000;
    }
}
