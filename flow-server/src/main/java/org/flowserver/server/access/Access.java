package org.flowserver.server.access;

import io.vertx.ext.web.Router;
import java.time.Clock;
import javax.sql.DataSource;
import org.flowserver.processors.access.AccessControl;

/**
 * Access control of the server: the management users with their roles, who guard the management API and the
 * metrics; the service accounts granted flows, whom the flow endpoints ask about ({@link #serviceAccounts()});
 * and the audit log.
 */
public final class Access {

    private final ManagementUsers users;
    private final ServiceAccounts accounts;
    private final AuditLog audit;
    private final ManagementAuth auth;
    private final Clock clock;

    private Access(AccessConfig config, DataSource dataSource, Clock clock) {
        JdbcAccessStore store = new JdbcAccessStore(dataSource);
        PasswordHashing hashing = new PasswordHashing(config.passwordHashIterations());
        this.clock = clock;
        this.users = new ManagementUsers(store, hashing, clock);
        this.accounts = new ServiceAccounts(store, hashing, clock);
        this.audit = new AuditLog(dataSource);
        this.auth = new ManagementAuth(users, audit, clock);
    }

    /** Opens access control on the store and makes sure there is an administrator (printed once if generated). */
    public static Access start(AccessConfig config, DataSource dataSource, Clock clock) {
        Access access = new Access(config, dataSource, clock);
        access.users.ensureAdministrator(config.adminPassword());
        return access;
    }

    /** What flow endpoints ask about their callers. */
    public AccessControl serviceAccounts() {
        return accounts;
    }

    /** Guards {@code /api/*} and {@code /metrics}; mount before anything else on those paths. */
    public void guard(Router router) {
        for (String path : new String[] {"/api/*", "/metrics"}) {
            // Paused while the caller is checked on a worker thread, so that no part of the body is lost before
            // the body handler after it reads (and resumes) the request.
            router.route(path).handler(context -> {
                context.request().pause();
                context.next();
            });
            router.route(path).blockingHandler(auth, false);
        }
    }

    /** Adds the sessions, users, accounts and audit routes; the caller has installed a body handler for /api/*. */
    public void mount(Router router) {
        new AccessApi(users, accounts, audit, auth, clock).mount(router);
    }
}
