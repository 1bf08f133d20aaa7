package org.flowserver.bench.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flowserver.processors.http.FieldError;
import org.flowserver.processors.openapi.ApiOperation;
import org.flowserver.processors.openapi.ApiSpecLoader;
import org.flowserver.processors.openapi.OpenApiEndpoint;
import org.flowserver.processors.openapi.OperationRouter.Route;
import org.flowserver.processors.openapi.RequestValidator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What validating one request costs the OpenAPI {@code restApi} source, through the processors module's public
 * API and in the order {@code OpenApiRestSource} calls it: route, read and validate the parameters, parse and
 * validate the JSON body. Scenarios d and e of {@code bench/run.sh}, on the same specs and the same payload:
 * <ul>
 *   <li>{@link #validatedPost}: {@code POST /orders} with the 1 KB order ({@code bench/payload-1k.json}) against
 *       {@code specs/orders.yaml}; the body arrives as bytes, so the figure includes parsing it;</li>
 *   <li>{@link #validatedGet}: {@code GET /customers/4711/orders?limit=20&status=open&tag=metal&tag=spare} with an
 *       {@code X-Request-Id} header against {@code specs/customer-orders.yaml};</li>
 *   <li>the POST split into {@link #postParseOnly} and {@link #postValidateParsedBody}, and
 *       {@link #rejectedPost}, a POST with three violations (the error path builds messages).</li>
 * </ul>
 * Not measured: reading the request off the socket, the {@code http.*} properties, the flow and the response,
 * which the generic echo (scenario c) pays too.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:+UseParallelGC"})
public class OpenApiRequestBenchmark {

    static final List<String> POST_PATH = List.of("orders");
    static final List<String> GET_PATH = List.of("customers", "4711", "orders");
    static final String GET_QUERY = "limit=20&status=open&tag=metal&tag=spare";
    static final String REQUEST_ID = "5f0c7a2e-9b1d-4c3e-8f6a-2d4b1e7c9a10";

    private OpenApiEndpoint orders;
    private OpenApiEndpoint customerOrders;
    private byte[] payload;
    private byte[] invalidPayload;
    private JsonNode parsedPayload;
    private JsonSchema orderSchema;
    private HttpServerRequest postRequest;
    private HttpServerRequest getRequest;

    @Setup
    public void setUp() throws JsonProcessingException {
        orders = OpenApiEndpoint.build(ApiSpecLoader.load(BenchResources.text(BenchResources.ORDERS_SPEC)), false);
        customerOrders = OpenApiEndpoint.build(
                ApiSpecLoader.load(BenchResources.text(BenchResources.CUSTOMER_ORDERS_SPEC)), false);
        payload = BenchResources.bytes(BenchResources.PAYLOAD_1K);
        // Three violations: a pattern, an email format and a minimum.
        invalidPayload = new String(payload, StandardCharsets.UTF_8)
                .replace("\"ORD-2026-000123\"", "\"ORDER-123\"")
                .replace("\"ada@example.org\"", "\"ada at example.org\"")
                .replace("\"qty\":4", "\"qty\":0")
                .getBytes(StandardCharsets.UTF_8);
        parsedPayload = RequestValidator.parse(payload, StandardCharsets.UTF_8);
        orderSchema = found(orders.route(POST_PATH, "POST")).operation().body().orElseThrow().schema().orElseThrow();
        postRequest = MinimalRequest.of(null, MultiMap.caseInsensitiveMultiMap()
                .add("Content-Type", "application/json").add("Content-Length", String.valueOf(payload.length)));
        getRequest = MinimalRequest.of(GET_QUERY, MultiMap.caseInsensitiveMultiMap()
                .add("Host", "127.0.0.1:8080").add("X-Request-Id", REQUEST_ID));

        // Measure accepted requests only, and make sure a rejection really happens: otherwise a benchmark
        // could time an endpoint that skips validation.
        expect(validatedPost(), 0, "the valid POST");
        expect(validatedGet(), 0, "the valid GET");
        expect(rejectedPost(), 3, "the POST with three violations");
        HttpServerRequest badGet = MinimalRequest.of("limit=1000&status=lost&tag=metal&tag=wood",
                MultiMap.caseInsensitiveMultiMap().add("X-Request-Id", "not-a-uuid"));
        Route.Found get = found(customerOrders.route(List.of("customers", "0", "orders"), "GET"));
        expect(RequestValidator.parameters(get.operation(), badGet, get.rawPathParameters()), 5,
                "the GET with five bad parameters");
    }

    /** Route, parameters (none), parse and validate the 1 KB body: what scenario d adds to the echo. */
    @Benchmark
    public List<FieldError> validatedPost() throws JsonProcessingException {
        return post(payload);
    }

    /** Route and read and validate the path, query and header parameters: what scenario e adds to the echo. */
    @Benchmark
    public List<FieldError> validatedGet() {
        Route.Found found = found(customerOrders.route(GET_PATH, "GET"));
        return RequestValidator.parameters(found.operation(), getRequest, found.rawPathParameters());
    }

    /** Only the JSON parse of the 1 KB body, as the source does it. */
    @Benchmark
    public JsonNode postParseOnly() throws JsonProcessingException {
        return RequestValidator.parse(payload, StandardCharsets.UTF_8);
    }

    /** Only the schema validation of the already parsed 1 KB body. */
    @Benchmark
    public List<FieldError> postValidateParsedBody() {
        List<FieldError> violations = new ArrayList<>();
        RequestValidator.validate(orderSchema, parsedPayload, "body", "", violations);
        return violations;
    }

    /** {@link #validatedPost} with a body that has three violations, each reported with its message. */
    @Benchmark
    public List<FieldError> rejectedPost() throws JsonProcessingException {
        return post(invalidPayload);
    }

    private List<FieldError> post(byte[] body) throws JsonProcessingException {
        Route.Found found = found(orders.route(POST_PATH, "POST"));
        ApiOperation operation = found.operation();
        List<FieldError> violations = new ArrayList<>(
                RequestValidator.parameters(operation, postRequest, found.rawPathParameters()));
        JsonNode value = RequestValidator.parse(body, StandardCharsets.UTF_8);
        RequestValidator.validate(operation.body().orElseThrow().schema().orElseThrow(), value, "body", "", violations);
        return violations;
    }

    private static Route.Found found(Route route) {
        if (route instanceof Route.Found found) {
            return found;
        }
        throw new IllegalStateException("the benchmark request is not routed to an operation: " + route);
    }

    private static void expect(List<FieldError> violations, int count, String what) {
        if (violations.size() != count) {
            throw new IllegalStateException(what + " should have " + count + " violations but has " + violations.size()
                    + ": " + violations);
        }
    }
}
