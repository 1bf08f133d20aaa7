package org.flowserver.server.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Secrets the server generates (passwords, API keys, session tokens) and the fast hash of the random ones. */
final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    /** Prefix of API keys, so that secret scanners and people recognise one. */
    static final String API_KEY_PREFIX = "fsk_";

    private Secrets() {
    }

    /** A generated password: 24 characters from 57 (about 140 bits). */
    static String password() {
        return random(24);
    }

    /** A generated API key: the prefix and 40 characters from 57 (about 233 bits). */
    static String apiKey() {
        return API_KEY_PREFIX + random(40);
    }

    /** A session token or CSRF token: 43 characters from 57 (about 250 bits). */
    static String token() {
        return random(43);
    }

    private static String random(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }

    /**
     * SHA-256 of a high-entropy secret (API key, session token), hex: these are random and long, so a fast hash
     * stored in the database reveals nothing and can be looked up by equality.
     */
    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Compares two secrets in time that does not depend on where they differ. */
    static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
