package org.flowserver.bench.openapi;

import java.util.concurrent.TimeUnit;
import org.flowserver.processors.openapi.ApiSpecLoader;
import org.flowserver.processors.openapi.LoadedSpec;
import org.flowserver.processors.openapi.OpenApiEndpoint;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-process part of deploying a large spec ({@link GeneratedSpec}, 1,000 operations by default), split in
 * two: {@link #load} is what a spec upload does ({@code ApiSpecLoader.load}: the safety scan and swagger-parser),
 * {@link #build} what a flow deploy does with the parsed spec ({@code OpenApiEndpoint.build}: the schema
 * document, its compilation by networknt, the router), {@link #buildWithResponses} the same for a flow with
 * {@code validateResponse}. One operation is one whole load or build, timed alone
 * (single shot) because it is long and because a deploy happens once; the first iterations include class
 * loading and JIT, which {@code DeployCost} measures over HTTP as the first deploy.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"})
public class SpecDeployBenchmark {

    /** Paths of the generated spec, each with a GET and a POST. */
    @Param("500")
    public int paths;

    private String document;
    private LoadedSpec loaded;

    @Setup
    public void setUp() {
        document = GeneratedSpec.json(paths);
        loaded = ApiSpecLoader.load(document);
        for (boolean validateResponses : new boolean[] {false, true}) {
            int operations = OpenApiEndpoint.build(loaded, validateResponses).operations().size();
            if (operations != GeneratedSpec.operations(paths)) {
                throw new IllegalStateException("the generated spec should have " + GeneratedSpec.operations(paths)
                        + " operations but the endpoint has " + operations);
            }
        }
    }

    /** Parsing and checking the document, as a spec upload does. */
    @Benchmark
    public LoadedSpec load() {
        return ApiSpecLoader.load(document);
    }

    /** Compiling the parsed spec into an endpoint, as a flow deploy does. */
    @Benchmark
    public OpenApiEndpoint build() {
        return OpenApiEndpoint.build(loaded, false);
    }

    /** {@link #build} with the response schemas compiled too, as for a flow with {@code validateResponse}. */
    @Benchmark
    public OpenApiEndpoint buildWithResponses() {
        return OpenApiEndpoint.build(loaded, true);
    }
}
