package org.flowserver.server.traces;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How a range is cut into buckets. */
class TimelineTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void dividesTheRangeByTheBucketCountRoundedUpToAWholeMillisecond() {
        assertThat(Timeline.widthFor(T0, T0.plus(Duration.ofHours(1)), 60)).isEqualTo(Duration.ofMinutes(1));
        assertThat(Timeline.widthFor(T0, T0.plusSeconds(10), 3)).isEqualTo(Duration.ofMillis(3334));
        assertThat(Timeline.widthFor(T0, T0.plusNanos(1_000), 60)).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void coversTheRangeWithAShorterLastBucketWhenTheWidthDoesNotDivideIt() {
        assertThat(Timeline.bucketCount(T0, T0.plusSeconds(10), Duration.ofMillis(3334))).isEqualTo(3);
        assertThat(Timeline.bucketCount(T0, T0.plusSeconds(60), Duration.ofSeconds(1))).isEqualTo(60);
        assertThat(Timeline.bucketCount(T0, T0.plusNanos(1_000), Duration.ofMillis(1))).isEqualTo(1);
    }
}
