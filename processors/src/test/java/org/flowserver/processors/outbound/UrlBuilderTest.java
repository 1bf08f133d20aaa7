package org.flowserver.processors.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.flowserver.dsl.RestTarget;
import org.flowserver.processors.ExpressionLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlBuilderTest {

    private static CamelContext camel;

    @BeforeAll
    static void startCamel() {
        camel = new DefaultCamelContext();
    }

    @AfterAll
    static void stopCamel() throws Exception {
        camel.close();
    }

    @Test
    void buildsTheSeedUrlFromItsParts() {
        // given: Cloudomation's example, design record §2
        RestTarget target = new RestTarget.Parts("https", "httpbin.org", OptionalInt.empty(), "anything", "some/path");

        // when
        URI uri = build(target, Map.of("query", List.of("parameter")), exchange(null));

        // then
        assertThat(uri.toString()).isEqualTo("https://httpbin.org/anything/some/path?query=parameter");
    }

    @ParameterizedTest
    @CsvSource({"anything,some/path", "anything/,/some/path", "/anything/,some/path", "/anything//,//some/path"})
    void joinsBasePathAndPathWithExactlyOneSlash(String basePath, String path) {
        // given
        RestTarget target = new RestTarget.Parts("https", "httpbin.org", OptionalInt.empty(), basePath, path);

        // when
        URI uri = build(target, Map.of(), exchange(null));

        // then
        assertThat(uri.toString()).isEqualTo("https://httpbin.org/anything/some/path");
    }

    @Test
    void skipsAnEmptyBasePath() {
        // given
        RestTarget target = new RestTarget.Parts("http", "files.internal", OptionalInt.of(8081), "", "/some/path");

        // when
        URI uri = build(target, Map.of(), exchange(null));

        // then
        assertThat(uri.toString()).isEqualTo("http://files.internal:8081/some/path");
    }

    @Test
    void keepsATrailingSlashOfThePath() {
        // given
        RestTarget target = new RestTarget.Parts("https", "httpbin.org", OptionalInt.empty(), "anything", "dir/");

        // when
        URI uri = build(target, Map.of(), exchange(null));

        // then
        assertThat(uri.toString()).isEqualTo("https://httpbin.org/anything/dir/");
    }

    @ParameterizedTest
    @CsvSource({"https,443,https://api.example.com/", "http,80,http://api.example.com/",
            "https,80,https://api.example.com:80/", "http,8443,http://api.example.com:8443/"})
    void leavesOutThePortOnlyWhenItIsTheSchemesDefault(String scheme, int port, String expected) {
        // given
        RestTarget target = new RestTarget.Parts(scheme, "api.example.com", OptionalInt.of(port), "", "");

        // when
        URI uri = build(target, Map.of(), exchange(null));

        // then
        assertThat(uri.toString()).isEqualTo(expected);
    }

    @Test
    void encodesASlashInAPlaceholderValueOfAPath() {
        // given
        RestTarget target = new RestTarget.Parts("https", "crm.example.com", OptionalInt.empty(), "api",
                "customers/{payload.id}");

        // when
        URI uri = build(target, Map.of(), exchange(Map.of("id", "a/b")));

        // then
        assertThat(uri.toString()).isEqualTo("https://crm.example.com/api/customers/a%2Fb");
        assertThat(uri.getRawPath()).isEqualTo("/api/customers/a%2Fb");
    }

    @Test
    void encodesASpaceInAQueryValueAsAPlus() {
        // given
        RestTarget target = new RestTarget.Url("https://search.example.com/find");

        // when
        URI uri = build(target, Map.of("q", List.of("{payload.q}")), exchange(Map.of("q", "spam & eggs=1+1")));

        // then
        assertThat(uri.toString()).isEqualTo("https://search.example.com/find?q=spam+%26+eggs%3D1%2B1");
    }

    @Test
    void keepsRepeatedQueryValuesInOrderAfterTheQueryTheUrlHas() {
        // given
        RestTarget target = new RestTarget.Url("https://api.example.com/items?fixed=1&page={payload.page}");
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("tag", List.of("red", "{payload.tag}"));
        query.put("sort", List.of("name"));

        // when
        URI uri = build(target, query, exchange(Map.of("page", 2, "tag", "dark blue")));

        // then
        assertThat(uri.toString())
                .isEqualTo("https://api.example.com/items?fixed=1&page=2&tag=red&tag=dark+blue&sort=name");
    }

    @Test
    void fillsTheUrlsPathAndQuery() {
        // given
        RestTarget target = new RestTarget.Url("https://API.example.com:443/v1/{payload.kind}s/{payload.id}?x={payload.x}");

        // when
        URI uri = build(target, Map.of(), exchange(Map.of("kind", "order", "id", 7, "x", "a&b")));

        // then
        assertThat(uri.toString()).isEqualTo("https://api.example.com/v1/orders/7?x=a%26b");
    }

    @Test
    void refusesAPlaceholderInTheHost() {
        // given
        RestTarget target = new RestTarget.Url("https://{payload.host}/customers");

        // when / then
        assertThatThrownBy(() -> compile(target, Optional.empty(), Map.of()))
                .isInstanceOf(TemplateException.class)
                .hasMessage("url 'https://{payload.host}/customers' has a placeholder in its host or port; "
                        + "placeholders may only be in the path and the query");
    }

    @Test
    void refusesAPlaceholderInThePort() {
        // given
        RestTarget target = new RestTarget.Url("https://api.example.com:{payload.port}/customers");

        // when / then
        assertThatThrownBy(() -> compile(target, Optional.empty(), Map.of()))
                .isInstanceOf(TemplateException.class)
                .hasMessage("url 'https://api.example.com:{payload.port}/customers' has a placeholder in its host or "
                        + "port; placeholders may only be in the path and the query");
    }

    @Test
    void refusesAUrlThatIsOnePlaceholder() {
        // given
        RestTarget target = new RestTarget.Url("{payload.url}");

        // when / then
        assertThatThrownBy(() -> compile(target, Optional.empty(), Map.of()))
                .isInstanceOf(TemplateException.class)
                .hasMessage("url '{payload.url}' does not start with http://, https:// or <service>://; write the "
                        + "scheme and host without placeholders");
    }

    @Test
    void refusesAPlaceholderInAHostname() {
        // given
        RestTarget target = new RestTarget.Parts("https", "{payload.host}", OptionalInt.empty(), "", "x");

        // when / then
        assertThatThrownBy(() -> compile(target, Optional.empty(), Map.of()))
                .isInstanceOf(TemplateException.class)
                .hasMessage("hostname '{payload.host}' holds a placeholder; placeholders may only be in basePath, "
                        + "path and query parameters");
    }

    @Test
    void refusesUserInfoWithoutQuotingIt() {
        // given
        RestTarget target = new RestTarget.Url("https://admin:s3cret@api.example.com/x");

        // when / then
        assertThatThrownBy(() -> compile(target, Optional.empty(), Map.of()))
                .isInstanceOf(TemplateException.class)
                .hasMessage("url has user info (user:password@) before its host; credentials go in auth, by secret "
                        + "name, never in the url");
    }

    @Test
    void refusesAFragment() {
        // given
        RestTarget target = new RestTarget.Url("https://api.example.com/x#top");

        // when / then
        assertThatThrownBy(() -> compile(target, Optional.empty(), Map.of()))
                .isInstanceOf(TemplateException.class)
                .hasMessage("url 'https://api.example.com/x#top' has a fragment ('#...'), which is never sent; "
                        + "leave it out");
    }

    @Test
    void putsAServicePathUnderItsBaseUrlWithOneSlash() {
        // given
        RestTarget target = new RestTarget.Service("crm", "/customers/{payload.id}");

        // when
        URI uri = build(target, Optional.of(crm()), Map.of("api-version", List.of("2")), exchange(Map.of("id", 42)));

        // then
        assertThat(uri.toString()).isEqualTo("https://crm.example.com/api/v2/customers/42?api-version=2");
    }

    @Test
    void putsAServiceUrlUnderItsBaseUrl() {
        // given
        RestTarget target = new RestTarget.Url("CRM://customers/{payload.id}?expand=addresses");

        // when
        URI uri = build(target, Optional.of(crm()), Map.of(), exchange(Map.of("id", 42)));

        // then
        assertThat(uri.toString()).isEqualTo("https://crm.example.com/api/v2/customers/42?expand=addresses");
    }

    @Test
    void keepsTheServiceBaseUrlForAnEmptyPath() {
        // given
        RestTarget target = new RestTarget.Service("crm", "");

        // when
        URI uri = build(target, Optional.of(crm()), Map.of(), exchange(null));

        // then
        assertThat(uri.toString()).isEqualTo("https://crm.example.com/api/v2/");
    }

    @Test
    void refusesAServicePathThatClimbsOutOfTheBaseAtCompile() {
        // when / then
        assertThatThrownBy(() -> compile(new RestTarget.Service("crm", "customers/{payload.id}/../../{payload.id}"),
                Optional.of(crm()), Map.of()))
                .isInstanceOf(TemplateException.class)
                .hasMessage("path 'customers/{payload.id}/../../{payload.id}' gives the path segment '..'; '.' and "
                        + "'..' segments are not allowed: a path may not climb out of its base");
    }

    @Test
    void refusesAPlaceholderThatIsADotSegment() {
        // given
        UrlBuilder builder = compile(new RestTarget.Service("crm", "{payload.a}/{payload.b}"), Optional.of(crm()),
                Map.of());

        // when / then
        assertThatThrownBy(() -> builder.build(exchange(Map.of("a", "..", "b", "admin"))))
                .isInstanceOf(TemplateException.class)
                .hasMessage("path '{payload.a}/{payload.b}' gives the path segment '..'; '.' and '..' segments are "
                        + "not allowed: a path may not climb out of its base");
    }

    @Test
    void refusesADotSegmentWrittenInThePathAtCompile() {
        // when / then
        assertThatThrownBy(() -> compile(new RestTarget.Service("crm", "customers/%2e%2E/admin"), Optional.of(crm()),
                Map.of()))
                .isInstanceOf(TemplateException.class)
                .hasMessage("path 'customers/%2e%2E/admin' gives the path segment '%2e%2E'; '.' and '..' segments are "
                        + "not allowed: a path may not climb out of its base");
    }

    @Test
    void refusesAQueryInAPartsPath() {
        // when / then
        assertThatThrownBy(() -> compile(new RestTarget.Parts("https", "api.example.com", OptionalInt.empty(), "",
                "items?page=1"), Optional.empty(), Map.of()))
                .isInstanceOf(TemplateException.class)
                .hasMessage("path 'items?page=1' holds '?' or '#'; put query parameters in queryParameters");
    }

    @Test
    void namesTheQueryParameterWithoutAValue() {
        // given
        UrlBuilder builder = compile(new RestTarget.Url("https://api.example.com/items"), Optional.empty(),
                Map.of("page", List.of("{payload.page}")));

        // when / then
        assertThatThrownBy(() -> builder.build(exchange(Map.of())))
                .isInstanceOf(TemplateException.class)
                .hasMessage("placeholder {payload.page} of query parameter page '{payload.page}' has no value");
    }

    @Test
    void findsTheServiceAUrlNames() {
        // when / then
        assertThat(UrlBuilder.serviceScheme("crm://customers/42")).contains("crm");
        assertThat(UrlBuilder.serviceScheme("my_crm://x")).contains("my_crm");
        assertThat(UrlBuilder.serviceScheme("https://crm.example.com")).isEmpty();
        assertThat(UrlBuilder.serviceScheme("HTTP://crm.example.com")).isEmpty();
        assertThat(UrlBuilder.serviceScheme("customers/42")).isEmpty();
        assertThat(UrlBuilder.serviceScheme("{payload.url}")).isEmpty();
    }

    @Test
    void showsAUrlWithoutUserInfoAndQuery() {
        // when
        String shown = UrlBuilder.withoutQuery(URI.create("https://u:p@crm.example.com:8443/api/x?token=secret#f"));

        // then
        assertThat(shown).isEqualTo("https://crm.example.com:8443/api/x");
    }

    private static ServiceDefinition crm() {
        return new ServiceDefinition("crm", Set.of("acme"), URI.create("https://crm.example.com/api/v2/"),
                Optional.empty(), Map.of(), Map.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty(), 20, 100, Optional.empty(),
                TlsSettings.DEFAULT);
    }

    private static URI build(RestTarget target, Map<String, List<String>> query, Exchange exchange) {
        return build(target, Optional.empty(), query, exchange);
    }

    private static URI build(RestTarget target, Optional<ServiceDefinition> service, Map<String, List<String>> query,
                             Exchange exchange) {
        return compile(target, service, query).build(exchange);
    }

    private static UrlBuilder compile(RestTarget target, Optional<ServiceDefinition> service,
                                      Map<String, List<String>> query) {
        return UrlBuilder.compile(target, service, query, "acme", "orders", ExpressionLimits.DEFAULT);
    }

    private static Exchange exchange(Object payload) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(payload);
        return exchange;
    }
}
