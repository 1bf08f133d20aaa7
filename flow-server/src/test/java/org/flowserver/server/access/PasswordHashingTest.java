package org.flowserver.server.access;

import static org.assertj.core.api.Assertions.assertThat;

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
}
