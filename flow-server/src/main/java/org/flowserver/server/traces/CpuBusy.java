package org.flowserver.server.traces;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.function.BooleanSupplier;

/**
 * Whether the CPU is busy, so that the trace writer keeps to its share: the machine is (80 % or more of all its
 * CPU in use, by any process), or the rest of this server is (everything but the trace writer uses 80 % or more of
 * the processors the server may run on). The second catches a server pinned to fewer cores than the machine has,
 * or limited by its container, which is saturated long before the machine is; the writer's own CPU time is left
 * out so that it never reads its own work as the flows'. Asked by the writer thread only, once per batch.
 */
final class CpuBusy implements BooleanSupplier {

    /** At this share of the CPU in use or more, the writer keeps to its share; below it, it does not. */
    static final int BUSY_PERCENT = 80;

    private static final OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();

    private final TraceWriteCpu writeCpu;
    private long lastProcessCpu = -1;
    private long lastWriterCpu;
    private long lastWall;

    CpuBusy(TraceWriteCpu writeCpu) {
        this.writeCpu = writeCpu;
    }

    @Override
    public boolean getAsBoolean() {
        if (!(OS instanceof com.sun.management.OperatingSystemMXBean os)) {
            return true; // cannot tell: busy is the safe side
        }
        long wall = System.nanoTime();
        long processCpu = os.getProcessCpuTime();
        long writerCpu = writeCpu.now();
        boolean serverBusy = false;
        if (lastProcessCpu >= 0 && processCpu >= 0 && wall > lastWall) {
            long others = (processCpu - lastProcessCpu) - (writerCpu - lastWriterCpu);
            serverBusy = others * 100 >= BUSY_PERCENT * (wall - lastWall) * Runtime.getRuntime().availableProcessors();
        }
        lastProcessCpu = processCpu;
        lastWriterCpu = writerCpu;
        lastWall = wall;
        double machine = os.getCpuLoad();
        return serverBusy || machine < 0 || machine * 100 >= BUSY_PERCENT; // unknown load counts as busy
    }
}
