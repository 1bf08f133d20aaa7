package org.flowserver.server.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.flowserver.server.traces.TestTraces.T0;
import static org.flowserver.server.traces.TestTraces.trace;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.flowserver.processors.trace.MessageTrace;
import org.flowserver.processors.trace.TraceState;
import org.flowserver.server.LogCapture;
import org.flowserver.server.store.StoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The recorder's queue and writer, against a store that can be held up or made to fail. */
class TraceRecorderTest {

    private final HeldStore store = new HeldStore();
    private TraceRecorder recorder;

    @AfterEach
    void close() {
        store.release();
        if (recorder != null) {
            recorder.close();
        }
    }

    @Test
    void writesOneRowPerMessageWithItsFinalStateWhenSnapshotsShareABatch() {
        // given: the writer is busy with a first batch while two messages start and finish
        recorder = start(settings(100, 500));
        store.hold();
        recorder.finished(trace("first", TraceState.COMPLETED, T0));
        store.awaitHeld();
        recorder.started(trace("m-1", TraceState.IN_FLIGHT, T0));
        recorder.started(trace("m-2", TraceState.IN_FLIGHT, T0));
        recorder.finished(trace("m-2", TraceState.FAILED, T0));
        recorder.finished(trace("m-1", TraceState.COMPLETED, T0));

        // when
        store.release();

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> store.batches().size() == 2);
        assertThat(states(store.batches().get(1))).containsExactly(Map.entry("m-2", TraceState.FAILED),
                Map.entry("m-1", TraceState.COMPLETED));
        assertThat(recorder.writtenCount()).isEqualTo(3);
    }

    @Test
    void writesAQuickMessageOnceWithItsFinalState() {
        // given
        recorder = start(inFlightDelay(Duration.ofHours(1)));
        recorder.started(trace("m-1", TraceState.IN_FLIGHT, T0));
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.queueDepth() == 0);

        // when
        recorder.finished(trace("m-1", TraceState.COMPLETED, T0));

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.writtenCount() == 1);
        assertThat(store.batches()).hasSize(1);
        assertThat(states(store.batches().get(0))).containsExactly(Map.entry("m-1", TraceState.COMPLETED));
    }

    @Test
    void writesTheInFlightSnapshotOfAMessageStillRunningAfterTheDelay() {
        // given
        recorder = start(inFlightDelay(Duration.ofMillis(50)));

        // when
        recorder.started(trace("m-1", TraceState.IN_FLIGHT, T0));

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.writtenCount() == 1);
        assertThat(states(store.batches().get(0))).containsExactly(Map.entry("m-1", TraceState.IN_FLIGHT));
        recorder.finished(trace("m-1", TraceState.FAILED, T0));
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.writtenCount() == 2);
        assertThat(states(store.batches().get(1))).containsExactly(Map.entry("m-1", TraceState.FAILED));
    }

    @Test
    void writesTheHeldInFlightSnapshotsWhenClosed() {
        // given: a message that never ends before the shutdown
        recorder = start(inFlightDelay(Duration.ofHours(1)));
        recorder.started(trace("m-1", TraceState.IN_FLIGHT, T0));

        // when
        recorder.close();

        // then
        assertThat(store.saved()).containsExactly("m-1");
    }

    @Test
    void leavesTheLastQuarterOfTheQueueToFailuresAndRejections() {
        // given: the store holds the writer's first batch; the queue has room for 4, completed messages for 3
        recorder = start(settings(4, 500));
        store.hold();
        recorder.finished(trace("first", TraceState.COMPLETED, T0));
        store.awaitHeld();
        for (int i = 1; i <= 3; i++) {
            recorder.finished(trace("m-" + i, TraceState.COMPLETED, T0));
        }

        // when
        recorder.finished(trace("m-4", TraceState.COMPLETED, T0));
        recorder.finished(trace("m-5", TraceState.FAILED, T0));

        // then
        assertThat(recorder.overflowCount()).isEqualTo(1);
        store.release();
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.writtenCount() == 5);
        assertThat(store.saved()).containsExactly("first", "m-1", "m-2", "m-3", "m-5");
    }

    @Test
    void dropsCompletedMessagesAtOnceWhileBehindOnABusyCpuButQueuesFailures() {
        // given: batches of 1 at 10 % of a core on a busy machine; three messages at once put the writer behind, so
        // after its first save (30 ms of CPU) it rests and drops the completed messages still queued
        BurningStore burning = new BurningStore(Duration.ofMillis(30));
        recorder = atTenPercent(burning, 1, true);
        for (int i = 1; i <= 3; i++) {
            recorder.finished(trace("m-" + i, TraceState.COMPLETED, T0));
        }
        await().atMost(Duration.ofSeconds(5)).until(recorder::isShedding);
        assertThat(recorder.overflowCount()).isEqualTo(2);

        // when: while it rests, a message starts, two complete and one fails
        recorder.started(trace("c-1", TraceState.IN_FLIGHT, T0));
        recorder.finished(trace("c-1", TraceState.COMPLETED, T0));
        recorder.finished(trace("c-2", TraceState.COMPLETED, T0));
        recorder.finished(trace("f-1", TraceState.FAILED, T0));

        // then: only the failure was queued, and it is written after the rest
        assertThat(recorder.overflowCount()).isEqualTo(4);
        assertThat(recorder.queueDepth()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> burning.saves().size() == 2);
        assertThat(burning.saves().get(1).messageIds()).containsExactly("f-1");
    }

    @Test
    void recordsTheMessagesThatEndAfterItsRest() {
        // given: the writer rested once, behind on a busy CPU
        BurningStore burning = new BurningStore(Duration.ofMillis(30));
        recorder = atTenPercent(burning, 1, true);
        for (int i = 1; i <= 3; i++) {
            recorder.finished(trace("m-" + i, TraceState.COMPLETED, T0));
        }
        await().atMost(Duration.ofSeconds(5)).until(recorder::isShedding);
        await().atMost(Duration.ofSeconds(5)).until(() -> !recorder.isShedding());

        // when
        recorder.finished(trace("c-1", TraceState.COMPLETED, T0));

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> burning.saves().size() == 2);
        assertThat(burning.saves().get(1).messageIds()).containsExactly("c-1");
    }

    @Test
    void keepsEveryMessageOfATrickleWhileItRestsOnABusyCpu() {
        // given: a busy machine, and a writer that rests after its first save but is not behind
        BurningStore burning = new BurningStore(Duration.ofMillis(30));
        recorder = atTenPercent(burning, 500, true);
        recorder.finished(trace("m-1", TraceState.COMPLETED, T0));
        await().atMost(Duration.ofSeconds(5)).until(() -> burning.saves().size() == 1);

        // when: a message completes while it rests
        recorder.finished(trace("m-2", TraceState.COMPLETED, T0));

        // then: it waits through the rest and is written, nothing is dropped
        assertThat(recorder.isShedding()).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> burning.saves().size() == 2);
        assertThat(burning.saves().get(1).messageIds()).containsExactly("m-2");
        assertThat(recorder.overflowCount()).isZero();
    }

    @Test
    void dropsAndCountsSnapshotsWithoutBlockingWhenTheQueueIsFull() {
        // given: the store holds the writer's first batch; the queue has room for 4 (failures may use all of it)
        recorder = start(settings(4, 500));
        store.hold();
        recorder.finished(trace("first", TraceState.COMPLETED, T0));
        store.awaitHeld();

        // when
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            recorder.finished(trace("m-" + i, TraceState.FAILED, T0));
        }
        long elapsed = System.nanoTime() - start;

        // then
        assertThat(Duration.ofNanos(elapsed)).isLessThan(Duration.ofSeconds(1));
        assertThat(recorder.queueDepth()).isEqualTo(4);
        assertThat(recorder.overflowCount()).isEqualTo(96);
        store.release();
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.writtenCount() == 5);
        assertThat(store.saved()).containsExactly("first", "m-0", "m-1", "m-2", "m-3");
    }

    @Test
    void inFlightSnapshotsTakeNoRoomInTheQueue() {
        // given: the store holds the writer's first batch; the queue has room for 4
        recorder = start(settings(4, 500));
        store.hold();
        recorder.finished(trace("first", TraceState.COMPLETED, T0));
        store.awaitHeld();

        // when: ten messages start
        for (int i = 1; i <= 10; i++) {
            recorder.started(trace("m-" + i, TraceState.IN_FLIGHT, T0));
        }

        // then: the queue is left to their ends, and nothing was dropped
        assertThat(recorder.queueDepth()).isZero();
        assertThat(recorder.overflowCount()).isZero();
        recorder.finished(trace("m-1", TraceState.COMPLETED, T0));
        assertThat(recorder.queueDepth()).isEqualTo(1);
    }

    @Test
    void warnsOfOverflowAtMostOncePerIntervalWithTheCount() {
        try (LogCapture log = LogCapture.of(TraceRecorder.class, Level.WARN)) {
            // given
            recorder = start(new TraceRecorder.Settings(1, 500, 3, Duration.ofMillis(10), Duration.ofHours(1),
                    Duration.ofSeconds(5), Duration.ofHours(1), 100));
            store.hold();
            recorder.finished(trace("first", TraceState.COMPLETED, T0));
            store.awaitHeld();
            recorder.finished(trace("queued", TraceState.COMPLETED, T0));

            // when
            for (int i = 0; i < 50; i++) {
                recorder.finished(trace("m-" + i, TraceState.COMPLETED, T0));
            }

            // then
            List<ILoggingEvent> warnings = log.events();
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0).getFormattedMessage())
                    .isEqualTo("Traces were dropped: the store does not keep up, or the writer keeps to its CPU share on "
                            + "a busy CPU (see trace-writer-cpu-percent)");
            assertThat(values(warnings.get(0))).containsEntry("dropped", 1L).containsEntry("droppedTotal", 1L)
                    .containsEntry("queueCapacity", 1);
            assertThat(recorder.overflowCount()).isEqualTo(50);
        }
    }

    @Test
    void retriesAFailedBatchAndWritesItWhenTheStoreRecovers() {
        // given
        recorder = start(settings(100, 500));
        store.failNext(2);

        // when
        recorder.finished(trace("m-1", TraceState.COMPLETED, T0));

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.writtenCount() == 1);
        assertThat(store.attempts()).isEqualTo(3);
        assertThat(recorder.failedWriteCount()).isZero();
    }

    @Test
    void dropsAndCountsABatchAfterTheLastAttemptAndGoesOn() {
        try (LogCapture log = LogCapture.of(TraceRecorder.class, Level.WARN)) {
            // given: every failure is logged
            recorder = start(settings(100, 500, Duration.ZERO));
            store.failNext(3);

            // when
            recorder.finished(trace("m-1", TraceState.COMPLETED, T0));
            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.failedWriteCount() == 1);
            recorder.finished(trace("m-2", TraceState.COMPLETED, T0));

            // then
            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.writtenCount() == 1);
            assertThat(store.saved()).containsExactly("m-2");
            assertThat(log.events()).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                    "Trace store write failed; trying again",
                    "Trace store write failed; trying again",
                    "Traces dropped: the store failed to save them; check that it is reachable");
        }
    }

    @Test
    void writesWhatIsQueuedWhenClosed() {
        // given
        recorder = start(settings(1000, 10));
        store.hold();
        recorder.finished(trace("first", TraceState.COMPLETED, T0));
        store.awaitHeld();
        for (int i = 0; i < 95; i++) {
            recorder.finished(trace("m-" + i, TraceState.COMPLETED, T0));
        }

        // when
        store.release();
        recorder.close();

        // then
        assertThat(recorder.writtenCount()).isEqualTo(96);
        assertThat(store.batches()).hasSize(11);
    }

    @Test
    void givesUpWaitingAfterTheDrainTimeoutWhenTheStoreHangs() {
        try (LogCapture log = LogCapture.of(TraceRecorder.class, Level.WARN)) {
            // given
            recorder = start(new TraceRecorder.Settings(100, 500, 3, Duration.ofMillis(10), Duration.ofSeconds(10),
                    Duration.ofMillis(200), Duration.ofHours(1), 100));
            store.hold();
            recorder.finished(trace("first", TraceState.COMPLETED, T0));
            store.awaitHeld();
            recorder.finished(trace("m-1", TraceState.COMPLETED, T0));

            // when
            long start = System.nanoTime();
            new Thread(() -> {
                sleep(Duration.ofMillis(400));
                store.release();
            }).start();
            recorder.close();

            // then
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(log.events()).extracting(ILoggingEvent::getFormattedMessage)
                    .contains("Trace writer did not write every queued trace in time; the rest are dropped");
            assertThat(store.saved()).containsExactly("first");
        }
    }

    @Test
    void restsAfterEachBatchSoThatItsCpuTimeStaysWithinItsShareWhileTheMachineIsBusy() {
        // given: a store whose every save takes 30 ms of CPU, and a writer allowed 10 % of a core on a busy machine
        BurningStore burning = new BurningStore(Duration.ofMillis(30));
        recorder = atTenPercent(burning, 500, true);
        recorder.finished(trace("m-1", TraceState.COMPLETED, T0));
        await().atMost(Duration.ofSeconds(5)).until(() -> burning.saves().size() == 1);

        // when: a failure, which is queued even while the writer rests
        recorder.finished(trace("m-2", TraceState.FAILED, T0));

        // then: the second save waits until the first one's CPU time is 10 % of the time since it began
        await().atMost(Duration.ofSeconds(5)).until(() -> burning.saves().size() == 2);
        BurningStore.Save first = burning.saves().get(0);
        BurningStore.Save second = burning.saves().get(1);
        assertThat(second.startNanos() - first.startNanos()).isGreaterThanOrEqualTo(first.cpuNanos() * 10);
    }

    @Test
    void writesWithoutRestingWhileTheMachineHasCpuToSpare() {
        // given: the same store and share, on a machine with CPU to spare
        BurningStore burning = new BurningStore(Duration.ofMillis(30));
        recorder = atTenPercent(burning, 500, false);
        recorder.finished(trace("m-1", TraceState.COMPLETED, T0));
        await().atMost(Duration.ofSeconds(5)).until(() -> burning.saves().size() == 1);

        // when
        recorder.finished(trace("m-2", TraceState.COMPLETED, T0));

        // then: the second save does not wait out ten times the first one's CPU time
        await().atMost(Duration.ofSeconds(5)).until(() -> burning.saves().size() == 2);
        BurningStore.Save first = burning.saves().get(0);
        BurningStore.Save second = burning.saves().get(1);
        assertThat(second.startNanos() - first.startNanos()).isLessThan(first.cpuNanos() * 10);
    }

    @Test
    void writesABacklogWithoutRestingWhileTheCpuHasTimeToSpare() {
        // given: batches of 2 on a machine with CPU to spare; while the first save burns, six more messages queue up
        BurningStore burning = new BurningStore(Duration.ofMillis(30));
        recorder = atTenPercent(burning, 2, false);
        recorder.finished(trace("m-1", TraceState.COMPLETED, T0));
        await().atMost(Duration.ofSeconds(5)).until(() -> burning.saves().size() == 1);
        for (int i = 2; i <= 7; i++) {
            recorder.finished(trace("m-" + i, TraceState.COMPLETED, T0));
        }

        // then: the backlog is written batch after batch, without the rests its share would need
        await().atMost(Duration.ofSeconds(10)).until(() -> burning.saves().size() >= 4);
        BurningStore.Save second = burning.saves().get(1);
        BurningStore.Save fourth = burning.saves().get(3);
        assertThat(fourth.startNanos() - second.startNanos()).isLessThan(second.cpuNanos() * 10);
        assertThat(recorder.overflowCount()).isZero();
    }

    @Test
    void neverShedsTheEndOfAMessageWhoseInFlightSnapshotWasWritten() {
        // given: a busy machine, batches of 1, in-flight snapshots after 10 ms; a long message's in-flight snapshot
        // is written first, then three messages at once put the writer behind so that it sheds
        BurningStore burning = new BurningStore(Duration.ofMillis(30));
        recorder = atTenPercent(burning, 1, Duration.ofMillis(10), true);
        recorder.started(trace("long-1", TraceState.IN_FLIGHT, T0));
        await().atMost(Duration.ofSeconds(5)).until(() -> burning.saves().size() == 1);
        for (int i = 1; i <= 3; i++) {
            recorder.finished(trace("m-" + i, TraceState.COMPLETED, T0));
        }
        await().atMost(Duration.ofSeconds(5)).until(recorder::isShedding);

        // when
        recorder.finished(trace("long-1", TraceState.COMPLETED, T0));

        // then: its end is queued and written, so that its stored row does not stay in flight
        assertThat(recorder.queueDepth()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> burning.saves().stream()
                .anyMatch(save -> save.messageIds().equals(List.of("long-1")) && save != burning.saves().get(0)));
        assertThat(burning.saves().get(0).messageIds()).containsExactly("long-1");
    }

    /** A recorder over {@code burning} that may spend 10 % of a core, with in-flight snapshots after an hour. */
    private static TraceRecorder atTenPercent(BurningStore burning, int batchSize, boolean busy) {
        return atTenPercent(burning, batchSize, Duration.ofHours(1), busy);
    }

    /** A recorder over {@code burning} that may spend 10 % of a core while {@code busy} says the CPU is busy. */
    private static TraceRecorder atTenPercent(BurningStore burning, int batchSize, Duration inFlightDelay, boolean busy) {
        return TraceRecorder.start(burning, new TraceRecorder.Settings(100, batchSize, 3, Duration.ofMillis(10),
                Duration.ofHours(1), Duration.ofSeconds(5), inFlightDelay, 10), () -> busy);
    }

    private TraceRecorder start(TraceRecorder.Settings settings) {
        return TraceRecorder.start(store, settings);
    }

    private static TraceRecorder.Settings settings(int capacity, int batchSize) {
        return settings(capacity, batchSize, Duration.ofHours(1));
    }

    private static TraceRecorder.Settings settings(int capacity, int batchSize, Duration warnInterval) {
        return new TraceRecorder.Settings(capacity, batchSize, 3, Duration.ofMillis(10), warnInterval,
                Duration.ofSeconds(5), Duration.ofHours(1), 100);
    }

    private static TraceRecorder.Settings inFlightDelay(Duration delay) {
        return new TraceRecorder.Settings(100, 500, 3, Duration.ofMillis(10), Duration.ofHours(1),
                Duration.ofSeconds(5), delay, 100);
    }

    private static Map<String, TraceState> states(List<MessageTrace> batch) {
        return batch.stream().collect(Collectors.toMap(MessageTrace::messageId, MessageTrace::state, (a, b) -> b,
                java.util.LinkedHashMap::new));
    }

    private static Map<String, Object> values(ILoggingEvent event) {
        return event.getKeyValuePairs().stream().collect(Collectors.toMap(pair -> pair.key, pair -> pair.value));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A store that spends a fixed CPU time on every save, and notes when each began and how much CPU it took. */
    private static final class BurningStore implements TraceStore {

        record Save(long startNanos, long endNanos, long cpuNanos, List<String> messageIds) {
        }

        private final long burnNanos;
        private final List<Save> saves = new ArrayList<>();

        BurningStore(Duration burn) {
            this.burnNanos = burn.toNanos();
        }

        synchronized List<Save> saves() {
            return List.copyOf(saves);
        }

        @Override
        public void save(Collection<MessageTrace> traces) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long cpu;
            do {
                cpu = threads.getCurrentThreadCpuTime() - cpuStart;
            } while (cpu < burnNanos);
            synchronized (this) {
                saves.add(new Save(start, System.nanoTime(), cpu, traces.stream().map(MessageTrace::messageId).toList()));
            }
        }

        @Override
        public TracePage query(TraceQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<MessageTrace> find(String messageId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FlowStats stats(String ownerId, String flowId, Instant from, Instant to) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int prune(Instant olderThan, int maxRows) {
            throw new UnsupportedOperationException();
        }
    }

    /** A store in memory that can hold up its next save until released, or fail its next saves. */
    private static final class HeldStore implements TraceStore {

        private final List<List<MessageTrace>> batches = new ArrayList<>();
        private final AtomicInteger failures = new AtomicInteger();
        private final AtomicInteger attempts = new AtomicInteger();
        private volatile CountDownLatch gate = new CountDownLatch(0);
        private final CountDownLatch held = new CountDownLatch(1);

        void hold() {
            gate = new CountDownLatch(1);
        }

        void awaitHeld() {
            try {
                assertThat(held.await(5, TimeUnit.SECONDS)).as("the writer reached the store").isTrue();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        void release() {
            gate.countDown();
        }

        void failNext(int times) {
            failures.set(times);
        }

        int attempts() {
            return attempts.get();
        }

        synchronized List<List<MessageTrace>> batches() {
            return List.copyOf(batches);
        }

        synchronized List<String> saved() {
            return batches.stream().flatMap(List::stream).map(MessageTrace::messageId).toList();
        }

        @Override
        public void save(Collection<MessageTrace> traces) {
            attempts.incrementAndGet();
            held.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new StoreException("store down", null);
            }
            synchronized (this) {
                batches.add(List.copyOf(traces));
            }
        }

        @Override
        public TracePage query(TraceQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<MessageTrace> find(String messageId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FlowStats stats(String ownerId, String flowId, Instant from, Instant to) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int prune(Instant olderThan, int maxRows) {
            throw new UnsupportedOperationException();
        }
    }
}
