package org.flowserver.processors.rest;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.flowserver.dsl.Access;
import org.flowserver.processors.access.AccessControl;
import org.flowserver.processors.access.BasicCredentials;
import org.flowserver.processors.access.CredentialCheckBusyException;
import org.flowserver.processors.http.ProblemDetail;
import org.flowserver.processors.http.ProblemType;
import org.flowserver.processors.http.UrlEncoded;
import org.flowserver.processors.openapi.SecurityScheme;

/**
 * Finds out who calls a flow endpoint and whether that caller may. A protected endpoint takes a list of
 * security requirements, any one of which must be met; a requirement is a set of schemes that must all be met
 * by credentials of one service account. Missing or bad credentials are refused with 401 and a
 * {@code WWW-Authenticate} challenge per accepted scheme; an account that was not granted the flow, with 403.
 */
final class Callers {

    /** HTTP Basic: the account's name and password. */
    static final SecurityScheme BASIC = new SecurityScheme("basic", "basic", "", "");
    /** The account's API key in the {@code apiKey} header. */
    static final SecurityScheme API_KEY = new SecurityScheme("apiKey", "apiKey", "header", "apiKey");
    /** What a flow whose access is {@link Access#GRANTED} accepts: Basic or the API key header. */
    private static final List<List<SecurityScheme>> GRANTED = List.of(List.of(BASIC), List.of(API_KEY));
    /** Headers that never become exchange properties, whatever the endpoint. */
    private static final Set<String> ALWAYS_HIDDEN = Set.of("authorization", "proxy-authorization", "apikey");
    /**
     * The management session cookie (its path is /api, but a browser may hold an older one for /): never a
     * property, so that no flow can read an administrator's session.
     */
    static final String SESSION_COOKIE = "flowserver_session";

    private final AccessControl accounts;
    private final String ownerId;
    private final String flowId;

    Callers(AccessControl accounts, String ownerId, String flowId) {
        this.accounts = accounts;
        this.ownerId = ownerId;
        this.flowId = flowId;
    }

    /** The requirements of a flow's access setting; none (anyone may call) for a public flow. */
    static List<List<SecurityScheme>> requirements(Access access) {
        return access == Access.PUBLIC ? List.of() : GRANTED;
    }

    /**
     * The request's credentials that must not reach the flow: the {@code Authorization} headers, the
     * {@code apiKey} header, and where {@code schemes} take an API key from.
     */
    static CredentialFields credentialFields(List<SecurityScheme> schemes) {
        Set<String> headers = new LinkedHashSet<>(ALWAYS_HIDDEN);
        Set<String> query = new LinkedHashSet<>();
        Set<String> cookies = new LinkedHashSet<>(Set.of(SESSION_COOKIE));
        for (SecurityScheme scheme : schemes) {
            if (scheme.kind().equals("apiKey")) {
                switch (scheme.location()) {
                    case "header" -> headers.add(scheme.keyName().toLowerCase(Locale.ROOT));
                    case "query" -> query.add(scheme.keyName());
                    case "cookie" -> cookies.add(scheme.keyName());
                    default -> throw new IllegalArgumentException("API key location " + scheme.location());
                }
            }
        }
        return new CredentialFields(Set.copyOf(headers), Set.copyOf(query), Set.copyOf(cookies));
    }

    /**
     * Checks the caller against {@code requirements}.
     *
     * @param requirements  any one must be met; none at all, or an empty one, lets anyone in
     * @return the caller's account; empty when the endpoint lets anyone in
     * @throws RequestRejectedException 401 for missing or bad credentials, 403 for an account not granted the flow
     */
    Optional<String> authenticate(HttpServerRequest request, List<List<SecurityScheme>> requirements) {
        if (requirements.isEmpty() || requirements.stream().anyMatch(List::isEmpty)) {
            return Optional.empty();
        }
        boolean presented = false;
        for (List<SecurityScheme> requirement : requirements) {
            Optional<String> account = Optional.empty();
            boolean met = true;
            for (SecurityScheme scheme : requirement) {
                Optional<String> credential = credential(request, scheme);
                if (credential.isEmpty()) {
                    met = false;
                    continue;
                }
                presented = true;
                Optional<String> owner;
                try {
                    owner = verify(scheme, credential.get());
                } catch (CredentialCheckBusyException e) {
                    throw new RequestRejectedException(ProblemDetail.of(ProblemType.SERVER_BUSY, e.getMessage()),
                            Map.of("Retry-After", String.valueOf(CredentialCheckBusyException.RETRY_AFTER_SECONDS)));
                }
                if (owner.isEmpty() || (account.isPresent() && !account.equals(owner))) {
                    met = false;
                } else {
                    account = owner;
                }
            }
            if (met && account.isPresent()) {
                if (!accounts.granted(account.get(), ownerId, flowId)) {
                    throw new RequestRejectedException(ProblemDetail.of(ProblemType.FORBIDDEN, "The service account '"
                            + account.get() + "' is not granted flow '" + flowId + "' of owner '" + ownerId
                            + "'; an administrator grants it with PUT /api/accounts/" + account.get() + "/grants/"
                            + ownerId + "/" + flowId));
                }
                return account;
            }
        }
        String accepted = describe(requirements);
        throw new RequestRejectedException(ProblemDetail.of(ProblemType.UNAUTHORIZED, presented
                        ? "The credentials sent are not valid for this endpoint; it accepts " + accepted
                        : "This endpoint requires credentials of a service account granted the flow: " + accepted),
                Map.of("WWW-Authenticate", challenges(requirements)));
    }

    private Optional<String> verify(SecurityScheme scheme, String credential) {
        if (scheme.kind().equals("basic")) {
            return BasicCredentials.parse(credential)
                    .flatMap(basic -> accounts.basic(basic.name(), basic.password()));
        }
        return accounts.apiKey(credential);
    }

    private static Optional<String> credential(HttpServerRequest request, SecurityScheme scheme) {
        if (scheme.kind().equals("basic")) {
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)
                    ? Optional.of(authorization) : Optional.empty();
        }
        String value = switch (scheme.location()) {
            case "header" -> request.getHeader(scheme.keyName());
            case "query" -> queryParameter(request.query(), scheme.keyName());
            case "cookie" -> {
                Cookie cookie = request.getCookie(scheme.keyName());
                yield cookie == null ? null : cookie.getValue();
            }
            default -> null;
        };
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static String queryParameter(String query, String name) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        try {
            return UrlEncoded.decode(query, StandardCharsets.UTF_8).getOrDefault(name, List.of()).stream()
                    .findFirst().orElse(null);
        } catch (IllegalArgumentException e) {
            // The properties refuse the query with its own 400 when the request gets that far.
            return null;
        }
    }

    private static String describe(List<List<SecurityScheme>> requirements) {
        List<String> alternatives = new ArrayList<>();
        for (List<SecurityScheme> requirement : requirements) {
            List<String> parts = new ArrayList<>();
            for (SecurityScheme scheme : requirement) {
                parts.add(scheme.kind().equals("basic") ? "HTTP Basic (account name and password)"
                        : "the API key in the " + scheme.location() + " '" + scheme.keyName() + "'");
            }
            alternatives.add(String.join(" and ", parts));
        }
        return String.join(", or ", alternatives);
    }

    private static String challenges(List<List<SecurityScheme>> requirements) {
        Set<String> challenges = new LinkedHashSet<>();
        for (List<SecurityScheme> requirement : requirements) {
            for (SecurityScheme scheme : requirement) {
                challenges.add(scheme.kind().equals("basic") ? "Basic realm=\"flowserver\", charset=\"UTF-8\""
                        : "ApiKey realm=\"flowserver\", in=\"" + scheme.location() + "\", name=\"" + scheme.keyName()
                        + "\"");
            }
        }
        return String.join(", ", challenges);
    }

    /** Where credentials arrive, so that they are left out of the exchange properties. */
    record CredentialFields(Set<String> lowerCaseHeaders, Set<String> queryParameters, Set<String> cookies) {

        /** Only the headers every endpoint hides. */
        static final CredentialFields ALWAYS = credentialFields(List.of());

        /** Whether a header of this name is left out; no allocation per header, this runs for every request. */
        boolean hidesHeader(String name) {
            for (String hidden : lowerCaseHeaders) {
                if (hidden.equalsIgnoreCase(name)) {
                    return true;
                }
            }
            return false;
        }
    }
}
