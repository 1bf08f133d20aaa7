package org.flowserver.bench.openapi;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What deploying a flow on a large spec costs a running flow server (issue 3, point 8: a generated spec of 1,000
 * operations deploys in under 3 s and adds under 200 MB of heap).
 *
 * <p>Starts {@code flow-server.jar} in its own JVM on an empty store, uploads the {@link GeneratedSpec}
 * ({@code PUT /api/specs/bench/generated}), then {@code runs} times: deploys a flow whose {@code restApi} names it
 * ({@code PUT /api/flows/bench/generated}, timed by the client, answered when the endpoint serves), calls two of
 * its operations (a valid GET must answer 200, an invalid POST 400), then every operation once with a valid request
 * (so that anything built lazily is built), and undeploys it again. Heap is the size of
 * the live objects after a full GC, read with {@code jcmd <pid> GC.class_histogram} (which runs the full GC):
 * before the upload, after it, and before each deploy, after it, after every operation was called and after the
 * undeploy. The first deploy is the cold one (classes
 * loaded, code interpreted); the later ones show the steady cost.
 *
 * <pre>
 * java -cp bench/openapi/target/benchmarks.jar org.flowserver.bench.openapi.DeployCost [--jar=flow-server/target/flow-server.jar]
 *      [--paths=500] [--runs=5] [--validate-response] [--java-opts="-Xms1g -Xmx1g -XX:+UseParallelGC"] [--cpus=0]
 *      [--results=bench/openapi/results]
 * </pre>
 */
public final class DeployCost {

    private static final long MB = 1024 * 1024;
    private static final double TARGET_SECONDS = 3.0;
    private static final double TARGET_MB = 200.0;
    private static final String OWNER = "bench";
    private static final String RESOURCE = "generated";
    private static final String FLOW = "generated";
    /** Valid for every {@code Resource{i}} of the generated spec. */
    private static final String VALID_RESOURCE = "{\"name\": \"n\", \"owner\": {\"id\": \"p1\", \"name\": \"P\"}, "
            + "\"amount\": {\"value\": 1, \"currency\": \"EUR\"}}";

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final StringBuilder report = new StringBuilder();
    private Process server;
    private String base;

    private DeployCost(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        DeployCost cost = new DeployCost(options);
        try {
            cost.run();
        } finally {
            cost.stopServer();
        }
    }

    private void run() throws Exception {
        Files.createDirectories(options.results);
        Path work = Files.createTempDirectory("flowserver-deploycost");
        String spec = GeneratedSpec.json(options.paths);
        Files.writeString(options.results.resolve("generated-spec.json"), spec);
        // A copy: a build running beside the measurement may rewrite the jar under the live JVM.
        Path jar = Files.copy(options.jar, work.resolve("flow-server.jar"), StandardCopyOption.REPLACE_EXISTING);
        startServer(jar, work.resolve("data"));
        long pid = server.pid();
        log("server pid " + pid + " on " + base);

        Histogram start = Histogram.of(pid);
        long uploadStarted = System.nanoTime();
        HttpResponse<String> upload = send("PUT", "/api/specs/" + OWNER + "/" + RESOURCE, "application/json", spec);
        double uploadMs = (System.nanoTime() - uploadStarted) / 1e6;
        expect(upload, 201, "the spec upload");
        log("uploaded: " + upload.body());
        Histogram uploaded = Histogram.of(pid);

        // With validateResponse the flow answers every operation with a valid resource, so that each response is
        // validated (an answer without a body has nothing to validate).
        String flow = "{\"id\": \"" + FLOW + "\", \"ownerId\": \"" + OWNER + "\", \"processors\": [{\"type\": \"restApi\", "
                + "\"id\": \"generated-in\", \"apiSpecId\": \"OpenAPIv3:" + RESOURCE + ":latest\""
                + (options.validateResponse ? ", \"validateResponse\": true}, {\"type\": \"setPayload\", \"id\": \"reply\", "
                + "\"source\": \"" + VALID_RESOURCE.replace("\"", "\\\"") + "\"" : "") + "}]}";
        List<Run> runs = new ArrayList<>();
        Map<String, Long> firstGrowth = Map.of();
        for (int i = 1; i <= options.runs; i++) {
            Histogram before = Histogram.of(pid);
            long started = System.nanoTime();
            HttpResponse<String> deploy = send("PUT", "/api/flows/" + OWNER + "/" + FLOW, "application/json", flow);
            double deployMs = (System.nanoTime() - started) / 1e6;
            expect(deploy, 201, "deploy " + i);
            smokeTest();
            Histogram after = Histogram.of(pid);
            if (i == 1) {
                firstGrowth = after.growthSince(before);
            }
            double[] firstCalls = callEveryOperation();
            Histogram served = Histogram.of(pid);
            started = System.nanoTime();
            expect(send("DELETE", "/api/flows/" + OWNER + "/" + FLOW, null, null), 204, "undeploy " + i);
            double undeployMs = (System.nanoTime() - started) / 1e6;
            Histogram undeployed = Histogram.of(pid);
            Run run = new Run(i, deployMs, after.bytes - before.bytes, served.bytes - before.bytes, firstCalls[0],
                    firstCalls[1], undeployMs, undeployed.bytes - before.bytes);
            runs.add(run);
            log(String.format(Locale.ROOT, "run %d: deploy %.0f ms, heap +%.1f MB (+%.1f MB once every operation was "
                            + "called; first calls median %.1f ms, max %.1f ms), undeploy %.0f ms, left %.1f MB", i,
                    deployMs, mb(run.heapAdded), mb(run.heapServed), firstCalls[0], firstCalls[1], undeployMs,
                    mb(run.heapLeft)));
        }
        write(spec, uploadMs, start, uploaded, runs, firstGrowth);
        Path out = options.results.resolve("deploy-latest.md");
        Files.writeString(out, report);
        System.out.print(report);
        log("written to " + out);
    }

    /** The flow must serve its operations, validated: a valid GET answers 200, a POST with an empty object 400. */
    private void smokeTest() throws IOException, InterruptedException {
        String resource = String.format("/%s/rs/%s/resource%04d/42", OWNER, FLOW, options.paths / 2);
        expect(send("GET", resource + "?limit=5&sort=asc&field=name&field=tags", null, null), 200, "the valid GET");
        HttpResponse<String> invalid = send("POST", resource, "application/json", "{}");
        expect(invalid, 400, "the POST without the required properties");
    }

    /**
     * Calls every operation once with a valid request (GET 200, POST 201), so that anything the endpoint builds
     * lazily is built; returns the median and the largest latency of these first calls, in ms.
     */
    private double[] callEveryOperation() throws IOException, InterruptedException {
        double[] latencies = new double[GeneratedSpec.operations(options.paths)];
        int n = 0;
        for (int i = 0; i < options.paths; i++) {
            String resource = String.format("/%s/rs/%s/resource%04d/%d", OWNER, FLOW, i, i + 1);
            long started = System.nanoTime();
            expect(send("GET", resource + "?limit=5&field=name", null, null), 200, "GET " + resource);
            latencies[n++] = (System.nanoTime() - started) / 1e6;
            started = System.nanoTime();
            expect(send("POST", resource, "application/json", VALID_RESOURCE), 201, "POST " + resource);
            latencies[n++] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(latencies);
        return new double[] {median(latencies), latencies[latencies.length - 1]};
    }

    private void write(String spec, double uploadMs, Histogram start, Histogram uploaded, List<Run> runs,
                       Map<String, Long> firstGrowth) throws IOException, InterruptedException {
        line("# Deploy cost of a generated spec, " + ZonedDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
        line("");
        line("- Machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + cpuModel() + "; load average "
                + loadAverage() + " at the end");
        line("- Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        line("- Server: `java " + String.join(" ", options.javaOpts) + " -jar flow-server.jar`"
                + (options.cpus == null ? ", not pinned" : ", pinned with `taskset -c " + options.cpus + "`")
                + ", embedded H2 store, empty at start");
        line(String.format(Locale.ROOT, "- Spec: %d paths × GET + POST = %d operations, %d component schemas, "
                        + "%.0f KB of JSON%s", options.paths, GeneratedSpec.operations(options.paths), options.paths + 5,
                spec.length() / 1024.0, options.validateResponse ? "; the flow has `validateResponse: true` and answers "
                        + "every call with a valid resource (a `setPayload`), so that every response is validated" : ""));
        line("- Heap: live objects after a full GC (`jcmd <pid> GC.class_histogram`)");
        line("");
        line(String.format(Locale.ROOT, "Spec upload (`PUT /api/specs/...`, parse + store): %.0f ms; heap %.1f → %.1f MB "
                + "(+%.1f MB, the parsed spec kept in the registry's cache).", uploadMs, mb(start.bytes),
                mb(uploaded.bytes), mb(uploaded.bytes - start.bytes)));
        line("");
        line("| run | deploy ms | heap added by the deploy, MB | the same once every operation was called, MB "
                + "| first call of an operation, median / max ms | undeploy ms | heap left after undeploy, MB |");
        line("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Run run : runs) {
            line(String.format(Locale.ROOT, "| %d | %.0f | %.1f | %.1f | %.1f / %.1f | %.0f | %.1f |", run.number,
                    run.deployMs, mb(run.heapAdded), mb(run.heapServed), run.firstCallMedianMs, run.firstCallMaxMs,
                    run.undeployMs, mb(run.heapLeft)));
        }
        double[] times = runs.stream().mapToDouble(Run::deployMs).sorted().toArray();
        double[] heaps = runs.stream().mapToDouble(run -> mb(Math.max(run.heapAdded, run.heapServed))).sorted().toArray();
        double maxTime = times[times.length - 1] / 1000;
        double maxHeap = heaps[heaps.length - 1];
        line("");
        line("| measure | median | max | target | met |");
        line("| --- | ---: | ---: | ---: | --- |");
        line(String.format(Locale.ROOT, "| deploy wall time, s | %.2f | %.2f | < %.0f | %s |", median(times) / 1000,
                maxTime, TARGET_SECONDS, maxTime < TARGET_SECONDS ? "yes" : "**no**"));
        line(String.format(Locale.ROOT, "| heap added by a deploy (the larger of the two columns), MB | %.1f | %.1f "
                        + "| < %.0f | %s |", median(heaps),
                maxHeap, TARGET_MB, maxHeap < TARGET_MB ? "yes" : "**no**"));
        long uploadAndDeploy = uploaded.bytes - start.bytes + Math.max(runs.get(0).heapAdded, runs.get(0).heapServed);
        line(String.format(Locale.ROOT, "| heap added by the upload and the first deploy, MB | %.1f | | < %.0f | %s |",
                mb(uploadAndDeploy), TARGET_MB, mb(uploadAndDeploy) < TARGET_MB ? "yes" : "**no**"));
        line("");
        line("Classes that grew most in the first deploy (live bytes):");
        line("");
        line("| class | MB |");
        line("| --- | ---: |");
        firstGrowth.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(entry -> line(String.format(Locale.ROOT, "| `%s` | %.1f |", entry.getKey(), mb(entry.getValue()))));
    }

    // --- the server ---------------------------------------------------------------------------------------------

    private void startServer(Path jar, Path dataDir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        List<String> command = new ArrayList<>();
        if (options.cpus != null) {
            command.addAll(List.of("taskset", "-c", options.cpus));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options.javaOpts);
        command.addAll(List.of("-jar", jar.toString(), "--host=127.0.0.1", "--port=" + port, "--data-dir=" + dataDir));
        Path serverLog = options.results.resolve("deploy-server.log");
        server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(serverLog.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server exited during start-up; see " + serverLog);
            }
            try {
                if (send("GET", "/health", null, null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the server did not answer /health within 60 s; see " + serverLog);
    }

    private void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        }
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (path.contains("/rs/")) {
            request.header("X-Request-Id", "5f0c7a2e-9b1d-4c3e-8f6a-2d4b1e7c9a10");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            String body = response.body();
            throw new IllegalStateException(what + " answered " + response.statusCode() + ", expected " + status + ": "
                    + body.substring(0, Math.min(body.length(), 2000)));
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private void line(String text) {
        report.append(text).append('\n');
    }

    private static void log(String text) {
        System.err.println("== " + text);
    }

    private static double mb(long bytes) {
        return bytes / (double) MB;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.asList(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (IOException e) {
            return "unknown";
        }
    }

    private record Run(int number, double deployMs, long heapAdded, long heapServed, double firstCallMedianMs,
                       double firstCallMaxMs, double undeployMs, long heapLeft) {
    }

    /** The live objects of a JVM by class, after the full GC that {@code GC.class_histogram} runs. */
    private record Histogram(long bytes, Map<String, Long> byClass) {

        static Histogram of(long pid) throws IOException, InterruptedException {
            Process jcmd = new ProcessBuilder("jcmd", String.valueOf(pid), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (jcmd.waitFor() != 0) {
                throw new IllegalStateException("jcmd GC.class_histogram failed: " + output);
            }
            Map<String, Long> byClass = new HashMap<>();
            long total = -1;
            for (String line : output.split("\n")) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length >= 3 && fields[0].equals("Total")) {
                    total = Long.parseLong(fields[2]);
                } else if (fields.length >= 4 && fields[0].endsWith(":")) {
                    byClass.merge(fields[3], Long.parseLong(fields[2]), Long::sum);
                }
            }
            if (total < 0) {
                throw new IllegalStateException("no Total line in the class histogram: " + output);
            }
            return new Histogram(total, byClass);
        }

        Map<String, Long> growthSince(Histogram earlier) {
            Map<String, Long> growth = new LinkedHashMap<>();
            byClass.forEach((name, bytes) -> growth.put(name, bytes - earlier.byClass.getOrDefault(name, 0L)));
            growth.values().removeIf(delta -> delta <= 0);
            return growth;
        }
    }

    private record Options(Path jar, int paths, int runs, boolean validateResponse, List<String> javaOpts,
                           String cpus, Path results) {

        static Options parse(String[] args) {
            Map<String, String> given = new HashMap<>();
            for (String arg : args) {
                if (arg.equals("-h") || arg.equals("--help")) {
                    System.out.println("DeployCost [--jar=flow-server/target/flow-server.jar] [--paths=500] [--runs=5] "
                            + "[--validate-response] [--java-opts=\"-Xms1g -Xmx1g -XX:+UseParallelGC\"] [--cpus=0] "
                            + "[--results=bench/openapi/results]");
                    System.exit(0);
                }
                if (!arg.startsWith("--")) {
                    throw new IllegalArgumentException("unknown argument '" + arg + "'; try --help");
                }
                int equals = arg.indexOf('=');
                given.put(equals < 0 ? arg.substring(2) : arg.substring(2, equals), equals < 0 ? "" : arg.substring(equals + 1));
            }
            List<String> known = List.of("jar", "paths", "runs", "validate-response", "java-opts", "cpus", "results");
            given.keySet().stream().filter(key -> !known.contains(key)).findFirst().ifPresent(key -> {
                throw new IllegalArgumentException("unknown option '--" + key + "'; known: " + known);
            });
            Path jar = Path.of(given.getOrDefault("jar", "flow-server/target/flow-server.jar"));
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException(jar + " is missing: build the server (mvn -DskipTests package) or "
                        + "give --jar");
            }
            int runs = Integer.parseInt(given.getOrDefault("runs", "5"));
            if (runs < 1) {
                throw new IllegalArgumentException("--runs must be at least 1");
            }
            List<String> javaOpts = Arrays.stream(given.getOrDefault("java-opts", "-Xms1g -Xmx1g -XX:+UseParallelGC")
                    .trim().split("\\s+")).filter(option -> !option.isEmpty()).toList();
            return new Options(jar, Integer.parseInt(given.getOrDefault("paths", "500")), runs,
                    given.containsKey("validate-response"), javaOpts, given.get("cpus"),
                    Path.of(given.getOrDefault("results", "bench/openapi/results")));
        }
    }
}
