package org.flowserver.server.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.flowserver.dsl.Flow;
import org.flowserver.dsl.FlowJson;
import org.flowserver.dsl.FlowSpec;
import org.flowserver.processors.ExpressionLimits;
import org.flowserver.processors.FlowTranslator;
import org.flowserver.processors.openapi.ApiSpecNotFoundException;
import org.flowserver.processors.openapi.ApiSpecs;
import org.flowserver.server.FlowCamelContext;
import org.flowserver.server.ServerConfig;
import org.flowserver.server.store.StoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry's failure paths, with a real Camel context and router and a store that can fail. */
class FlowRegistryTest {

    /** These tests deploy generic endpoints only. */
    private static final ApiSpecs NO_SPECS = (ownerId, resourceId, revision) -> {
        throw new ApiSpecNotFoundException("owner '" + ownerId + "' has no spec '" + resourceId + "'");
    };

    private final InMemoryFlowStore store = new InMemoryFlowStore();
    private Vertx vertx;
    private Router router;
    private CamelContext camel;
    private FlowRegistry registry;

    @BeforeEach
    void start() {
        store.failSaves = false;
        vertx = Vertx.vertx();
        router = Router.router(vertx);
        camel = FlowCamelContext.start(vertx, router, ServerConfig.defaults(Path.of("unused")));
        registry = new FlowRegistry(camel, store, new InMemoryFlowStateStore(), new FlowTranslator(ExpressionLimits.DEFAULT, NO_SPECS,
                org.flowserver.processors.trace.MessageObserver.NONE),
                Duration.ofSeconds(5), Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    @Test
    void aStoreFailureOnDeployLeavesNoRoute() {
        // given
        registry.start();
        store.failSaves = true;

        // when, then
        assertThatThrownBy(() -> registry.deploy(flow("orders")))
                .isInstanceOf(StoreException.class)
                .hasMessage("Flow acme/orders cannot be saved in the store: disk full");
        assertThat(camel.getRoutes()).isEmpty();
        assertThat(router.getRoutes()).isEmpty();
        assertThat(registry.find(new FlowKey("acme", "orders"))).isEmpty();
    }

    @Test
    void aRouteThatCannotStartPutsTheStoreBackAndLeavesNoRoute() {
        // given: the platform-http router is gone, so the flow's consumer cannot start
        registry.start();
        camel.getRegistry().unbind(VertxPlatformHttpRouter.PLATFORM_HTTP_ROUTER_NAME_ZERO);

        // when, then
        assertThatThrownBy(() -> registry.deploy(flow("orders")))
                .hasMessageStartingWith("Flow acme/orders cannot start its endpoint: ");
        assertThat(camel.getRoutes()).isEmpty();
        assertThat(router.getRoutes()).isEmpty();
        assertThat(store.find(new FlowKey("acme", "orders"))).isEmpty();
        assertThat(registry.find(new FlowKey("acme", "orders"))).isEmpty();
    }

    @Test
    void aStoreFailureOnUndeployKeepsTheFlowServing() {
        // given
        registry.start();
        registry.deploy(flow("orders"));
        store.failDeletes = true;

        // when, then
        assertThatThrownBy(() -> registry.undeploy(new FlowKey("acme", "orders")))
                .hasMessage("Flow acme/orders cannot be removed from the store: connection lost");
        assertThat(camel.getRoute("flow.acme.orders")).isNotNull();
        assertThat(router.getRoutes()).hasSize(1);
        assertThat(registry.find(new FlowKey("acme", "orders"))).isPresent();
    }

    @Test
    void anUnreadableStoredFlowDoesNotStopTheOthers() {
        // given
        Instant then = Instant.parse("2026-01-01T00:00:00Z");
        store.put(new StoredFlow(new FlowKey("acme", "orders"), FlowJson.write(flow("orders")),
                OptionalInt.empty(), 1, then, then));
        store.put(new StoredFlow(new FlowKey("acme", "legacy"), "{\"id\": \"legacy\", \"ownerId\": \"acme\", "
                + "\"processors\": [{\"type\": \"retired\", \"id\": \"old-in\"}]}", OptionalInt.empty(), 3, then, then));

        // when
        registry.start();

        // then
        assertThat(camel.getRoute("flow.acme.orders")).isNotNull();
        FlowView legacy = registry.find(new FlowKey("acme", "legacy")).orElseThrow();
        assertThat(legacy.active()).isFalse();
        assertThat(legacy.error()).hasValue("The stored flow cannot be read: Flow 'legacy' is invalid (1 problem): "
                + "processors[0].type 'retired' is not a processor type; one of restApi, setExchangeProperty, "
                + "setPayload, map, filter, log, handoff, restRequest");
        assertThat(registry.undeploy(new FlowKey("acme", "legacy"))).isTrue();
        assertThat(store.find(new FlowKey("acme", "legacy"))).isEmpty();
    }

    @Test
    void aRedeployOfAFlowThatFailedToStartStartsIt() {
        // given
        Instant then = Instant.parse("2026-01-01T00:00:00Z");
        store.put(new StoredFlow(new FlowKey("acme", "orders"), "not json", OptionalInt.empty(), 1, then,
                then));
        registry.start();

        // when
        DeployResult result = registry.deploy(flow("orders"));

        // then
        assertThat(result.created()).isFalse();
        assertThat(result.flow().stored().version()).isEqualTo(2);
        assertThat(camel.getRoute("flow.acme.orders")).isNotNull();
        assertThat(registry.find(new FlowKey("acme", "orders")).orElseThrow().active()).isTrue();
    }

    private static FlowSpec flow(String id) {
        return Flow.define(id, f -> f.ownerId("acme").restApi(id + "-in"));
    }
}
