package org.flowserver.server.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.flowserver.processors.access.CredentialCheckBusyException;
import org.flowserver.processors.http.FieldError;
import org.flowserver.processors.http.ProblemDetail;
import org.flowserver.processors.http.ProblemType;
import org.flowserver.server.access.JdbcAccessStore.Grant;
import org.flowserver.server.access.ManagementUsers.NewSession;
import org.flowserver.server.access.ManagementUsers.Session;
import org.flowserver.server.access.ManagementUsers.User;
import org.flowserver.server.access.ManagementUsers.UserView;
import org.flowserver.server.access.ServiceAccounts.AccountView;
import org.flowserver.server.access.ServiceAccounts.NewSecrets;
import org.flowserver.server.http.ApiException;
import org.flowserver.server.http.Caller;
import org.flowserver.server.http.PathParams;
import org.flowserver.server.http.Problems;

/**
 * The access part of the management API: Heartbeat logins ({@code /api/session}), management users
 * ({@code /api/users}), service accounts with their secrets and grants ({@code /api/accounts}) and the audit log
 * ({@code /api/audit}). Generated secrets are in the answer that created them and nowhere else, ever.
 */
final class AccessApi {

    /** Names of users and accounts: a letter, then letters, digits, '.', '_' or '-'; 3 to 64 characters. */
    static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9._-]{2,63}");
    static final String NAME_TEXT = NAME.pattern();
    private static final int MAX_DESCRIPTION = 500;
    private static final int DEFAULT_AUDIT_LIMIT = 100;
    private static final int MAX_AUDIT_LIMIT = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ManagementUsers users;
    private final ServiceAccounts accounts;
    private final AuditLog audit;
    private final ManagementAuth auth;
    private final Clock clock;

    AccessApi(ManagementUsers users, ServiceAccounts accounts, AuditLog audit, ManagementAuth auth, Clock clock) {
        this.users = users;
        this.accounts = accounts;
        this.audit = audit;
        this.auth = auth;
        this.clock = clock;
    }

    void mount(Router router) {
        router.post("/api/session").blockingHandler(this::login, false);
        router.get("/api/session").handler(AccessApi::whoAmI);
        router.delete("/api/session").blockingHandler(this::logout, false);
        router.route("/api/session").handler(context -> Problems.methodNotAllowed(context, "GET, POST, DELETE"));

        router.get("/api/users").blockingHandler(this::listUsers, false);
        router.route("/api/users").handler(context -> Problems.methodNotAllowed(context, "GET"));
        router.get("/api/users/:name").blockingHandler(this::getUser, false);
        router.put("/api/users/:name").blockingHandler(this::putUser, false);
        router.delete("/api/users/:name").blockingHandler(this::deleteUser, false);
        router.route("/api/users/:name").handler(context -> Problems.methodNotAllowed(context, "GET, PUT, DELETE"));
        router.post("/api/users/:name/password").blockingHandler(this::resetUserPassword, false);
        router.route("/api/users/:name/password").handler(context -> Problems.methodNotAllowed(context, "POST"));

        router.get("/api/accounts").blockingHandler(this::listAccounts, false);
        router.route("/api/accounts").handler(context -> Problems.methodNotAllowed(context, "GET"));
        router.get("/api/accounts/:name").blockingHandler(this::getAccount, false);
        router.put("/api/accounts/:name").blockingHandler(this::putAccount, false);
        router.delete("/api/accounts/:name").blockingHandler(this::deleteAccount, false);
        router.route("/api/accounts/:name").handler(context -> Problems.methodNotAllowed(context, "GET, PUT, DELETE"));
        router.post("/api/accounts/:name/secrets").blockingHandler(this::resetSecrets, false);
        router.route("/api/accounts/:name/secrets").handler(context -> Problems.methodNotAllowed(context, "POST"));
        String grant = "/api/accounts/:name/grants/:ownerId/:flowId";
        router.put(grant).blockingHandler(this::grant, false);
        router.delete(grant).blockingHandler(this::revoke, false);
        router.route(grant).handler(context -> Problems.methodNotAllowed(context, "PUT, DELETE"));

        router.get("/api/audit").blockingHandler(this::auditLog, false);
        router.route("/api/audit").handler(context -> Problems.methodNotAllowed(context, "GET"));
    }

    // ---- sessions

    /** {@code {"name", "password"}}: a session cookie, and the token and CSRF token in the body. */
    private void login(RoutingContext context) {
        JsonNode body = body(context);
        String name = requiredText(body, "name", "the login");
        String password = requiredText(body, "password", "the login");
        Optional<User> user;
        try {
            user = users.basic(name, password);
        } catch (CredentialCheckBusyException e) {
            context.response().putHeader(HttpHeaders.RETRY_AFTER,
                    String.valueOf(CredentialCheckBusyException.RETRY_AFTER_SECONDS));
            throw new ApiException(ProblemType.SERVER_BUSY, e.getMessage());
        }
        if (user.isEmpty()) {
            // Only a name that exists is recorded: a password typed into the name field must not reach the log.
            String actor = NAME.matcher(name).matches() && users.find(name).isPresent() ? name : "anonymous";
            context.addBodyEndHandler(ended -> auth.record(context, actor, Optional.of("login failed")));
            context.response().putHeader("WWW-Authenticate", "Bearer realm=\"flowserver\"");
            throw new ApiException(ProblemDetail.of(ProblemType.UNAUTHORIZED, "The name or the password is wrong"));
        }
        NewSession session = users.login(user.get());
        context.addBodyEndHandler(ended -> auth.record(context, name, Optional.of("login")));
        // Path /api: the cookie goes to the management API only, never to a flow endpoint (where a flow could read
        // it); Secure over TLS, also when a proxy in front terminates it.
        boolean tls = context.request().isSSL() || "https".equalsIgnoreCase(context.request().getHeader("X-Forwarded-Proto"));
        context.response().addCookie(Cookie.cookie(ManagementAuth.SESSION_COOKIE, session.token()).setPath("/api")
                .setHttpOnly(true).setSameSite(CookieSameSite.STRICT).setSecure(tls)
                .setMaxAge(ManagementUsers.SESSION_TIME.toSeconds()));
        ObjectNode answer = sessionView(session.session());
        answer.put("token", session.token());
        send(context, 201, answer);
    }

    /** Who is calling; with a session, also its CSRF token and end (the guard found the session already). */
    private static void whoAmI(RoutingContext context) {
        User user = context.get(ManagementAuth.USER_KEY);
        Session session = context.get(ManagementAuth.SESSION_KEY);
        send(context, 200, session != null ? sessionView(session)
                : JSON.createObjectNode().put("name", user.name()).put("role", user.role().apiName()));
    }

    private void logout(RoutingContext context) {
        String token = context.get(ManagementAuth.SESSION_TOKEN_KEY);
        if (token != null) {
            users.logout(token);
        }
        context.response().addCookie(Cookie.cookie(ManagementAuth.SESSION_COOKIE, "").setPath("/api").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setMaxAge(0));
        context.response().setStatusCode(204).end();
    }

    private static ObjectNode sessionView(Session session) {
        return JSON.createObjectNode().put("name", session.user().name()).put("role", session.user().role().apiName())
                .put("csrfToken", session.csrfToken()).put("expiresAt", session.expiresAt().toString());
    }

    // ---- users

    private void listUsers(RoutingContext context) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("users");
        users.list().forEach(user -> list.add(view(user)));
        send(context, 200, body);
    }

    private void getUser(RoutingContext context) {
        String name = name(context);
        send(context, 200, view(users.find(name).orElseThrow(() -> noUser(name))));
    }

    /** {@code {"role": "operator"}}: creates the user with a generated password (201), or changes its role (200). */
    private void putUser(RoutingContext context) {
        String name = name(context);
        JsonNode body = body(context);
        String roleName = requiredText(body, "role", "a user");
        Role role = Role.ofApiName(roleName).orElseThrow(() -> invalid("/role", "the role '" + roleName
                + "' is not one of admin, deployer, operator, monitor"));
        Optional<UserView> existing = users.find(name);
        if (existing.isPresent()) {
            if (existing.get().role() == Role.ADMIN && role != Role.ADMIN && users.administrators() <= 1) {
                throw lastAdministrator(name);
            }
            users.changeRole(name, role);
            send(context, 200, view(users.find(name).orElseThrow(() -> noUser(name))));
            return;
        }
        String password = users.create(name, role, Caller.name(context)).orElseThrow(() -> new ApiException(
                ProblemType.CONFLICT, "The user '" + name + "' was created by another request meanwhile"));
        context.response().putHeader(HttpHeaders.LOCATION, "/api/users/" + name);
        ObjectNode answer = view(users.find(name).orElseThrow(() -> noUser(name)));
        answer.put("password", password);
        send(context, 201, answer);
    }

    private void resetUserPassword(RoutingContext context) {
        String name = name(context);
        String password = users.resetPassword(name).orElseThrow(() -> noUser(name));
        send(context, 200, JSON.createObjectNode().put("name", name).put("password", password));
    }

    private void deleteUser(RoutingContext context) {
        String name = name(context);
        UserView user = users.find(name).orElseThrow(() -> noUser(name));
        if (user.role() == Role.ADMIN && users.administrators() <= 1) {
            throw lastAdministrator(name);
        }
        users.delete(name);
        context.response().setStatusCode(204).end();
    }

    private static ApiException lastAdministrator(String name) {
        return new ApiException(ProblemType.CONFLICT, "The user '" + name + "' is the last administrator; make "
                + "another user admin first, so that someone can still manage the server");
    }

    private static ApiException noUser(String name) {
        return new ApiException(ProblemType.NOT_FOUND, "There is no management user '" + name + "'");
    }

    private static ObjectNode view(UserView user) {
        return JSON.createObjectNode().put("name", user.name()).put("role", user.role().apiName())
                .put("createdBy", user.createdBy()).put("createdAt", user.createdAt().toString());
    }

    // ---- service accounts

    private void listAccounts(RoutingContext context) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("accounts");
        accounts.list().forEach(account -> list.add(view(account)));
        send(context, 200, body);
    }

    private void getAccount(RoutingContext context) {
        String name = name(context);
        send(context, 200, view(accounts.find(name).orElseThrow(() -> noAccount(name))));
    }

    /**
     * Creates a service account (201) with a generated password and API key, in this answer only; or, for an
     * existing one, changes its description (200, no secrets). Body optional: {@code {"description": "..."}}.
     */
    private void putAccount(RoutingContext context) {
        String name = name(context);
        JsonNode body = optionalBody(context);
        Optional<String> description = description(body);
        if (accounts.find(name).isPresent()) {
            accounts.describe(name, description);
            send(context, 200, view(accounts.find(name).orElseThrow(() -> noAccount(name))));
            return;
        }
        NewSecrets secrets = accounts.create(name, description, Caller.name(context)).orElseThrow(() ->
                new ApiException(ProblemType.CONFLICT, "The service account '" + name
                        + "' was created by another request meanwhile"));
        context.response().putHeader(HttpHeaders.LOCATION, "/api/accounts/" + name);
        ObjectNode answer = view(accounts.find(name).orElseThrow(() -> noAccount(name)));
        secrets.password().ifPresent(password -> answer.put("password", password));
        secrets.apiKey().ifPresent(apiKey -> answer.put("apiKey", apiKey));
        send(context, 201, answer);
    }

    /** {@code {"credential": "password" | "apiKey"}} replaces one; without a body, both are replaced. */
    private void resetSecrets(RoutingContext context) {
        String name = name(context);
        JsonNode body = optionalBody(context);
        JsonNode credential = body.get("credential");
        boolean password = true;
        boolean apiKey = true;
        if (credential != null && !credential.isNull()) {
            if (credential.isTextual() && credential.asText().equals("password")) {
                apiKey = false;
            } else if (credential.isTextual() && credential.asText().equals("apiKey")) {
                password = false;
            } else {
                throw invalid("/credential", "credential must be \"password\" or \"apiKey\"; leave it out to "
                        + "replace both");
            }
        }
        NewSecrets secrets = accounts.reset(name, password, apiKey).orElseThrow(() -> noAccount(name));
        ObjectNode answer = JSON.createObjectNode().put("name", name);
        secrets.password().ifPresent(value -> answer.put("password", value));
        secrets.apiKey().ifPresent(value -> answer.put("apiKey", value));
        send(context, 200, answer);
    }

    private void deleteAccount(RoutingContext context) {
        String name = name(context);
        if (!accounts.delete(name)) {
            throw noAccount(name);
        }
        context.response().setStatusCode(204).end();
    }

    /** Grants the account a flow, deployed or not yet: 201 when new, 200 when it was granted already. */
    private void grant(RoutingContext context) {
        String name = name(context);
        String ownerId = PathParams.id(context, "ownerId");
        String flowId = PathParams.id(context, "flowId");
        if (accounts.find(name).isEmpty()) {
            throw noAccount(name);
        }
        boolean created = accounts.grant(name, ownerId, flowId, Caller.name(context));
        send(context, created ? 201 : 200, JSON.createObjectNode().put("account", name).put("ownerId", ownerId)
                .put("flowId", flowId));
    }

    private void revoke(RoutingContext context) {
        String name = name(context);
        String ownerId = PathParams.id(context, "ownerId");
        String flowId = PathParams.id(context, "flowId");
        if (!accounts.revoke(name, ownerId, flowId)) {
            throw new ApiException(ProblemType.NOT_FOUND, "The service account '" + name + "' is not granted flow '"
                    + flowId + "' of owner '" + ownerId + "'");
        }
        context.response().setStatusCode(204).end();
    }

    private static ApiException noAccount(String name) {
        return new ApiException(ProblemType.NOT_FOUND, "There is no service account '" + name + "'");
    }

    private static Optional<String> description(JsonNode body) {
        JsonNode description = body.get("description");
        if (description == null || description.isNull()) {
            return Optional.empty();
        }
        if (!description.isTextual() || description.asText().length() > MAX_DESCRIPTION) {
            throw invalid("/description", "description must be a string of at most " + MAX_DESCRIPTION
                    + " characters");
        }
        return Optional.of(description.asText());
    }

    private static ObjectNode view(AccountView account) {
        ObjectNode node = JSON.createObjectNode().put("name", account.name());
        account.description().ifPresent(description -> node.put("description", description));
        node.put("createdBy", account.createdBy()).put("createdAt", account.createdAt().toString())
                .put("secretsSetAt", account.secretsSetAt().toString());
        ArrayNode grants = node.putArray("grants");
        for (Grant grant : account.grants()) {
            grants.addObject().put("ownerId", grant.ownerId()).put("flowId", grant.flowId())
                    .put("grantedBy", grant.grantedBy()).put("grantedAt", grant.grantedAt().toString());
        }
        return node;
    }

    // ---- audit

    /** {@code ?from&to&actor&limit}: entries newest first; the last 24 hours and 100 entries unless told. */
    private void auditLog(RoutingContext context) {
        Instant to = instant(context, "to").orElseGet(() -> clock.instant().plusSeconds(1));
        Instant from = instant(context, "from").orElseGet(() -> to.minusSeconds(86_400));
        Optional<String> actor = Optional.ofNullable(context.queryParams().get("actor"));
        int limit = DEFAULT_AUDIT_LIMIT;
        String limitText = context.queryParams().get("limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_AUDIT_LIMIT) {
                throw new ApiException(new ProblemDetail(ProblemType.INVALID_REQUEST, "The limit '" + limitText
                        + "' must be a whole number from 1 to " + MAX_AUDIT_LIMIT, List.of(new FieldError("query",
                        "/limit", "must be a whole number from 1 to " + MAX_AUDIT_LIMIT))));
            }
        }
        ObjectNode body = JSON.createObjectNode();
        ArrayNode entries = body.putArray("entries");
        for (AuditLog.Entry entry : audit.find(from, to, actor, limit)) {
            ObjectNode node = entries.addObject().put("at", entry.at().toString()).put("actor", entry.actor())
                    .put("action", entry.action()).put("target", entry.target()).put("status", entry.status());
            entry.detail().ifPresent(detail -> node.put("detail", detail));
        }
        send(context, 200, body);
    }

    private static Optional<Instant> instant(RoutingContext context, String parameter) {
        String text = context.queryParams().get(parameter);
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw new ApiException(new ProblemDetail(ProblemType.INVALID_REQUEST, "The " + parameter + " '" + text
                    + "' is not an ISO-8601 instant such as 2026-11-23T10:15:30Z", List.of(new FieldError("query",
                    "/" + parameter, "must be an ISO-8601 instant"))));
        }
    }

    // ---- plumbing

    private static String name(RoutingContext context) {
        String name = context.pathParam("name");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ApiException(ProblemType.MALFORMED_REQUEST, "The name '" + name + "' of the path does not "
                    + "match " + NAME_TEXT);
        }
        return name;
    }

    /** The JSON object body, or an empty object without a body. */
    private static JsonNode optionalBody(RoutingContext context) {
        Buffer buffer = context.body().buffer();
        return buffer == null || buffer.length() == 0 ? JSON.createObjectNode() : body(context);
    }

    private static JsonNode body(RoutingContext context) {
        String text = context.body().asString();
        JsonNode node;
        try {
            node = text == null || text.isBlank() ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ApiException(new ProblemDetail(ProblemType.MALFORMED_JSON, "The body is not valid JSON: "
                    + e.getOriginalMessage(), List.of(new FieldError("body", "", "not valid JSON"))));
        }
        if (node == null || !node.isObject()) {
            throw new ApiException(new ProblemDetail(ProblemType.INVALID_REQUEST, "The body must be a JSON object",
                    List.of(new FieldError("body", "", "must be a JSON object"))));
        }
        return node;
    }

    private static String requiredText(JsonNode body, String field, String what) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw invalid("/" + field, field + " is required for " + what + " and must be a non-empty string");
        }
        return value.asText();
    }

    private static ApiException invalid(String pointer, String message) {
        return new ApiException(new ProblemDetail(ProblemType.INVALID_REQUEST, "The request is invalid: " + message,
                List.of(new FieldError("body", pointer, message))));
    }

    private static void send(RoutingContext context, int status, JsonNode body) {
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end(Buffer.buffer(body.toString()));
    }
}
