package org.flowserver.server;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.flowserver.dsl.FlowException;
import org.flowserver.dsl.FlowJson;
import org.flowserver.dsl.FlowSpec;
import org.flowserver.dsl.InvalidFlowException;
import org.flowserver.processors.ExpressionLimits;
import org.flowserver.processors.FlowTranslator;
import org.flowserver.processors.trace.MessageObserver;
import org.flowserver.processors.trace.MessageObservers;
import org.flowserver.server.access.Access;
import org.flowserver.server.outbound.OutboundConfig;
import org.flowserver.processors.outbound.OutboundCalls;
import org.flowserver.processors.outbound.VertxOutboundClock;
import org.flowserver.server.metrics.FlowMetrics;
import org.flowserver.server.metrics.HealthApi;
import org.flowserver.server.metrics.ServerMetrics;
import org.flowserver.server.flows.DeployResult;
import org.flowserver.server.flows.FlowHandoffTargets;
import org.flowserver.server.flows.FlowRegistry;
import org.flowserver.server.flows.FlowsApi;
import org.flowserver.server.flows.JdbcFlowStateStore;
import org.flowserver.server.flows.JdbcFlowStore;
import org.flowserver.server.http.InvalidRequests;
import org.flowserver.server.http.Problems;
import org.flowserver.server.specs.JdbcSpecStore;
import org.flowserver.server.specs.SpecRegistry;
import org.flowserver.server.specs.SpecsApi;
import org.flowserver.server.store.Database;
import org.flowserver.server.traces.Traces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flow server: one Vert.x HTTP server whose router serves the management API, Heartbeat, and the
 * endpoints of every flow (Camel routes on platform-http, added and removed at runtime).
 */
public final class FlowServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FlowServer.class);
    private static final String SWAGGER_UI_PATH = "/heartbeat/vendor/swagger-ui/";
    private static final String SWAGGER_UI_PROPERTIES = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

    private final ServerConfig config;
    private Database database;
    private Vertx vertx;
    private CamelContext camel;
    private SpecRegistry specs;
    private FlowRegistry flows;
    private HttpServer http;
    private ServerMetrics metrics;
    private Traces traces;
    private OutboundCalls outbound;

    private FlowServer(ServerConfig config) {
        this.config = config;
    }

    /**
     * Starts a server: opens the store, starts the stored flows, deploys the configured flow files, and
     * only then listens.
     *
     * @throws FlowException saying what could not start; whatever had started is stopped again
     */
    public static FlowServer start(ServerConfig config) {
        FlowServer server = new FlowServer(config);
        try {
            server.startParts();
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void startParts() {
        database = Database.open(config);
        vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(config.workerThreads()));
        Router router = Router.router(vertx);
        camel = FlowCamelContext.start(vertx, router, config);
        specs = new SpecRegistry(new JdbcSpecStore(database.dataSource()), Clock.systemUTC());
        metrics = new ServerMetrics();
        metrics.measureRequests(router);
        traces = Traces.start(config.traces(), database.dataSource(), Clock.systemUTC());
        traces.recorder().ifPresent(metrics::bindTraceRecorder);
        MessageObserver observer = MessageObservers.all(new FlowMetrics(metrics.registry()), traces.observer());
        FlowHandoffTargets handoffTargets = new FlowHandoffTargets();
        Access access = Access.start(config.access(), database.dataSource(), Clock.systemUTC());
        OutboundConfig outboundConfig = config.outboundConfig().map(OutboundConfig::load).orElseGet(OutboundConfig::empty);
        try {
            outbound = OutboundCalls.start(vertx, outboundConfig.defaults(), outboundConfig.services(),
                    outboundConfig.secrets(), new VertxOutboundClock(vertx));
        } catch (IllegalArgumentException e) {
            throw new FlowException("The outbound services cannot start: " + e.getMessage(), e);
        }
        flows = new FlowRegistry(camel, new JdbcFlowStore(database.dataSource()),
                new JdbcFlowStateStore(database.dataSource()), new FlowTranslator(
                new ExpressionLimits(config.expressionTimeout().toMillis(), config.expressionMaxDepth()), specs,
                observer, handoffTargets, config.requestTimeout(), access.serviceAccounts(), config.jsonLimits(),
                Optional.of(outbound)), config.undeployTimeout(), Clock.systemUTC(), handoffTargets);

        // Nothing of the management API or the metrics is read, not even the body, before the caller is known.
        access.guard(router);
        // The first body handler that matches reads the body; the ones after it let it pass.
        router.route("/api/specs/*").handler(BodyHandler.create(false).setBodyLimit(config.maxSpecBytes()));
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(config.maxApiBodyBytes()));
        new FlowsApi(flows).mount(router);
        new SpecsApi(specs, config.maxSpecBytes()).mount(router);
        traces.mount(router);
        access.mount(router);
        router.route("/api/*").failureHandler(Problems::handleFailure);
        new HealthApi(database.dataSource(), camel, flows).mount(router);
        metrics.mount(router);
        database.bindMetrics(metrics.registry());
        // Exact match: a plain "/heartbeat" route would also match "/heartbeat/" and redirect forever.
        router.getWithRegex("^/heartbeat$").handler(context -> context.redirect("/heartbeat/"));
        // Swagger UI for Heartbeat's Documentation tab, from its WebJar, under a path without its version.
        router.get(SWAGGER_UI_PATH + "*").handler(StaticHandler.create(swaggerUiRoot()));
        router.get("/heartbeat/*").handler(StaticHandler.create("heartbeat").setCachingEnabled(false));
        router.route("/heartbeat/*").handler(context -> {
            // A GET for a file that is not there goes on to the 404.
            if (context.request().method() == HttpMethod.GET || context.request().method() == HttpMethod.HEAD) {
                context.next();
            } else {
                Problems.methodNotAllowed(context, "GET");
            }
        });
        Problems.install(router, config.maxRequestBodyBytes());

        flows.start();
        for (Path file : config.deployFiles()) {
            deployFile(file);
        }
        http = listen(router);
    }

    /** Where the Swagger UI WebJar's files are on the class path; its version is in the WebJar's Maven metadata. */
    private static String swaggerUiRoot() {
        Properties properties = new Properties();
        try (InputStream in = FlowServer.class.getClassLoader().getResourceAsStream(SWAGGER_UI_PROPERTIES)) {
            if (in == null) {
                throw new FlowException("Heartbeat's Swagger UI is missing: the class path has no '"
                        + SWAGGER_UI_PROPERTIES + "'; the WebJar org.webjars:swagger-ui must come with heartbeat-ui");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new FlowException("Heartbeat's Swagger UI cannot be found: '" + SWAGGER_UI_PROPERTIES
                    + "' cannot be read: " + e.getMessage(), e);
        }
        return "META-INF/resources/webjars/swagger-ui/" + properties.getProperty("version");
    }

    private void deployFile(Path file) {
        String json;
        try {
            json = Files.readString(file);
        } catch (IOException e) {
            throw new FlowException("The flow file '" + file + "' cannot be read: " + e.getMessage(), e);
        }
        try {
            FlowSpec spec = FlowJson.read(json);
            DeployResult result = flows.deploy(spec);
            LOG.atInfo().addKeyValue("file", file).addKeyValue("owner", spec.ownerId()).addKeyValue("flow", spec.id())
                    .log(result.created() ? "Flow file deployed" : "Flow file redeployed");
        } catch (InvalidFlowException e) {
            throw new FlowException("The flow file '" + file + "' cannot be deployed: " + e.getMessage(), e);
        }
    }

    private HttpServer listen(Router router) {
        HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port())
                // A connection that sends and receives nothing for this long is closed: a stalled upload, headers
                // never finished, an idle keep-alive connection. It holds no worker thread meanwhile.
                .setIdleTimeout((int) config.idleTimeout().toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        try {
            HttpServer server = vertx.createHttpServer(options).requestHandler(router)
                    .invalidRequestHandler(new InvalidRequests(options))
                    // Without a WebSocket handler Vert.x answers a request line of another HTTP version (HTTP/2.0,
                    // HTTP/1.2) with a bare 501 itself; with one, and WebSockets paused (none is taken), the router
                    // answers it with a problem.
                    .webSocketHandler(ServerWebSocket::reject);
            server.webSocketStream().pause();
            server = server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            LOG.atInfo().addKeyValue("host", config.host()).addKeyValue("port", server.actualPort())
                    .log("Flow server listening");
            return server;
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new FlowException("The server cannot listen on " + config.host() + ":" + config.port() + ": "
                    + cause.getMessage(), cause);
        }
    }

    /** The port the server listens on. */
    public int port() {
        return http.actualPort();
    }

    public FlowRegistry flows() {
        return flows;
    }

    public CamelContext camel() {
        return camel;
    }

    /** Message tracing: its store, and its recorder's queue depth and drop counts. */
    public Traces traces() {
        return traces;
    }

    /** Stops taking requests, lets messages in flight finish (up to the undeploy timeout), and releases everything. */
    @Override
    public void close() {
        if (camel != null) {
            camel.stop();
        }
        if (http != null) {
            await(http.close());
        }
        if (outbound != null) {
            outbound.close();
        }
        if (vertx != null) {
            await(vertx.close());
        }
        if (traces != null) {
            // After the flows stopped, so that the traces of their last messages are written too.
            traces.close();
        }
        if (database != null) {
            database.close();
        }
        if (metrics != null) {
            metrics.close();
        }
        LOG.info("Flow server stopped");
    }

    private static void await(io.vertx.core.Future<Void> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.atWarn().log("Shutdown step did not complete: " + e.getMessage());
        }
    }
}
