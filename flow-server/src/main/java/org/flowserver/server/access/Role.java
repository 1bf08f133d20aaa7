package org.flowserver.server.access;

import java.util.Locale;
import java.util.Optional;

/** What a person managing the server may do. Every role may read; the others add to that. */
public enum Role {
    /** Everything: also users, service accounts, grants and the audit log. */
    ADMIN,
    /** Deploy, redeploy and undeploy flows, upload specs. */
    DEPLOYER,
    /** Disable and enable flows. */
    OPERATOR,
    /** Read only: flows, specs, traces, statistics, metrics. */
    MONITOR;

    /** Whether this role may do what {@code permission} covers. */
    boolean allows(Permission permission) {
        return switch (permission) {
            case READ -> true;
            case DEPLOY -> this == ADMIN || this == DEPLOYER;
            case OPERATE -> this == ADMIN || this == OPERATOR;
            case ADMINISTER -> this == ADMIN;
        };
    }

    /** The name in the API: {@code admin}, {@code deployer}, {@code operator}, {@code monitor}. */
    String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Role> ofApiName(String name) {
        for (Role role : values()) {
            if (role.apiName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** What a management request needs. */
    enum Permission {
        READ, DEPLOY, OPERATE, ADMINISTER
    }
}
