package org.flowserver.server.flows;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumerAware;
import org.flowserver.dsl.FlowException;
import org.flowserver.dsl.FlowJson;
import org.flowserver.dsl.FlowSpec;
import org.flowserver.dsl.HandoffSourceSpec;
import org.flowserver.dsl.HandoffSpec;
import org.flowserver.dsl.ProcessorSpec;
import org.flowserver.dsl.InvalidFlowException;
import org.flowserver.dsl.Problem;
import org.flowserver.processors.CompiledFlow;
import org.flowserver.processors.FlowTranslator;
import org.flowserver.processors.rest.DrainableConsumer;
import org.flowserver.processors.rest.FlowHttpEngine;
import org.flowserver.processors.rest.FlowPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flows this server runs. Each flow has one Camel route on platform-http at
 * {@code /{ownerId}/rs/{flowId}/*}; its processor is a {@link FlowEndpoint}.
 * <ul>
 *   <li>A deploy translates the flow first (every deploy-time check; a broken flow changes nothing), stores
 *       it, then starts its route or swaps it into the running one. If the route cannot start, the store is
 *       put back as it was, so a failed deploy leaves nothing behind.</li>
 *   <li>A source's {@code apiSpecId} is resolved when the flow is deployed ({@code latest} to the newest
 *       revision), and the revision it resolved to is stored with the flow: a restart starts the flow on that
 *       revision again, however many have been uploaded since. A redeploy resolves afresh.</li>
 *   <li>An undeploy stops the route first (messages in flight finish, bounded), then removes the stored
 *       flow; if the store fails, the route is started again, so a flow is never running but unlisted.</li>
 * </ul>
 * Operations on one flow are serialized; different flows rarely wait for each other.
 */
public final class FlowRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(FlowRegistry.class);
    /** First path segments the server uses itself; an owner with one of these names would be unreachable. */
    public static final Set<String> RESERVED_OWNER_IDS = Set.of("api", "heartbeat", "health", "metrics");
    private static final int LOCK_STRIPES = 64;

    private final CamelContext camel;
    private final FlowStore store;
    private final FlowTranslator translator;
    private final Duration undeployTimeout;
    private final Clock clock;
    private final FlowStateStore states;
    private final FlowHandoffTargets handoffTargets;
    private final ConcurrentMap<FlowKey, Active> flows = new ConcurrentHashMap<>();
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];

    public FlowRegistry(CamelContext camel, FlowStore store, FlowStateStore states, FlowTranslator translator,
                        Duration undeployTimeout, Clock clock) {
        this(camel, store, states, translator, undeployTimeout, clock, new FlowHandoffTargets());
    }

    /** @param handoffTargets  the running flows as the translator's handoffs see them; kept up to date here */
    public FlowRegistry(CamelContext camel, FlowStore store, FlowStateStore states, FlowTranslator translator,
                        Duration undeployTimeout, Clock clock, FlowHandoffTargets handoffTargets) {
        this.handoffTargets = handoffTargets;
        this.camel = camel;
        this.store = store;
        this.states = states;
        this.translator = translator;
        this.undeployTimeout = undeployTimeout;
        this.clock = clock;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** Starts every stored flow. A flow that cannot start is kept, shown with its error, and logged. */
    public void start() {
        Map<FlowKey, FlowState> stored = states.findAll();
        for (StoredFlow flow : store.findAll()) {
            FlowKey key = flow.key();
            Optional<FlowState> state = Optional.ofNullable(stored.get(key));
            try {
                FlowSpec spec = readStored(flow);
                FlowEndpoint endpoint = new FlowEndpoint(translator.translate(spec, flow.apiSpecRevision()));
                endpoint.disabled(state.map(FlowState::disabled).orElse(false));
                if (endpoint.hasEndpoint()) {
                    addRoute(key, endpoint);
                }
                handoffTargets.put(key, endpoint);
                flows.put(key, new Active(flow, Optional.of(endpoint), Optional.empty(), state));
            } catch (RuntimeException e) {
                LOG.atError().addKeyValue("owner", key.ownerId()).addKeyValue("flow", key.flowId()).setCause(e)
                        .log("Stored flow cannot start; redeploy or undeploy it: " + e.getMessage());
                flows.put(key, new Active(flow, Optional.empty(), Optional.of(e.getMessage()), state));
            }
        }
        LOG.atInfo().addKeyValue("flows", flows.size()).log("Flows started");
    }

    /**
     * Deploys a new flow or replaces a deployed one.
     *
     * @throws InvalidFlowException if the flow is invalid or cannot run here; nothing has changed then
     */
    public DeployResult deploy(FlowSpec spec) {
        FlowKey key = new FlowKey(spec.ownerId(), spec.id());
        return locked(key, () -> {
            if (RESERVED_OWNER_IDS.contains(spec.ownerId())) {
                throw new InvalidFlowException(spec.id(), List.of(new Problem("ownerId", "'" + spec.ownerId()
                        + "' is reserved for the server's own paths (" + String.join(", ", RESERVED_OWNER_IDS.stream()
                        .sorted().toList()) + "); choose another owner")));
            }
            CompiledFlow compiled = translator.translate(spec);
            checkTargets(spec);
            Optional<StoredFlow> previous = store.find(key);
            StoredFlow stored = store.save(key, FlowJson.write(spec), compiled.apiSpec()
                    .map(resolved -> OptionalInt.of(resolved.revision())).orElse(OptionalInt.empty()), clock.instant());
            FlowEndpoint endpoint;
            Optional<FlowEndpoint> running = Optional.ofNullable(flows.get(key)).flatMap(Active::endpoint);
            // A redeploy keeps the flow's state: a disabled flow stays disabled until it is enabled.
            Optional<FlowState> state = Optional.ofNullable(flows.get(key)).flatMap(Active::state);
            if (running.isPresent()) {
                endpoint = running.get();
                boolean hadEndpoint = endpoint.hasEndpoint();
                if (hadEndpoint && !compiled.hasEndpoint()) {
                    // Now a handoff flow: its endpoint goes, after the requests it is serving.
                    endpoint.swap(compiled);
                    removeRoute(key);
                } else if (!hadEndpoint && compiled.hasEndpoint()) {
                    endpoint.swap(compiled);
                    try {
                        addRoute(key, endpoint);
                    } catch (RuntimeException e) {
                        store.restore(key, previous);
                        throw e;
                    }
                } else {
                    endpoint.swap(compiled);
                }
            } else {
                endpoint = new FlowEndpoint(compiled);
                endpoint.disabled(state.map(FlowState::disabled).orElse(false));
                if (compiled.hasEndpoint()) {
                    try {
                        addRoute(key, endpoint);
                    } catch (RuntimeException e) {
                        store.restore(key, previous);
                        throw e;
                    }
                }
            }
            handoffTargets.put(key, endpoint);
            flows.put(key, new Active(stored, Optional.of(endpoint), Optional.empty(), state));
            LOG.atInfo().addKeyValue("owner", key.ownerId()).addKeyValue("flow", key.flowId())
                    .addKeyValue("version", stored.version())
                    .log(previous.isPresent() ? "Flow redeployed" : "Flow deployed");
            return new DeployResult(previous.isEmpty(), new FlowView(stored, Optional.empty(), state));
        });
    }

    /**
     * Undeploys a flow: it stops taking requests at once, and messages in flight finish first (up to the
     * undeploy timeout).
     *
     * @return whether the flow was deployed
     */
    public boolean undeploy(FlowKey key) {
        return locked(key, () -> {
            Active current = flows.get(key);
            if (current == null) {
                return false;
            }
            handoffTargets.remove(key);
            if (current.endpoint().isPresent()) {
                removeRoute(key);
            }
            try {
                store.delete(key);
            } catch (RuntimeException e) {
                current.endpoint().ifPresent(endpoint -> {
                    if (endpoint.hasEndpoint()) {
                        addRoute(key, endpoint);
                    }
                    handoffTargets.put(key, endpoint);
                });
                throw e;
            }
            flows.remove(key);
            if (current.state().isPresent()) {
                try {
                    states.delete(key);
                } catch (RuntimeException e) {
                    // The flow is gone; a leftover state row only matters if the same flow is deployed again.
                    LOG.atWarn().addKeyValue("owner", key.ownerId()).addKeyValue("flow", key.flowId())
                            .log("The state of the undeployed flow could not be removed: " + e.getMessage());
                }
            }
            LOG.atInfo().addKeyValue("owner", key.ownerId()).addKeyValue("flow", key.flowId()).log("Flow undeployed");
            return true;
        });
    }

    /**
     * Disables or enables a flow at once: a disabled flow still preprocesses each request (an invalid one
     * still gets its 4xx), then answers 503; messages already running finish. The state is stored first, so
     * it survives a restart and a redeploy.
     *
     * @param reason  why, required to disable; ignored to enable
     * @param by      who changes it
     * @return the flow with its new state; empty if no such flow is deployed
     */
    public Optional<FlowView> setDisabled(FlowKey key, boolean disabled, Optional<String> reason, String by) {
        return locked(key, () -> {
            Active current = flows.get(key);
            if (current == null) {
                return Optional.empty();
            }
            FlowState state = new FlowState(disabled, disabled ? reason : Optional.empty(), by, clock.instant());
            states.save(key, state);
            current.endpoint().ifPresent(endpoint -> endpoint.disabled(disabled));
            Active changed = new Active(current.stored(), current.endpoint(), current.error(), Optional.of(state));
            flows.put(key, changed);
            LOG.atInfo().addKeyValue("owner", key.ownerId()).addKeyValue("flow", key.flowId()).addKeyValue("by", by)
                    .addKeyValue("reason", reason.orElse("")).log(disabled ? "Flow disabled" : "Flow enabled");
            return Optional.of(changed.view());
        });
    }

    public Optional<FlowView> find(FlowKey key) {
        return Optional.ofNullable(flows.get(key)).map(Active::view);
    }

    /** Every flow, by owner and id. */
    public List<FlowView> list() {
        List<FlowView> views = new ArrayList<>();
        flows.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> views.add(entry.getValue().view()));
        return views;
    }

    /**
     * Refuses a flow that hands messages (handoff processors, dead letters) to a flow that is not running with
     * a handoff source: the mistake
     * shows at deploy, not on a message. Only a deploy checks: a restart starts flows in any order, and a
     * target undeployed later makes the handoff fail per message (see docs/error-handling.md).
     */
    private void checkTargets(FlowSpec spec) {
        List<Problem> problems = new ArrayList<>();
        List<ProcessorSpec> processors = spec.processors();
        for (int i = 1; i < processors.size(); i++) {
            if (processors.get(i) instanceof HandoffSpec handoff) {
                String path = "processors[" + i + "].flowId";
                targetProblem(spec, handoff.flowId()).ifPresent(message -> problems.add(new Problem(path, message)));
            }
        }
        spec.deadLetterStrategy().flatMap(strategy -> targetProblem(spec, strategy.flowId()))
                .ifPresent(message -> problems.add(new Problem("deadLetterStrategy.flowId", message)));
        if (!problems.isEmpty()) {
            throw new InvalidFlowException(spec.id(), problems);
        }
    }

    private Optional<String> targetProblem(FlowSpec spec, String targetId) {
        Optional<FlowEndpoint> target = handoffTargets.endpoint(new FlowKey(spec.ownerId(), targetId));
        if (target.isEmpty()) {
            return Optional.of("'" + targetId + "' is not a running flow of owner '" + spec.ownerId()
                    + "'; deploy it first, with a handoff source");
        }
        FlowSpec targetSpec = target.get().spec();
        if (!(targetSpec.source() instanceof HandoffSourceSpec)) {
            return Optional.of("'" + targetId + "' has a " + targetSpec.source().type()
                    + " source; a flow that receives messages from other flows starts with a handoff source");
        }
        return Optional.empty();
    }

    /** The id of a flow's Camel route. */
    public static String routeId(FlowKey key) {
        return "flow." + key.ownerId() + "." + key.flowId();
    }

    private static FlowSpec readStored(StoredFlow stored) {
        FlowSpec spec;
        try {
            spec = FlowJson.read(stored.specJson());
        } catch (InvalidFlowException e) {
            throw new FlowException("The stored flow cannot be read: " + e.getMessage(), e);
        }
        if (!new FlowKey(spec.ownerId(), spec.id()).equals(stored.key())) {
            throw new FlowException("The stored flow is " + spec.ownerId() + "/" + spec.id() + ", not " + stored.key());
        }
        return spec;
    }

    private void addRoute(FlowKey key, FlowEndpoint endpoint) {
        String routeId = routeId(key);
        String basePath = FlowPaths.basePath(key.ownerId(), key.flowId());
        try {
            camel.addRoutes(new RouteBuilder(camel) {
                @Override
                public void configure() {
                    from("platform-http:" + basePath + "/*?" + FlowHttpEngine.endpointOptions())
                            .routeId(routeId)
                            .process(endpoint);
                }
            });
        } catch (Exception e) {
            // A route that failed to start stays behind, stopped: remove it so nothing is left.
            removeRoute(key);
            throw new FlowException("Flow " + key + " cannot start its endpoint: " + e.getMessage(), e);
        }
    }

    private void removeRoute(FlowKey key) {
        String routeId = routeId(key);
        Optional<DrainableConsumer> drainable = Optional.empty();
        try {
            Route route = camel.getRoute(routeId);
            if (route != null) {
                long deadline = System.nanoTime() + undeployTimeout.toNanos();
                drainable = drainable(route);
                drainable.ifPresent(consumer -> drain(consumer, deadline));
                long left = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime()));
                camel.getRouteController().stopRoute(routeId, left, TimeUnit.SECONDS);
                camel.removeRoute(routeId);
            }
        } catch (Exception e) {
            drainable.ifPresent(DrainableConsumer::acceptAgain);
            throw new FlowException("Flow " + key + " cannot stop its endpoint: " + e.getMessage(), e);
        }
    }

    /** The route's endpoint consumer, which platform-http wraps in one of its own. */
    private static Optional<DrainableConsumer> drainable(Route route) {
        Object consumer = route.getConsumer() instanceof PlatformHttpConsumerAware aware
                ? aware.getPlatformHttpConsumer() : route.getConsumer();
        return consumer instanceof DrainableConsumer drainable ? Optional.of(drainable) : Optional.empty();
    }

    /**
     * Turns new requests away (404) and waits, until the deadline, for every request the endpoint accepted to have
     * its answer. Camel counts an exchange as in flight only once it reaches the route, so its own graceful stop
     * could stop the route under a request accepted a moment before, which then got a bare 500.
     */
    private static void drain(DrainableConsumer consumer, long deadline) {
        consumer.stopAccepting();
        try {
            while (consumer.pendingRequests() > 0 && System.nanoTime() - deadline < 0) {
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server is stopping: stop the route without waiting longer
        }
    }

    private <T> T locked(FlowKey key, Supplier<T> action) {
        ReentrantLock lock = locks[Math.floorMod(key.hashCode(), locks.length)];
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private record Active(StoredFlow stored, Optional<FlowEndpoint> endpoint, Optional<String> error,
                          Optional<FlowState> state) {
        FlowView view() {
            return new FlowView(stored, error, state);
        }
    }
}
