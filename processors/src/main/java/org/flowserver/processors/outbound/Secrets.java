package org.flowserver.processors.outbound;

import java.util.Optional;
import java.util.Set;

/** The server's secret store, by name. */
public interface Secrets {

    /** A store without secrets. */
    Secrets NONE = new Secrets() {
        @Override
        public Optional<SecretValue> find(String name) {
            return Optional.empty();
        }

        @Override
        public boolean allows(String name, String ownerId) {
            return false;
        }

        @Override
        public Set<String> names() {
            return Set.of();
        }
    };

    /** The secret called {@code name}, exactly; empty when there is none. */
    Optional<SecretValue> find(String name);

    /** Whether flows of {@code ownerId} may name secret {@code name} in their own {@code auth}. */
    boolean allows(String name, String ownerId);

    /** The names of every secret (for error messages). */
    Set<String> names();
}
