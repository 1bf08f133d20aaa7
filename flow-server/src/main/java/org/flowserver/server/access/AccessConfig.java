package org.flowserver.server.access;

import java.util.Objects;
import java.util.Optional;
import org.flowserver.server.ConfigException;

/**
 * How people and service accounts prove who they are.
 *
 * @param adminPassword           the password of the first administrator ({@code admin}), used only on the first
 *                                start (no users yet); absent: one is generated and printed once
 * @param passwordHashIterations  PBKDF2-HMAC-SHA256 iterations for new password hashes; default 600,000
 *                                (OWASP 2023); stored with each hash, so raising it later keeps old hashes valid
 */
public record AccessConfig(Optional<String> adminPassword, int passwordHashIterations) {

    public static final int MIN_ITERATIONS = 1_000;
    public static final int MAX_ITERATIONS = 10_000_000;
    public static final int MIN_ADMIN_PASSWORD = 12;

    public AccessConfig {
        Objects.requireNonNull(adminPassword, "adminPassword");
        if (passwordHashIterations < MIN_ITERATIONS || passwordHashIterations > MAX_ITERATIONS) {
            throw new ConfigException("Setting 'password-hash-iterations' is '" + passwordHashIterations
                    + "'; it must be a whole number from " + MIN_ITERATIONS + " to " + MAX_ITERATIONS);
        }
        if (adminPassword.isPresent() && adminPassword.get().length() < MIN_ADMIN_PASSWORD) {
            throw new ConfigException("Setting 'admin-password' is too short (" + adminPassword.get().length()
                    + " characters); it must have at least " + MIN_ADMIN_PASSWORD + ", or leave it out to have a "
                    + "password generated and printed on the first start");
        }
    }

    public static AccessConfig defaults() {
        return new AccessConfig(Optional.empty(), PasswordHashing.DEFAULT_ITERATIONS);
    }

    public AccessConfig withAdminPassword(String password) {
        return new AccessConfig(Optional.of(password), passwordHashIterations);
    }

    public AccessConfig withPasswordHashIterations(int iterations) {
        return new AccessConfig(adminPassword, iterations);
    }

    @Override
    public String toString() {
        return "AccessConfig[adminPassword=" + (adminPassword.isPresent() ? "***" : "(generated on first start)")
                + ", passwordHashIterations=" + passwordHashIterations + "]";
    }
}
