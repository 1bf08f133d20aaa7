package org.flowserver.server.traces;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The CPU time spent writing traces: the writer thread's own, plus that of the embedded store's helper threads.
 * H2 serializes and saves its pages, and commits in the background, on threads of its own ({@code H2-*},
 * {@code MVStore *}); they work for the writer, so their time counts toward its share. Without this the writer kept
 * to its share while H2's threads took as much again. Where the JVM cannot measure thread CPU time, the wall clock
 * stands in (then waits count as work).
 */
final class TraceWriteCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long RESCAN_NANOS = TimeUnit.SECONDS.toNanos(10);

    private long[] helpers = new long[0];
    private long scannedAt;
    private boolean scanned;

    /** The CPU time used so far by the calling (writer) thread and the store's helper threads, in nanoseconds. */
    long now() {
        if (!THREADS.isCurrentThreadCpuTimeSupported()) {
            return System.nanoTime();
        }
        long total = THREADS.getCurrentThreadCpuTime();
        for (long id : helpers) {
            long cpu = THREADS.getThreadCpuTime(id);
            if (cpu > 0) { // -1: the thread has ended
                total += cpu;
            }
        }
        return total;
    }

    /**
     * Looks for the store's helper threads again, at most every 10 s: H2 starts them when it first writes and may
     * replace them. Call it before a measurement, never between its two readings.
     */
    void rescan() {
        long time = System.nanoTime();
        if (scanned && time - scannedAt < RESCAN_NANOS) {
            return;
        }
        scanned = true;
        scannedAt = time;
        if (!THREADS.isThreadCpuTimeSupported()) {
            return;
        }
        ThreadInfo[] infos = THREADS.getThreadInfo(THREADS.getAllThreadIds(), 0);
        helpers = Arrays.stream(infos)
                .filter(info -> info != null && isStoreHelper(info.getThreadName()))
                .mapToLong(ThreadInfo::getThreadId)
                .toArray();
    }

    static boolean isStoreHelper(String threadName) {
        return threadName.startsWith("H2-") || threadName.startsWith("MVStore ");
    }
}
