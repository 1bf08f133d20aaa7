package org.flowserver.processors.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flowserver.processors.outbound.OutboundFixtures.await;

import io.vertx.core.Vertx;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The clients of the configured services and of direct URLs, found by name. */
class OutboundHttpTest {

    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertx() {
        await(vertx.close());
    }

    @Test
    void findsAServiceByNameIgnoringCase() {
        // given
        ServiceDefinition crm = OutboundFixtures.service("Crm", "https://crm.example.com/api/", 10, 50,
                TlsSettings.DEFAULT);
        ManualClock clock = new ManualClock();

        // when
        try (OutboundHttp http = OutboundHttp.create(vertx, OutboundDefaults.DEFAULT, List.of(crm), Secrets.NONE,
                clock)) {

            // then
            assertThat(http.service("cRM")).hasValueSatisfying(endpoint ->
                    assertThat(endpoint.definition()).contains(crm));
            assertThat(http.service("billing")).isEmpty();
            assertThat(http.direct().definition()).isEmpty();
            assertThat(http.serviceNames()).containsExactly("Crm");
            assertThat(http.defaults()).isSameAs(OutboundDefaults.DEFAULT);
            assertThat(http.clock()).isSameAs(clock);
            assertThat(http.service("crm").orElseThrow().httpClient()).isNotSameAs(http.direct().httpClient());
        }
    }

    @Test
    void listsServiceNamesInConfigurationOrder() {
        // given
        List<ServiceDefinition> services = List.of(
                OutboundFixtures.service("zeta", "https://z.example.com/", 1, 1, TlsSettings.DEFAULT),
                OutboundFixtures.service("alpha", "https://a.example.com/", 1, 1, TlsSettings.DEFAULT));

        // when
        try (OutboundHttp http = OutboundHttp.create(vertx, OutboundDefaults.DEFAULT, services, Secrets.NONE,
                new ManualClock())) {

            // then
            assertThat(http.serviceNames()).containsExactly("zeta", "alpha");
        }
    }

    @Test
    void refusesTwoServicesWhoseNamesDifferOnlyInCase() {
        // given
        List<ServiceDefinition> services = List.of(
                OutboundFixtures.service("crm", "https://a.example.com/", 1, 1, TlsSettings.DEFAULT),
                OutboundFixtures.service("CRM", "https://b.example.com/", 1, 1, TlsSettings.DEFAULT));

        // when / then
        assertThatThrownBy(() -> OutboundHttp.create(vertx, OutboundDefaults.DEFAULT, services, Secrets.NONE,
                new ManualClock()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Service 'CRM' is configured twice (names are compared ignoring case); expected unique "
                        + "service names");
    }

    @Test
    void refusesAPoolWithoutConnections() {
        // given
        List<ServiceDefinition> services = List.of(
                OutboundFixtures.service("crm", "https://a.example.com/", 0, 1, TlsSettings.DEFAULT));

        // when / then
        assertThatThrownBy(() -> OutboundHttp.create(vertx, OutboundDefaults.DEFAULT, services, Secrets.NONE,
                new ManualClock()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Service 'crm': maxPoolSize 0 is below 1; expected at least 1");
    }

    @Test
    void refusesAnUnboundedWaitQueueInTheDefaults() {
        // given
        OutboundDefaults unbounded = new OutboundDefaults(OutboundDefaults.DEFAULT.connectTimeout(),
                OutboundDefaults.DEFAULT.readTimeout(), OutboundDefaults.DEFAULT.totalTimeout(), 20, -1,
                OutboundDefaults.DEFAULT.maxResponseBytes(), OutboundDefaults.DEFAULT.cacheMaxBytes());

        // when / then
        assertThatThrownBy(() -> OutboundHttp.create(vertx, unbounded, List.of(), Secrets.NONE, new ManualClock()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Outbound defaults: maxWaitQueueSize -1 is negative; expected 0 or more (the queue is "
                        + "always bounded)");
    }
}
