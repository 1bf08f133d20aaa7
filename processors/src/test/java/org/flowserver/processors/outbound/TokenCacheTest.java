package org.flowserver.processors.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowserver.processors.outbound.AuthTestSupport.await;
import static org.flowserver.processors.outbound.AuthTestSupport.concurrently;
import static org.flowserver.processors.outbound.AuthTestSupport.failure;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flowserver.dsl.RestAuthSpec.ClientAuthentication;
import org.flowserver.dsl.RestAuthSpec.OAuth2ClientCredentials;
import org.flowserver.processors.outbound.AuthTestSupport.TestSecrets;
import org.flowserver.processors.outbound.LoopbackServer.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OAuth 2.0 client credentials against a real token endpoint on loopback, time moved by hand. */
class TokenCacheTest {

    private static Vertx vertx;
    private static HttpClient client;

    private final ManualClock clock = new ManualClock();
    private final TokenCache tokens = new TokenCache(clock);
    private final TestSecrets secrets = new TestSecrets().put("crm-client-secret", "s3cr3t");
    /** Answers sent before any token is issued, in order. */
    private final Queue<Answer> scripted = new ConcurrentLinkedQueue<>();
    private final AtomicInteger issued = new AtomicInteger();
    /** The JSON value of expires_in in issued tokens; null leaves it out. */
    private volatile String expiresIn = "3600";
    /** When set, the next token request is handed here instead of answered. */
    private volatile CompletableFuture<HttpServerRequest> held;
    /** The issuer the discovery document names; null names the one asked for. */
    private volatile String documentIssuer;
    private LoopbackServer idp;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
        client = vertx.createHttpClient();
    }

    @AfterAll
    static void stopVertx() {
        await(vertx.close());
    }

    @BeforeEach
    void startIdentityProvider() {
        idp = LoopbackServer.start(vertx).handler(this::answer);
    }

    @AfterEach
    void stopIdentityProvider() {
        idp.close();
    }

    @Test
    void twoCallsShareOneTokenRequest() {
        // given
        Credentials credentials = credentials(auth());

        // when
        String first = authorization(credentials);
        String second = authorization(credentials);

        // then
        assertThat(first).isEqualTo("Bearer token-1");
        assertThat(second).isEqualTo("Bearer token-1");
        assertThat(tokenRequests()).isEqualTo(1);
    }

    @Test
    void fetchesANewTokenOnceExpiryMinusSkewIsReached() {
        // given: 3600 s of life, 30 s of skew
        Credentials credentials = credentials(auth());
        authorization(credentials);
        clock.advance(Duration.ofSeconds(3569));
        String beforeSkew = authorization(credentials);

        // when
        clock.advance(Duration.ofSeconds(1));
        String atSkew = authorization(credentials);

        // then
        assertThat(beforeSkew).isEqualTo("Bearer token-1");
        assertThat(atSkew).isEqualTo("Bearer token-2");
        assertThat(tokenRequests()).isEqualTo(2);
    }

    @Test
    void takesThreeHundredSecondsWhenExpiresInIsAbsent() {
        // given
        expiresIn = null;
        Credentials credentials = credentials(auth());
        authorization(credentials);
        clock.advance(Duration.ofSeconds(269));
        String beforeSkew = authorization(credentials);

        // when
        clock.advance(Duration.ofSeconds(1));
        String atSkew = authorization(credentials);

        // then
        assertThat(beforeSkew).isEqualTo("Bearer token-1");
        assertThat(atSkew).isEqualTo("Bearer token-2");
    }

    @Test
    void skewOfAShortLivedTokenIsHalfItsLifetime() {
        // given: 20 s of life, 10 s of skew
        expiresIn = "\"20\"";
        Credentials credentials = credentials(auth());
        authorization(credentials);
        clock.advance(Duration.ofSeconds(9));
        String beforeSkew = authorization(credentials);

        // when
        clock.advance(Duration.ofSeconds(1));
        String atSkew = authorization(credentials);

        // then
        assertThat(beforeSkew).isEqualTo("Bearer token-1");
        assertThat(atSkew).isEqualTo("Bearer token-2");
    }

    @Test
    void tenConcurrentCallsMakeOneTokenRequest() throws Exception {
        // given
        Credentials credentials = credentials(auth());
        CompletableFuture<HttpServerRequest> hold = new CompletableFuture<>();
        held = hold;

        // when
        List<Future<List<HttpField>>> calls = concurrently(10, credentials::headers);
        sendToken(hold.get(10, TimeUnit.SECONDS));

        // then
        for (Future<List<HttpField>> call : calls) {
            assertThat(await(call)).containsExactly(new HttpField("Authorization", "Bearer token-1"));
        }
        assertThat(tokenRequests()).isEqualTo(1);
    }

    @Test
    void refreshAfter401WithTheCurrentTokenFetchesOnceAndIsTrue() {
        // given
        Credentials credentials = credentials(auth());
        List<HttpField> rejected = await(credentials.headers());

        // when
        boolean refreshed = await(credentials.refresh(rejected));

        // then
        assertThat(refreshed).isTrue();
        assertThat(tokenRequests()).isEqualTo(2);
        assertThat(authorization(credentials)).isEqualTo("Bearer token-2");
        assertThat(tokenRequests()).isEqualTo(2);
    }

    @Test
    void refreshWithAStaleTokenFetchesNothingAndIsTrue() {
        // given
        Credentials credentials = credentials(auth());
        List<HttpField> stale = await(credentials.headers());
        await(credentials.refresh(stale));

        // when
        boolean refreshed = await(credentials.refresh(stale));

        // then
        assertThat(refreshed).isTrue();
        assertThat(tokenRequests()).isEqualTo(2);
    }

    @Test
    void tenConcurrentRefreshesOfOneTokenMakeOneRequest() throws Exception {
        // given
        Credentials credentials = credentials(auth());
        List<HttpField> rejected = await(credentials.headers());
        CompletableFuture<HttpServerRequest> hold = new CompletableFuture<>();
        held = hold;

        // when
        List<Future<Boolean>> refreshes = concurrently(10, () -> credentials.refresh(rejected));
        sendToken(hold.get(10, TimeUnit.SECONDS));

        // then
        for (Future<Boolean> refresh : refreshes) {
            assertThat(await(refresh)).isTrue();
        }
        assertThat(tokenRequests()).isEqualTo(2);
        assertThat(authorization(credentials)).isEqualTo("Bearer token-2");
    }

    @Test
    void refreshWithoutOurTokenIsFalse() {
        // given
        Credentials credentials = credentials(auth());

        // when
        boolean refreshed = await(credentials.refresh(List.of(new HttpField("Accept", "application/json"))));

        // then
        assertThat(refreshed).isFalse();
        assertThat(tokenRequests()).isZero();
    }

    @Test
    void sendsTheClientSecretAsBasicFormEncodedFirst() {
        // given
        secrets.put("crm-client-secret", "s3cr3t:+/ é");
        Credentials credentials = credentials(auth());

        // when
        authorization(credentials);

        // then
        LoopbackServer.Received request = idp.last();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        String basic = request.header("Authorization");
        assertThat(basic).startsWith("Basic ");
        assertThat(new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8))
                .isEqualTo("flowserver:s3cr3t%3A%2B%2F+%C3%A9");
        assertThat(request.bodyText()).isEqualTo("grant_type=client_credentials");
    }

    @Test
    void sendsTheClientSecretInTheFormWithPost() {
        // given
        Credentials credentials = credentials(new OAuth2ClientCredentials(Optional.of(idp.url("/token")),
                Optional.empty(), "flowserver", "crm-client-secret", Optional.empty(), Optional.empty(),
                ClientAuthentication.POST));

        // when
        authorization(credentials);

        // then
        assertThat(idp.last().header("Authorization")).isNull();
        assertThat(idp.last().bodyText())
                .isEqualTo("grant_type=client_credentials&client_id=flowserver&client_secret=s3cr3t");
    }

    @Test
    void sendsScopeAndAudienceInTheForm() {
        // given
        Credentials credentials = credentials(new OAuth2ClientCredentials(Optional.of(idp.url("/token")),
                Optional.empty(), "flowserver", "crm-client-secret", Optional.of("crm.read crm.write"),
                Optional.of("https://crm.example.com"), ClientAuthentication.BASIC));

        // when
        authorization(credentials);

        // then
        assertThat(idp.last().bodyText()).isEqualTo("grant_type=client_credentials&scope=crm.read+crm.write"
                + "&audience=https%3A%2F%2Fcrm.example.com");
    }

    @Test
    void tokensOfAnotherScopeAreKeptApart() {
        // given
        Credentials read = credentials(auth());
        Credentials write = credentials(new OAuth2ClientCredentials(Optional.of(idp.url("/token")),
                Optional.empty(), "flowserver", "crm-client-secret", Optional.of("crm.write"), Optional.empty(),
                ClientAuthentication.BASIC));

        // when
        String first = authorization(read);
        String second = authorization(write);

        // then
        assertThat(first).isEqualTo("Bearer token-1");
        assertThat(second).isEqualTo("Bearer token-2");
    }

    @Test
    void refusalByTheTokenEndpointIsInvalidCredentialsWithoutItsBody() {
        // given
        scripted.add(Answer.json(401, "{\"error\":\"invalid_client\",\"client_secret\":\"s3cr3t\"}"));
        Credentials credentials = credentials(new OAuth2ClientCredentials(
                Optional.of(idp.url("/token?tenant=acme")), Optional.empty(), "flowserver", "crm-client-secret",
                Optional.empty(), Optional.empty(), ClientAuthentication.BASIC));

        // when
        Throwable failure = failure(credentials.headers());

        // then
        assertThat(failure).isInstanceOf(RestCallException.class).hasMessage("OAuth 2.0 token request for client"
                + " 'flowserver' to POST " + idp.url("/token") + " answered 401 (invalid-credentials): the token"
                + " endpoint refused the request; check clientId 'flowserver', the client secret in secret"
                + " 'crm-client-secret', scope and audience (the answer's body is not shown: it may echo"
                + " credentials)");
        RestCallException exception = (RestCallException) failure;
        assertThat(exception.kind()).isEqualTo(RestErrorKind.INVALID_CREDENTIALS);
        assertThat(exception.statusCode()).hasValue(401);
        assertThat(exception.body()).isEmpty();
        assertThat(exception.isTransient()).isFalse();
    }

    @Test
    void badRequestFromTheTokenEndpointIsInvalidCredentials() {
        // given
        scripted.add(Answer.json(400, "{\"error\":\"invalid_scope\"}"));
        Credentials credentials = credentials(auth());

        // when
        Throwable failure = failure(credentials.headers());

        // then
        assertThat(((RestCallException) failure).kind()).isEqualTo(RestErrorKind.INVALID_CREDENTIALS);
        assertThat(failure.getMessage()).contains(" answered 400 (invalid-credentials): ")
                .doesNotContain("invalid_scope");
    }

    @Test
    void unavailableTokenEndpointIsTransient() {
        // given
        scripted.add(Answer.of(503).body("down for maintenance"));
        Credentials credentials = credentials(auth());

        // when
        Throwable failure = failure(credentials.headers());

        // then
        assertThat(failure).hasMessage("OAuth 2.0 token request for client 'flowserver' to POST "
                + idp.url("/token") + " answered 503 (service-unavailable): the identity provider is failing or"
                + " busy; a later try may succeed");
        RestCallException exception = (RestCallException) failure;
        assertThat(exception.kind()).isEqualTo(RestErrorKind.SERVICE_UNAVAILABLE);
        assertThat(exception.isTransient()).isTrue();
        assertThat(exception.attempts()).isEqualTo(1);
        assertThat(exception.body()).isEmpty();
    }

    @Test
    void failedTokenRequestIsNotKept() {
        // given
        scripted.add(Answer.of(500));
        Credentials credentials = credentials(auth());
        Throwable first = failure(credentials.headers());

        // when
        String second = authorization(credentials);

        // then
        assertThat(((RestCallException) first).kind()).isEqualTo(RestErrorKind.SERVER_ERROR);
        assertThat(second).isEqualTo("Bearer token-1");
        assertThat(tokenRequests()).isEqualTo(2);
    }

    @Test
    void unreachableTokenEndpointIsATransientConnectionFailure() {
        // given
        LoopbackServer gone = LoopbackServer.start(vertx);
        String url = gone.url("/token");
        gone.close();
        Credentials credentials = credentials(new OAuth2ClientCredentials(Optional.of(url), Optional.empty(),
                "flowserver", "crm-client-secret", Optional.empty(), Optional.empty(), ClientAuthentication.BASIC));

        // when
        Throwable failure = failure(credentials.headers());

        // then
        assertThat(failure).hasMessage("OAuth 2.0 token request for client 'flowserver' to POST " + url
                + " failed to connect or was cut off (connection): refused, reset or unreachable; a later try may"
                + " succeed");
        assertThat(((RestCallException) failure).kind()).isEqualTo(RestErrorKind.CONNECTION);
        assertThat(((RestCallException) failure).isTransient()).isTrue();
    }

    @Test
    void silentTokenEndpointIsATransientTimeout() {
        // given: the endpoint keeps the request and never answers
        CompletableFuture<HttpServerRequest> hold = new CompletableFuture<>();
        held = hold;
        TokenCache quick = new TokenCache(clock, Duration.ofMillis(300));
        Credentials credentials = OutboundCredentials.create(auth(), secrets, client, quick);

        // when
        Throwable failure = failure(credentials.headers());

        // then
        assertThat(failure).hasMessage("OAuth 2.0 token request for client 'flowserver' to POST " + idp.url("/token")
                + " got no answer within 300 ms (timeout); a later try may succeed");
        assertThat(((RestCallException) failure).kind()).isEqualTo(RestErrorKind.TIMEOUT);
        assertThat(((RestCallException) failure).isTransient()).isTrue();
    }

    @Test
    void tokenEndpointThatDripsItsAnswerIsCutOffAtTheTimeout() throws Exception {
        // given: headers, then a space every 50 ms, so the connection is never idle for long
        CompletableFuture<HttpServerRequest> hold = new CompletableFuture<>();
        held = hold;
        TokenCache quick = new TokenCache(clock, Duration.ofMillis(300));
        Credentials credentials = OutboundCredentials.create(auth(), secrets, client, quick);
        Future<List<HttpField>> call = credentials.headers();
        HttpServerRequest request = hold.get(10, TimeUnit.SECONDS);
        var response = request.response().setChunked(true).putHeader("Content-Type", "application/json");
        response.write("{");
        long drip = vertx.setPeriodic(50, id -> {
            if (!response.closed()) {
                response.write(" ");
            }
        });

        // when
        Throwable failure = failure(call);

        // then
        vertx.cancelTimer(drip);
        assertThat(failure).hasMessage("OAuth 2.0 token request for client 'flowserver' to POST " + idp.url("/token")
                + " got no answer within 300 ms (timeout); a later try may succeed");
    }

    @Test
    void answerWithoutAccessTokenIsRefused() {
        // given
        scripted.add(Answer.json(200, "{\"token_type\":\"Bearer\"}"));
        Credentials credentials = credentials(auth());

        // when
        Throwable failure = failure(credentials.headers());

        // then
        assertThat(failure).hasMessage("OAuth 2.0 token request for client 'flowserver' to POST " + idp.url("/token")
                + " answered 200 with no access_token: expected a JSON object with a non-empty string access_token"
                + " (RFC 6749 §5.1)");
        assertThat(((RestCallException) failure).kind()).isEqualTo(RestErrorKind.INVALID_CREDENTIALS);
    }

    @Test
    void tokenAnswerThatIsNoJsonObjectIsRefusedWithoutItsBody() {
        // given
        scripted.add(Answer.json(200, "[\"access_token\", \"s3cr3t\"]"));
        Credentials credentials = credentials(auth());

        // when
        Throwable failure = failure(credentials.headers());

        // then
        assertThat(failure).hasMessage("OAuth 2.0 token request for client 'flowserver' to POST " + idp.url("/token")
                + " answered 200 with a body that is not a JSON object: expected access_token, token_type and"
                + " expires_in (RFC 6749 §5.1)");
        assertThat(((RestCallException) failure).kind()).isEqualTo(RestErrorKind.INVALID_CREDENTIALS);
    }

    @Test
    void tokenTypeOtherThanBearerIsRefused() {
        // given
        scripted.add(Answer.json(200, "{\"access_token\":\"abc\",\"token_type\":\"mac\"}"));
        Credentials credentials = credentials(auth());

        // when
        Throwable failure = failure(credentials.headers());

        // then
        assertThat(failure).hasMessage("OAuth 2.0 token request for client 'flowserver' to POST " + idp.url("/token")
                + " answered token_type 'mac': expected 'Bearer' (RFC 6750)");
    }

    @Test
    void tokenTypeBearerIsAcceptedIgnoringCase() {
        // given
        scripted.add(Answer.json(200, "{\"access_token\":\"abc\",\"token_type\":\"bearer\"}"));
        Credentials credentials = credentials(auth());

        // when
        String authorization = authorization(credentials);

        // then
        assertThat(authorization).isEqualTo("Bearer abc");
    }

    @Test
    void tokenResponseLargerThan64KiBIsRefused() {
        // given
        scripted.add(Answer.json(200, "{\"access_token\":\"" + "a".repeat(70 * 1024) + "\"}"));
        Credentials credentials = credentials(auth());

        // when
        Throwable failure = failure(credentials.headers());

        // then
        assertThat(failure).hasMessage("OAuth 2.0 token request for client 'flowserver' to POST " + idp.url("/token")
                + " answered more than 65536 bytes (token response too large): expected a small JSON object");
        assertThat(((RestCallException) failure).kind()).isEqualTo(RestErrorKind.INVALID_CREDENTIALS);
    }

    @Test
    void missingClientSecretFailsNamingIt() {
        // given
        secrets.remove("crm-client-secret");
        Credentials credentials = credentials(auth());

        // when
        Throwable failure = failure(credentials.headers());

        // then
        assertThat(failure).hasMessage("Secret 'crm-client-secret' for the client secret of OAuth 2.0 client"
                + " 'flowserver' is missing from the server's secret store: expected it under 'secrets' in"
                + " outbound-config; add it there or fix the auth's clientSecretName");
        assertThat(tokenRequests()).isZero();
    }

    @Test
    void discoveryIsReadOnceForManyCallsAndAgainAfterAnHour() {
        // given: tokens live longer than the discovered endpoint is kept
        expiresIn = "7200";
        Credentials credentials = credentials(issuerAuth(idp.url("/realms/acme")));
        authorization(credentials);
        authorization(credentials);
        clock.advance(Duration.ofMinutes(59));
        authorization(credentials);
        int readsWithinTheHour = discoveryRequests();

        // when
        clock.advance(Duration.ofMinutes(1));
        String afterTheHour = authorization(credentials);

        // then
        assertThat(readsWithinTheHour).isEqualTo(1);
        assertThat(discoveryRequests()).isEqualTo(2);
        assertThat(afterTheHour).isEqualTo("Bearer token-1");
        assertThat(tokenRequests()).isEqualTo(1);
        assertThat(idp.received().get(1).uri()).isEqualTo("/realms/acme/token");
    }

    @Test
    void concurrentCallsShareOneDiscovery() throws Exception {
        // given
        Credentials credentials = credentials(issuerAuth(idp.url("/realms/acme")));

        // when
        List<Future<List<HttpField>>> calls = concurrently(10, credentials::headers);

        // then
        for (Future<List<HttpField>> call : calls) {
            assertThat(await(call)).containsExactly(new HttpField("Authorization", "Bearer token-1"));
        }
        assertThat(discoveryRequests()).isEqualTo(1);
        assertThat(tokenRequests()).isEqualTo(1);
    }

    @Test
    void issuerWithATrailingSlashMatchesItsDocument() {
        // given
        Credentials credentials = credentials(issuerAuth(idp.url("/realms/acme/")));

        // when
        String authorization = authorization(credentials);

        // then
        assertThat(authorization).isEqualTo("Bearer token-1");
        assertThat(idp.received().get(0).uri()).isEqualTo("/realms/acme/.well-known/openid-configuration");
    }

    @Test
    void documentOfAnotherIssuerIsRefused() {
        // given
        documentIssuer = "https://evil.example.com/realms/acme";
        String issuer = idp.url("/realms/acme");
        Credentials credentials = credentials(issuerAuth(issuer));

        // when
        Throwable failure = failure(credentials.headers());

        // then
        assertThat(failure).hasMessage("OpenID discovery for issuer '" + issuer + "' at GET " + issuer
                + "/.well-known/openid-configuration answered a document of issuer"
                + " 'https://evil.example.com/realms/acme': expected exactly '" + issuer + "' (OpenID Connect"
                + " Discovery 1.0 §4.3); fix the auth's issuer, or the identity provider's");
        assertThat(((RestCallException) failure).kind()).isEqualTo(RestErrorKind.INVALID_CREDENTIALS);
        assertThat(tokenRequests()).isZero();
    }

    @Test
    void missingDiscoveryDocumentIsInvalidCredentials() {
        // given
        scripted.add(Answer.of(404).body("no such realm"));
        String issuer = idp.url("/realms/nope");
        Credentials credentials = credentials(issuerAuth(issuer));

        // when
        Throwable failure = failure(credentials.headers());

        // then
        assertThat(failure).hasMessage("OpenID discovery for issuer '" + issuer + "' at GET " + issuer
                + "/.well-known/openid-configuration answered 404 (invalid-credentials): expected 200 with the"
                + " discovery document; check the auth's issuer (the answer's body is not shown: it may echo"
                + " credentials)");
    }

    @Test
    void discoveryDocumentThatIsNoJsonObjectIsInvalidCredentials() {
        // given
        scripted.add(Answer.of(200).body("<html>login</html>"));
        String issuer = idp.url("/realms/acme");
        Credentials credentials = credentials(issuerAuth(issuer));

        // when
        Throwable failure = failure(credentials.headers());

        // then
        assertThat(failure).hasMessage("OpenID discovery for issuer '" + issuer + "' at GET " + issuer
                + "/.well-known/openid-configuration answered 200 with a body that is not a JSON object: expected the"
                + " discovery document, a JSON object with issuer and token_endpoint");
        assertThat(((RestCallException) failure).kind()).isEqualTo(RestErrorKind.INVALID_CREDENTIALS);
        assertThat(tokenRequests()).isZero();
    }

    private OAuth2ClientCredentials auth() {
        return new OAuth2ClientCredentials(Optional.of(idp.url("/token")), Optional.empty(), "flowserver",
                "crm-client-secret", Optional.empty(), Optional.empty(), ClientAuthentication.BASIC);
    }

    private static OAuth2ClientCredentials issuerAuth(String issuer) {
        return new OAuth2ClientCredentials(Optional.empty(), Optional.of(issuer), "flowserver", "crm-client-secret",
                Optional.empty(), Optional.empty(), ClientAuthentication.BASIC);
    }

    private Credentials credentials(OAuth2ClientCredentials auth) {
        return OutboundCredentials.create(auth, secrets, client, tokens);
    }

    private static String authorization(Credentials credentials) {
        List<HttpField> headers = await(credentials.headers());
        assertThat(headers).hasSize(1);
        return headers.get(0).value();
    }

    private int tokenRequests() {
        return (int) idp.received().stream().filter(request -> !request.uri().endsWith(OpenIdDiscovery.WELL_KNOWN))
                .count();
    }

    private int discoveryRequests() {
        return (int) idp.received().stream().filter(request -> request.uri().endsWith(OpenIdDiscovery.WELL_KNOWN))
                .count();
    }

    private void answer(HttpServerRequest request) {
        if (request.path().endsWith(OpenIdDiscovery.WELL_KNOWN)) {
            Answer next = scripted.poll();
            if (next != null) {
                send(request, next);
                return;
            }
            String issuer = request.absoluteURI().replace(OpenIdDiscovery.WELL_KNOWN, "");
            String named = documentIssuer != null ? documentIssuer : issuer;
            send(request, Answer.json(200, "{\"issuer\":\"" + named + "\",\"token_endpoint\":\"" + issuer
                    + "/token\",\"jwks_uri\":\"" + issuer + "/certs\"}"));
            return;
        }
        CompletableFuture<HttpServerRequest> hold = held;
        if (hold != null) {
            held = null;
            hold.complete(request);
            return;
        }
        Answer next = scripted.poll();
        if (next != null) {
            send(request, next);
        } else {
            sendToken(request);
        }
    }

    private void sendToken(HttpServerRequest request) {
        String lifetime = expiresIn == null ? "" : ",\"expires_in\":" + expiresIn;
        send(request, Answer.json(200, "{\"access_token\":\"token-" + issued.incrementAndGet()
                + "\",\"token_type\":\"Bearer\"" + lifetime + "}"));
    }

    private static void send(HttpServerRequest request, Answer answer) {
        var response = request.response().setStatusCode(answer.status());
        answer.headers().forEach(field -> response.headers().add(field.name(), field.value()));
        response.end(io.vertx.core.buffer.Buffer.buffer(answer.body()));
    }
}
