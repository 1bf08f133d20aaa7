package org.flowserver.processors.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowserver.processors.outbound.OutboundFixtures.CONTEXT;
import static org.flowserver.processors.outbound.OutboundFixtures.await;
import static org.flowserver.processors.outbound.OutboundFixtures.failure;
import static org.flowserver.processors.outbound.OutboundFixtures.get;
import static org.flowserver.processors.outbound.OutboundFixtures.request;
import static org.flowserver.processors.outbound.OutboundFixtures.settings;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.flowserver.processors.outbound.LoopbackServer.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A 401 to credentials that can be refreshed: one refresh and one resend per call, then invalid-credentials. */
class UnauthorizedResendTest {

    private static Vertx vertx;
    private LoopbackServer server;
    private OutboundHttp http;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertx() {
        await(vertx.close());
    }

    @BeforeEach
    void start() {
        server = LoopbackServer.start(vertx);
        http = OutboundHttp.create(vertx, OutboundDefaults.DEFAULT, List.of(), Secrets.NONE, new ManualClock());
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    @Test
    void resendsOnceWithRefreshedCredentialsAfterA401() {
        // given
        server.answer(Answer.of(401), Answer.json(201, "{}"));
        TestCredentials credentials = TestCredentials.bearer("old", "new");

        // when
        OutboundResponse response = await(http.direct().send(request("POST", server.url("/orders"), "{\"n\":1}"),
                settings().build(), credentials, CONTEXT));

        // then
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.attempts()).isEqualTo(1);
        assertThat(credentials.refreshes()).containsExactly(List.of(new HttpField("Authorization", "Bearer old")));
        assertThat(server.received()).extracting(received -> received.header("Authorization"))
                .containsExactly("Bearer old", "Bearer new");
        assertThat(server.received()).extracting(LoopbackServer.Received::bodyText)
                .containsExactly("{\"n\":1}", "{\"n\":1}");
    }

    @Test
    void failsWithInvalidCredentialsAfterExactlyOneRefresh() {
        // given
        server.fallback(Answer.of(401).body("token expired"));
        TestCredentials credentials = TestCredentials.bearer("old", "new", "newer");

        // when
        RestCallException failure = failure(http.direct().send(get(server.url("/x")), settings().build(),
                credentials, CONTEXT));

        // then
        assertThat(failure).hasMessage("GET " + server.url("/x") + " answered 401 (invalid-credentials) after 1 "
                + "attempt");
        assertThat(failure.kind()).isEqualTo(RestErrorKind.INVALID_CREDENTIALS);
        assertThat(failure.body()).isEqualTo("token expired");
        assertThat(credentials.refreshes()).hasSize(1);
        assertThat(server.count()).isEqualTo(2);
    }

    @Test
    void doesNotResendWhenTheCredentialsCannotBeRefreshed() {
        // given
        server.fallback(Answer.of(401));
        TestCredentials credentials = TestCredentials.apiKey("X-Api-Key", "k-123");

        // when
        RestCallException failure = failure(http.direct().send(get(server.url("/x")), settings().build(),
                credentials, CONTEXT));

        // then
        assertThat(failure.kind()).isEqualTo(RestErrorKind.INVALID_CREDENTIALS);
        assertThat(credentials.refreshes()).hasSize(1);
        assertThat(server.count()).isEqualTo(1);
    }

    @Test
    void refreshesNothingWithoutCredentials() {
        // given
        server.fallback(Answer.of(401));

        // when
        RestCallException failure = failure(http.direct().send(get(server.url("/x")), settings().build(),
                Credentials.NONE, CONTEXT));

        // then
        assertThat(failure.kind()).isEqualTo(RestErrorKind.INVALID_CREDENTIALS);
        assertThat(server.count()).isEqualTo(1);
    }

    @Test
    void failsWithTheCredentialsKindWhenTheyCannotBeObtained() {
        // given: a token endpoint that refused the client
        RestCallException refused = new RestCallException("POST https://login.example.com/token answered 401 "
                + "(invalid-credentials) after 1 attempt", RestErrorKind.INVALID_CREDENTIALS, OptionalInt.of(401), "",
                1, false, false, null);
        Credentials failing = new Credentials() {
            @Override
            public Future<List<HttpField>> headers() {
                return Future.failedFuture(refused);
            }

            @Override
            public Future<Boolean> refresh(List<HttpField> rejected) {
                return Future.succeededFuture(false);
            }

            @Override
            public Set<String> headerNames() {
                return Set.of("Authorization");
            }

            @Override
            public String cacheKey() {
                return "oauth2:crm-client-secret";
            }
        };

        // when
        RestCallException failure = failure(http.direct().send(get(server.url("/x")), settings().build(), failing,
                CONTEXT));

        // then
        assertThat(failure).hasMessage("GET " + server.url("/x") + " failed (invalid-credentials) after 1 attempt: "
                + "the credentials could not be obtained: POST https://login.example.com/token answered 401 "
                + "(invalid-credentials) after 1 attempt");
        assertThat(failure.statusCode()).isEmpty();
        assertThat(failure).hasCause(refused);
        assertThat(server.count()).isZero();
    }
}
