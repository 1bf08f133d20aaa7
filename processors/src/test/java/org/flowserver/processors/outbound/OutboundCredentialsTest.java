package org.flowserver.processors.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowserver.processors.outbound.AuthTestSupport.await;
import static org.flowserver.processors.outbound.AuthTestSupport.failure;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.flowserver.dsl.RestAuthSpec;
import org.flowserver.dsl.RestAuthSpec.ClientAuthentication;
import org.flowserver.processors.outbound.AuthTestSupport.TestSecrets;
import org.junit.jupiter.api.Test;

class OutboundCredentialsTest {

    private final TestSecrets secrets = new TestSecrets();

    @Test
    void noneAddsNothing() {
        // given
        Credentials credentials = OutboundCredentials.create(new RestAuthSpec.None(), secrets, null, null);

        // when
        List<HttpField> headers = await(credentials.headers());

        // then
        assertThat(credentials).isSameAs(Credentials.NONE);
        assertThat(headers).isEmpty();
    }

    @Test
    void basicSendsUsernameAndPasswordInBase64() {
        // given
        secrets.put("crm-password", "pässword:1");
        Credentials credentials = OutboundCredentials.create(new RestAuthSpec.Basic("alice", "crm-password"),
                secrets, null, null);

        // when
        List<HttpField> headers = await(credentials.headers());

        // then
        String expected = "Basic " + Base64.getEncoder()
                .encodeToString("alice:pässword:1".getBytes(StandardCharsets.UTF_8));
        assertThat(headers).containsExactly(new HttpField("Authorization", expected));
        assertThat(credentials.headerNames()).isEqualTo(Set.of("Authorization"));
        assertThat(credentials.cacheKey()).isEqualTo("basic:alice:crm-password");
    }

    @Test
    void bearerSendsTheTokenSecret() {
        // given
        secrets.put("crm-token", "t0ken");
        Credentials credentials = OutboundCredentials.create(new RestAuthSpec.Bearer("crm-token"), secrets, null,
                null);

        // when
        List<HttpField> headers = await(credentials.headers());

        // then
        assertThat(headers).containsExactly(new HttpField("Authorization", "Bearer t0ken"));
        assertThat(credentials.headerNames()).isEqualTo(Set.of("Authorization"));
        assertThat(credentials.cacheKey()).isEqualTo("bearer:crm-token");
    }

    @Test
    void apiKeySendsTheKeyInItsHeader() {
        // given
        secrets.put("crm-key", "k3y");
        Credentials credentials = OutboundCredentials.create(new RestAuthSpec.ApiKey("X-Api-Key", "crm-key"),
                secrets, null, null);

        // when
        List<HttpField> headers = await(credentials.headers());

        // then
        assertThat(headers).containsExactly(new HttpField("X-Api-Key", "k3y"));
        assertThat(credentials.headerNames()).isEqualTo(Set.of("X-Api-Key"));
        assertThat(credentials.cacheKey()).isEqualTo("apiKey:X-Api-Key:crm-key");
    }

    @Test
    void readsTheSecretAgainAtEveryUse() {
        // given
        secrets.put("crm-token", "old");
        Credentials credentials = OutboundCredentials.create(new RestAuthSpec.Bearer("crm-token"), secrets, null,
                null);
        await(credentials.headers());

        // when
        secrets.put("crm-token", "rotated");
        List<HttpField> headers = await(credentials.headers());

        // then
        assertThat(headers).containsExactly(new HttpField("Authorization", "Bearer rotated"));
    }

    @Test
    void refreshOfAStaticSecretIsTrueOnlyWhenItWasRotated() {
        // given
        secrets.put("crm-token", "old");
        Credentials credentials = OutboundCredentials.create(new RestAuthSpec.Bearer("crm-token"), secrets, null,
                null);
        List<HttpField> rejected = await(credentials.headers());

        // when
        boolean beforeRotation = await(credentials.refresh(rejected));
        secrets.put("crm-token", "rotated");
        boolean afterRotation = await(credentials.refresh(rejected));

        // then
        assertThat(beforeRotation).isFalse();
        assertThat(afterRotation).isTrue();
    }

    @Test
    void missingSecretFailsNamingIt() {
        // given
        Credentials credentials = OutboundCredentials.create(new RestAuthSpec.Bearer("crm-token"), secrets, null,
                null);

        // when
        Throwable failure = failure(credentials.headers());

        // then
        assertThat(failure).isInstanceOf(RestCallException.class).hasMessage("Secret 'crm-token' for the bearer"
                + " token is missing from the server's secret store: expected it under 'secrets' in outbound-config;"
                + " add it there or fix the auth's tokenSecretName");
        assertThat(((RestCallException) failure).kind()).isEqualTo(RestErrorKind.INVALID_CREDENTIALS);
        assertThat(((RestCallException) failure).isTransient()).isFalse();
    }

    @Test
    void secretRemovedAfterCreationFailsAtTheCallNamingIt() {
        // given
        secrets.put("crm-password", "s3cr3t-value");
        Credentials credentials = OutboundCredentials.create(new RestAuthSpec.Basic("alice", "crm-password"),
                secrets, null, null);
        await(credentials.headers());
        secrets.remove("crm-password");

        // when
        Throwable failure = failure(credentials.headers());

        // then
        assertThat(failure).hasMessage("Secret 'crm-password' for the password of basic user 'alice' is missing"
                + " from the server's secret store: expected it under 'secrets' in outbound-config; add it there or"
                + " fix the auth's passwordSecretName");
    }

    @Test
    void unreadableSecretFailsNamingItButNotTheCauseText() {
        // given
        Secrets unreadable = new Secrets() {
            @Override
            public Optional<SecretValue> find(String name) {
                return Optional.of(new SecretValue(name, () -> {
                    throw new IllegalStateException("cannot read /run/secrets/crm-key");
                }));
            }

            @Override
            public boolean allows(String name, String ownerId) {
                return true;
            }

            @Override
            public Set<String> names() {
                return Set.of("crm-key");
            }
        };
        Credentials credentials = OutboundCredentials.create(new RestAuthSpec.ApiKey("X-Api-Key", "crm-key"),
                unreadable, null, null);

        // when
        Throwable failure = failure(credentials.headers());

        // then
        assertThat(failure).hasMessage("Secret 'crm-key' for the API key in header 'X-Api-Key' could not be read"
                + " from the server's secret store: check its file or environment variable");
        assertThat(failure.getCause()).hasMessage("cannot read /run/secrets/crm-key");
    }

    @Test
    void toStringAndCacheKeyNeverShowTheSecret() {
        // given
        secrets.put("crm-password", "s3cr3t-value").put("crm-client-secret", "s3cr3t-value");
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        Credentials basic = OutboundCredentials.create(new RestAuthSpec.Basic("alice", "crm-password"), secrets,
                null, null);
        Credentials oauth = OutboundCredentials.create(new RestAuthSpec.OAuth2ClientCredentials(
                Optional.of("https://login.example.com/token"), Optional.empty(), "flowserver", "crm-client-secret",
                Optional.of("crm.read"), Optional.empty(), ClientAuthentication.BASIC), secrets,
                vertx.createHttpClient(), new TokenCache(new ManualClock()));

        // when
        String shown = basic + " " + basic.cacheKey() + " " + oauth + " " + oauth.cacheKey();
        await(vertx.close());

        // then
        assertThat(shown).doesNotContain("s3cr3t-value");
        assertThat(basic).hasToString("Credentials[basic alice with secret 'crm-password']");
        assertThat(oauth.cacheKey()).isEqualTo("oauth2ClientCredentials:https%3A%2F%2Flogin.example.com%2Ftoken::"
                + "flowserver:crm-client-secret:crm.read:");
    }
}
