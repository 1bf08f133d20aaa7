package org.flowserver.server.traces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The busy signal the trace writer keeps to its share by. */
class CpuBusyTest {

    @Test
    void isBusyWhileTheServerUsesEveryProcessorItMayRunOn() throws InterruptedException {
        // given: as many spinning threads as the JVM may use processors
        CpuBusy busy = new CpuBusy(new TraceWriteCpu());
        busy.getAsBoolean(); // the first reading only starts the measurement
        AtomicBoolean spinning = new AtomicBoolean(true);
        List<Thread> spinners = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            Thread spinner = new Thread(() -> {
                long sink = 0;
                while (spinning.get()) {
                    sink += System.nanoTime();
                }
                if (sink == 42) {
                    System.out.print("");
                }
            });
            spinner.start();
            spinners.add(spinner);
        }

        // when: a second reading after they have spun a while
        boolean reading;
        try {
            Thread.sleep(500);
            reading = busy.getAsBoolean();
        } finally {
            spinning.set(false);
            for (Thread spinner : spinners) {
                spinner.join();
            }
        }

        // then: busy, whether from this process's own use (under a pinned or limited JVM) or the machine's
        assertThat(reading).isTrue();
    }
}
