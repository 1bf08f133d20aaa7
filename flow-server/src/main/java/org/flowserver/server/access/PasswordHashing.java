package org.flowserver.server.access;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.flowserver.processors.access.CredentialCheckBusyException;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Slow, salted password hashes: PBKDF2 with HMAC-SHA-256 (part of every Java runtime), stored as
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (Base64), so that the iteration count can be raised later
 * without invalidating stored hashes. Verification compares in constant time, and at most half the cores verify
 * at once, so that guessing passwords cannot take every core from the flows.
 */
final class PasswordHashing {

    /** OWASP's recommendation for PBKDF2-HMAC-SHA256 (2023). */
    static final int DEFAULT_ITERATIONS = 600_000;
    private static final String PREFIX = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How long a verification waits for a slot before the caller is told to retry. */
    private static final long WAIT_FOR_SLOT_MILLIS = 100;

    private final int iterations;
    private final Semaphore verifying = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));

    PasswordHashing(int iterations) {
        this.iterations = iterations;
    }

    String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + base64.encodeToString(salt) + "$"
                + base64.encodeToString(derive(password, salt, iterations));
    }

    /**
     * Whether {@code password} matches {@code stored}; false for a stored value of an unknown form.
     *
     * @throws CredentialCheckBusyException when no verification slot frees up within 100 ms
     */
    boolean matches(String password, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            return false;
        }
        int storedIterations;
        byte[] salt;
        byte[] expected;
        try {
            storedIterations = Integer.parseInt(parts[1]);
            salt = Base64.getDecoder().decode(parts[2]);
            expected = Base64.getDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean slot;
        try {
            slot = verifying.tryAcquire(WAIT_FOR_SLOT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            slot = false;
        }
        if (!slot) {
            throw new CredentialCheckBusyException();
        }
        try {
            return MessageDigest.isEqual(expected, derive(password, salt, storedIterations));
        } finally {
            verifying.release();
        }
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java runtime", e);
        } finally {
            spec.clearPassword();
        }
    }
}
