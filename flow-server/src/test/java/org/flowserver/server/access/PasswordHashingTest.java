package org.flowserver.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.flowserver.processors.access.CredentialCheckBusyException;
import org.junit.jupiter.api.Test;

class PasswordHashingTest {

    private final PasswordHashing hashing = new PasswordHashing(AccessConfig.MIN_ITERATIONS);

    @Test
    void matchesThePasswordItHashed() {
        String stored = hashing.hash("correct horse battery staple");

        assertThat(hashing.matches("correct horse battery staple", stored)).isTrue();
        assertThat(hashing.matches("correct horse battery stapler", stored)).isFalse();
    }

    @Test
    void saltsEachHash() {
        assertThat(hashing.hash("same")).isNotEqualTo(hashing.hash("same"));
    }

    @Test
    void verifiesWithTheIterationsStoredInTheHash() {
        String stored = new PasswordHashing(2_000).hash("secret");

        assertThat(stored).startsWith("pbkdf2-sha256$2000$");
        assertThat(hashing.matches("secret", stored)).isTrue();
    }

    @Test
    void matchesNothingOfAnUnknownForm() {
        assertThat(hashing.matches("secret", "secret")).isFalse();
        assertThat(hashing.matches("secret", "pbkdf2-sha256$x$y$z")).isFalse();
    }

    @Test
    void asksTheCallerToRetryWhenEveryVerificationSlotIsTaken() throws Exception {
        // given: as many slow verifications running as there are slots (half the cores, at least one)
        PasswordHashing slow = new PasswordHashing(3_000_000);
        String stored = slow.hash("secret");
        int slots = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        CountDownLatch started = new CountDownLatch(slots);
        List<Thread> busy = new ArrayList<>();
        for (int i = 0; i < slots; i++) {
            Thread thread = new Thread(() -> {
                started.countDown();
                slow.matches("secret", stored);
            });
            thread.start();
            busy.add(thread);
        }
        started.await();
        Thread.sleep(50);

        // when, then
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> slow.matches("guess", stored))
                .isInstanceOf(CredentialCheckBusyException.class)
                .hasMessage("Too many passwords are being verified at once; retry in 1 second");
        for (Thread thread : busy) {
            thread.join();
        }
    }
}
