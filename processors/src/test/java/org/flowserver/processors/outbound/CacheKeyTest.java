package org.flowserver.processors.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.flowserver.dsl.RestAuthSpec;
import org.flowserver.processors.outbound.AuthTestSupport.TestSecrets;
import org.junit.jupiter.api.Test;

class CacheKeyTest {

    private static final List<HttpField> ACCEPT_JSON = List.of(new HttpField("Accept", "application/json"));

    private final TestSecrets secrets = new TestSecrets().put("crm-password", "s3cr3t-value")
            .put("crm-token", "t0ken").put("other-token", "t0ken");

    @Test
    void isTheHexSha256OfTheCanonicalText() {
        // given
        OutboundRequest request = get("https://crm.example.com/api/customers/42?expand=addresses", ACCEPT_JSON);

        // when
        String key = CacheKey.of("acme", request, Credentials.NONE);

        // then
        assertThat(key).matches("[0-9a-f]{64}");
        assertThat(CacheKey.of("acme", request, Credentials.NONE)).isEqualTo(key);
    }

    @Test
    void canonicalTextHoldsNoSecretValue() {
        // given
        Credentials basic = OutboundCredentials.create(new RestAuthSpec.Basic("alice", "crm-password"), secrets,
                null, null);
        OutboundRequest request = new OutboundRequest("GET", URI.create("https://crm.example.com/api/customers?b=2&a=1"),
                List.of(new HttpField("X-Tenant", "eu"), new HttpField("Accept", "application/json")),
                Optional.of("hi".getBytes(StandardCharsets.UTF_8)));

        // when
        String canonical = CacheKey.canonical("acme", request, basic);

        // then
        assertThat(canonical).doesNotContain("s3cr3t-value").isEqualTo("""
                owner 4:acme
                method 3:GET
                uri 45:https://crm.example.com/api/customers?a=1&b=2
                header 6:accept 16:application/json
                header 8:x-tenant 2:eu
                credentials 24:basic:alice:crm-password
                body 2:aGk=
                """);
    }

    @Test
    void sameKeyForQueryParametersInAnotherOrder() {
        // given
        OutboundRequest first = get("https://crm.example.com/api?b=2&a=1&c=3", List.of());
        OutboundRequest second = get("https://crm.example.com/api?c=3&a=1&b=2", List.of());

        // when
        String firstKey = CacheKey.of("acme", first, Credentials.NONE);
        String secondKey = CacheKey.of("acme", second, Credentials.NONE);

        // then
        assertThat(firstKey).isEqualTo(secondKey);
    }

    @Test
    void valuesOfOneQueryParameterKeepTheirOrder() {
        // given
        OutboundRequest first = get("https://crm.example.com/api?tag=a&tag=b", List.of());
        OutboundRequest second = get("https://crm.example.com/api?tag=b&tag=a", List.of());

        // when
        String firstKey = CacheKey.of("acme", first, Credentials.NONE);
        String secondKey = CacheKey.of("acme", second, Credentials.NONE);

        // then
        assertThat(firstKey).isNotEqualTo(secondKey);
    }

    @Test
    void sameKeyForHeadersInAnotherOrderAndCase() {
        // given
        OutboundRequest first = get("https://crm.example.com/api", List.of(new HttpField("Accept", "text/plain"),
                new HttpField("X-Tenant", "eu")));
        OutboundRequest second = get("https://crm.example.com/api", List.of(new HttpField("x-tenant", "eu"),
                new HttpField("ACCEPT", "text/plain")));

        // when
        String firstKey = CacheKey.of("acme", first, Credentials.NONE);
        String secondKey = CacheKey.of("acme", second, Credentials.NONE);

        // then
        assertThat(firstKey).isEqualTo(secondKey);
    }

    @Test
    void keysDifferByHeader() {
        // given
        OutboundRequest json = get("https://crm.example.com/api", ACCEPT_JSON);
        OutboundRequest xml = get("https://crm.example.com/api", List.of(new HttpField("Accept", "application/xml")));

        // when
        String jsonKey = CacheKey.of("acme", json, Credentials.NONE);
        String xmlKey = CacheKey.of("acme", xml, Credentials.NONE);

        // then
        assertThat(jsonKey).isNotEqualTo(xmlKey);
    }

    @Test
    void keysDifferByQuery() {
        // given
        OutboundRequest first = get("https://crm.example.com/api?page=1", List.of());
        OutboundRequest second = get("https://crm.example.com/api?page=2", List.of());

        // when
        String firstKey = CacheKey.of("acme", first, Credentials.NONE);
        String secondKey = CacheKey.of("acme", second, Credentials.NONE);

        // then
        assertThat(firstKey).isNotEqualTo(secondKey);
    }

    @Test
    void keysDifferByBody() {
        // given
        URI uri = URI.create("https://crm.example.com/api/search");
        OutboundRequest first = new OutboundRequest("GET", uri, List.of(), Optional.of(new byte[] {1, 2}));
        OutboundRequest second = new OutboundRequest("GET", uri, List.of(), Optional.of(new byte[] {1, 3}));
        OutboundRequest empty = new OutboundRequest("GET", uri, List.of(), Optional.of(new byte[0]));
        OutboundRequest none = new OutboundRequest("GET", uri, List.of(), Optional.empty());

        // when
        List<String> keys = List.of(CacheKey.of("acme", first, Credentials.NONE),
                CacheKey.of("acme", second, Credentials.NONE), CacheKey.of("acme", empty, Credentials.NONE),
                CacheKey.of("acme", none, Credentials.NONE));

        // then
        assertThat(keys).doesNotHaveDuplicates();
    }

    @Test
    void keysDifferByOwner() {
        // given
        OutboundRequest request = get("https://crm.example.com/api", ACCEPT_JSON);

        // when
        String acme = CacheKey.of("acme", request, Credentials.NONE);
        String globex = CacheKey.of("globex", request, Credentials.NONE);

        // then
        assertThat(acme).isNotEqualTo(globex);
    }

    @Test
    void keysDifferByCredentialsIdentityNotBySecretValue() {
        // given: two bearer secrets with the same value, and a Basic user
        OutboundRequest request = get("https://crm.example.com/api", ACCEPT_JSON);
        Credentials crm = OutboundCredentials.create(new RestAuthSpec.Bearer("crm-token"), secrets, null, null);
        Credentials other = OutboundCredentials.create(new RestAuthSpec.Bearer("other-token"), secrets, null, null);
        Credentials alice = OutboundCredentials.create(new RestAuthSpec.Basic("alice", "crm-password"), secrets,
                null, null);
        Credentials bob = OutboundCredentials.create(new RestAuthSpec.Basic("bob", "crm-password"), secrets,
                null, null);

        // when
        List<String> keys = List.of(CacheKey.of("acme", request, crm), CacheKey.of("acme", request, other),
                CacheKey.of("acme", request, alice), CacheKey.of("acme", request, bob),
                CacheKey.of("acme", request, Credentials.NONE));

        // then
        assertThat(keys).doesNotHaveDuplicates();
    }

    @Test
    void valuesCannotRunIntoTheNextPart() {
        // given: the same characters split differently between two headers
        OutboundRequest first = get("https://crm.example.com/api", List.of(new HttpField("X-A", "1\nheader 3:x-b"),
                new HttpField("X-C", "2")));
        OutboundRequest second = get("https://crm.example.com/api", List.of(new HttpField("X-A", "1"),
                new HttpField("X-B", "\nheader 3:x-c 1:2")));

        // when
        String firstKey = CacheKey.of("acme", first, Credentials.NONE);
        String secondKey = CacheKey.of("acme", second, Credentials.NONE);

        // then
        assertThat(firstKey).isNotEqualTo(secondKey);
    }

    private static OutboundRequest get(String uri, List<HttpField> headers) {
        return new OutboundRequest("GET", URI.create(uri), headers, Optional.empty());
    }
}
