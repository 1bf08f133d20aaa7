package org.flowserver.processors.access;

import java.util.Optional;

/**
 * The service accounts that may call flows: who a credential belongs to, and which flows an account was
 * granted. The server keeps the accounts; the {@code restApi} sources ask it on every protected request, from
 * a worker thread (an implementation may block, for example to verify a password hash).
 */
public interface AccessControl {

    /** No accounts: every protected endpoint refuses every caller with 401. */
    AccessControl NONE = new AccessControl() {
        @Override
        public Optional<String> basic(String account, String password) {
            return Optional.empty();
        }

        @Override
        public Optional<String> apiKey(String key) {
            return Optional.empty();
        }

        @Override
        public boolean granted(String account, String ownerId, String flowId) {
            return false;
        }
    };

    /**
     * The account, when {@code password} is its password.
     *
     * @throws CredentialCheckBusyException when the password cannot be verified now
     */
    Optional<String> basic(String account, String password);

    /** The account whose API key {@code key} is. */
    Optional<String> apiKey(String key);

    /** Whether {@code account} was granted the flow. */
    boolean granted(String account, String ownerId, String flowId);
}
