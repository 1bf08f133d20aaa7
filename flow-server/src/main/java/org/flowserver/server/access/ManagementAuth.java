package org.flowserver.server.access;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;
import org.flowserver.processors.access.BasicCredentials;
import org.flowserver.processors.access.CredentialCheckBusyException;
import org.flowserver.processors.http.HttpResponses;
import org.flowserver.processors.http.ProblemDetail;
import org.flowserver.processors.http.ProblemType;
import org.flowserver.server.access.ManagementUsers.Session;
import org.flowserver.server.access.ManagementUsers.User;
import org.flowserver.server.access.Role.Permission;
import org.flowserver.server.http.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards the management API and the metrics: every request must come from a management user, by HTTP Basic, a
 * session token as {@code Authorization: Bearer}, or the session cookie of a Heartbeat login; a request that
 * changes something with the cookie must also carry the session's CSRF token in {@value #CSRF_HEADER}. What a
 * request needs follows from its method and path ({@link #required}); every request that changes something is
 * written to the audit log with who, what, when and the status it got.
 */
final class ManagementAuth implements Handler<RoutingContext> {

    static final String SESSION_COOKIE = "flowserver_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String USER_KEY = "flowserver.user";
    static final String SESSION_TOKEN_KEY = "flowserver.sessionToken";
    static final String SESSION_KEY = "flowserver.session";
    private static final Pattern FLOW_STATE = Pattern.compile("^/api/flows/[^/]+/[^/]+/(disable|enable)/?$");
    private static final Logger LOG = LoggerFactory.getLogger(ManagementAuth.class);

    private final ManagementUsers users;
    private final AuditLog audit;
    private final Clock clock;

    ManagementAuth(ManagementUsers users, AuditLog audit, Clock clock) {
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a request needs: administration for users, accounts and the audit log; else by method and path. */
    static Permission required(HttpMethod method, String path) {
        if (path.startsWith("/api/users") || path.startsWith("/api/accounts") || path.startsWith("/api/audit")) {
            return Permission.ADMINISTER;
        }
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || path.equals("/api/session")) {
            return Permission.READ;
        }
        if (FLOW_STATE.matcher(path).matches()) {
            return Permission.OPERATE;
        }
        if (path.startsWith("/api/flows/") || path.startsWith("/api/specs/")) {
            return Permission.DEPLOY;
        }
        return Permission.ADMINISTER;
    }

    static boolean changes(HttpMethod method) {
        return method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS;
    }

    @Override
    public void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        // The path the router routes by (dot segments resolved), so that no spelling of a path reaches a handler
        // with less than the permission that handler needs.
        String path = context.normalizedPath();
        if (changes(request.method()) && foreignPage(request)) {
            refuse(context, "anonymous", ProblemDetail.of(ProblemType.FORBIDDEN, "A change to the management API "
                    + "must come from the server's own pages or from a client that is not a browser (Origin or "
                    + "Sec-Fetch-Site says it comes from another page)"));
            return;
        }
        if (path.equals("/api/session") && request.method() == HttpMethod.POST) {
            // The login itself; it audits its own outcome.
            context.next();
            return;
        }
        Optional<User> user;
        boolean byCookie = false;
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        Cookie cookie = request.getCookie(SESSION_COOKIE);
        Optional<Session> session = Optional.empty();
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                user = BasicCredentials.parse(authorization)
                        .flatMap(basic -> users.basic(basic.name(), basic.password()));
            } catch (CredentialCheckBusyException e) {
                context.response().putHeader(HttpHeaders.RETRY_AFTER,
                        String.valueOf(CredentialCheckBusyException.RETRY_AFTER_SECONDS));
                refuse(context, "anonymous", ProblemDetail.of(ProblemType.SERVER_BUSY, e.getMessage()));
                return;
            }
        } else if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            session = users.session(token);
            user = session.map(Session::user);
            context.put(SESSION_TOKEN_KEY, token);
        } else if (cookie != null) {
            session = users.session(cookie.getValue());
            user = session.map(Session::user);
            byCookie = true;
            context.put(SESSION_TOKEN_KEY, cookie.getValue());
        } else {
            user = Optional.empty();
        }
        if (user.isEmpty()) {
            String detail = authorization == null && cookie == null
                    ? "The management API requires a management user: HTTP Basic (name and password), "
                    + "'Authorization: Bearer <token>' with a token from POST /api/session, or a Heartbeat login"
                    : "The credentials or session sent are not valid (a session ends after "
                    + ManagementUsers.SESSION_TIME.toHours() + " hours or when the password is reset)";
            // A browser shows its own login box on a Basic challenge; Heartbeat asks with its own form instead.
            context.response().putHeader("WWW-Authenticate", request.getHeader("X-Requested-With") != null
                    || cookie != null ? "Bearer realm=\"flowserver\""
                    : "Basic realm=\"flowserver\", charset=\"UTF-8\", Bearer realm=\"flowserver\"");
            refuse(context, "anonymous", ProblemDetail.of(ProblemType.UNAUTHORIZED, detail));
            return;
        }
        if (byCookie && changes(request.method())) {
            String sent = request.getHeader(CSRF_HEADER);
            if (sent == null || !Secrets.constantTimeEquals(sent, session.get().csrfToken())) {
                refuse(context, user.get().name(), ProblemDetail.of(ProblemType.FORBIDDEN, "A change made with the "
                        + "session cookie must carry the session's CSRF token in the " + CSRF_HEADER + " header "
                        + "(csrfToken of POST or GET /api/session)"));
                return;
            }
        }
        Permission permission = required(request.method(), path);
        if (!user.get().role().allows(permission)) {
            refuse(context, user.get().name(), ProblemDetail.of(ProblemType.FORBIDDEN, "The user '" + user.get().name()
                    + "' has the role '" + user.get().role().apiName() + "', which may not " + describe(permission)
                    + "; that needs the role " + rolesFor(permission)));
            return;
        }
        context.put(Caller.KEY, user.get().name());
        context.put(USER_KEY, user.get());
        session.ifPresent(found -> context.put(SESSION_KEY, found));
        if (changes(request.method())) {
            String actor = user.get().name();
            context.addBodyEndHandler(ended -> record(context, actor, Optional.empty()));
        }
        context.next();
    }

    /**
     * Whether a browser says the request comes from a page other than the server's own (another site, or another
     * origin of the same site). Browsers send Basic credentials they remember on their own too, so this guards
     * every change and the login, not only changes made with the session cookie. Clients that are not browsers
     * send neither header.
     */
    static boolean foreignPage(HttpServerRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equalsIgnoreCase("same-origin") && !fetchSite.equalsIgnoreCase("none")) {
            return true;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null || origin.equals("null")) {
            return origin != null;
        }
        String host = request.getHeader(HttpHeaders.HOST);
        int scheme = origin.indexOf("://");
        return host == null || scheme < 0 || !origin.substring(scheme + 3).equalsIgnoreCase(host);
    }

    private void refuse(RoutingContext context, String actor, ProblemDetail problem) {
        // The body is not read; resumed, so that it is discarded and the connection can carry the next request.
        context.request().resume();
        HttpResponses.problem(context.response(), problem);
        if (changes(context.request().method())) {
            write(new AuditLog.Entry(clock.instant(), actor, AuditLog.action(context.request().method()),
                    context.normalizedPath(), problem.status(), Optional.of(problem.type().title())));
        }
    }

    /** Writes the audit entry of an answered request, off the event loop. */
    void record(RoutingContext context, String actor, Optional<String> detail) {
        AuditLog.Entry entry = new AuditLog.Entry(clock.instant(), actor, AuditLog.action(context.request().method()),
                context.normalizedPath(), context.response().getStatusCode(), detail);
        context.vertx().executeBlocking(() -> {
            write(entry);
            return null;
        }, false);
    }

    private void write(AuditLog.Entry entry) {
        try {
            audit.append(entry);
        } catch (RuntimeException e) {
            LOG.atError().addKeyValue("actor", entry.actor()).addKeyValue("action", entry.action())
                    .addKeyValue("target", entry.target()).addKeyValue("status", entry.status()).setCause(e)
                    .log("A management change could not be written to the audit log");
        }
    }

    private static String describe(Permission permission) {
        return switch (permission) {
            case READ -> "read";
            case DEPLOY -> "deploy, undeploy or upload specs";
            case OPERATE -> "disable or enable flows";
            case ADMINISTER -> "manage users, service accounts, grants or read the audit log";
        };
    }

    private static String rolesFor(Permission permission) {
        StringBuilder roles = new StringBuilder();
        for (Role role : Role.values()) {
            if (role.allows(permission)) {
                roles.append(roles.length() == 0 ? "'" : " or '").append(role.apiName()).append("'");
            }
        }
        return roles.toString();
    }
}
