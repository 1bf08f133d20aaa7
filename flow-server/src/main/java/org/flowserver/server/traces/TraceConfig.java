package org.flowserver.server.traces;

import java.time.Duration;
import java.util.Objects;
import org.flowserver.server.ConfigException;

/**
 * How message traces are recorded and kept (docs/traces.md, docs/configuration.md).
 *
 * @param enabled        whether messages are traced at all ({@code traces-enabled}); default {@code true}. Off, the
 *                       traces already stored can still be read and are still pruned
 * @param queueCapacity  how many trace snapshots wait for the writer at most ({@code trace-queue-capacity}); more
 *                       are dropped and counted; default 10000
 * @param batchSize      how many snapshots the writer takes from the queue per store write
 *                       ({@code trace-batch-size}); default 500
 * @param retention      how long traces are kept, counted from the message's start ({@code trace-retention});
 *                       default 7 days
 * @param pruneInterval  how often traces older than the retention are removed ({@code trace-prune-interval});
 *                       default 1 hour
 * @param writerCpuPercent  the share of one core's time the trace writer may spend writing, 1 to 100
 *                       while the CPU is busy ({@code trace-writer-cpu-percent}); default 3
 */
public record TraceConfig(boolean enabled, int queueCapacity, int batchSize, Duration retention,
                          Duration pruneInterval, int writerCpuPercent) {

    public static final int MAX_QUEUE_CAPACITY = 1_000_000;
    public static final int MAX_BATCH_SIZE = 10_000;
    public static final Duration MIN_DURATION = Duration.ofSeconds(1);

    public TraceConfig {
        checkRange("trace-queue-capacity", queueCapacity, 1, MAX_QUEUE_CAPACITY);
        checkRange("trace-batch-size", batchSize, 1, MAX_BATCH_SIZE);
        checkDuration("trace-retention", retention);
        checkDuration("trace-prune-interval", pruneInterval);
        checkRange("trace-writer-cpu-percent", writerCpuPercent, 1, 100);
    }

    /** Every setting at its default. */
    public static TraceConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().enabled(enabled).queueCapacity(queueCapacity).batchSize(batchSize).retention(retention)
                .pruneInterval(pruneInterval).writerCpuPercent(writerCpuPercent);
    }

    private static void checkRange(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException("Setting '" + key + "' is '" + value + "'; it must be a whole number from " + min
                    + " to " + max);
        }
    }

    private static void checkDuration(String key, Duration value) {
        Objects.requireNonNull(value, key);
        if (value.compareTo(MIN_DURATION) < 0) {
            throw new ConfigException("Setting '" + key + "' is '" + value + "'; it must be an ISO-8601 duration of "
                    + "at least PT1S, for example P7D or PT12H");
        }
    }

    /** Builds a {@link TraceConfig}; every setting starts at its default. */
    public static final class Builder {
        private boolean enabled = true;
        private int queueCapacity = 10_000;
        private int batchSize = 500;
        private Duration retention = Duration.ofDays(7);
        private Duration pruneInterval = Duration.ofHours(1);
        private int writerCpuPercent = 3;

        private Builder() {
        }

        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        public Builder queueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder retention(Duration retention) {
            this.retention = retention;
            return this;
        }

        public Builder pruneInterval(Duration pruneInterval) {
            this.pruneInterval = pruneInterval;
            return this;
        }

        public Builder writerCpuPercent(int writerCpuPercent) {
            this.writerCpuPercent = writerCpuPercent;
            return this;
        }

        public TraceConfig build() {
            return new TraceConfig(enabled, queueCapacity, batchSize, retention, pruneInterval, writerCpuPercent);
        }
    }
}
