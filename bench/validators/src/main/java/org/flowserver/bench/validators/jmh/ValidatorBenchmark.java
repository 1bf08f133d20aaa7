package org.flowserver.bench.validators.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flowserver.bench.validators.Candidate;
import org.flowserver.bench.validators.Candidates;
import org.flowserver.bench.validators.Request;
import org.flowserver.bench.validators.Violation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * validate() of each candidate, built once for the benchmark spec, on a valid request: (a) POST with a 1 KB JSON
 * order (the body arrives as a String and every candidate parses it itself), (b) GET with path, query and header
 * parameters. Run: {@code java -jar target/benchmarks.jar -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ValidatorBenchmark {

    @Param({"openapi4j", "atlassian", "networknt"})
    public String candidate;

    private Candidate validator;
    private Request post;
    private Request get;

    @Setup
    public void setUp() {
        validator = Candidates.create(candidate, BenchRequests.SPEC);
        post = BenchRequests.post();
        get = BenchRequests.get();
        // a benchmark of a validator that rejects the request would measure the error path: refuse to run
        for (Request request : new Request[] {post, get}) {
            List<Violation> violations = validator.validate(request);
            if (!violations.isEmpty()) {
                throw new IllegalStateException(candidate + " rejects the benchmark request " + request.method()
                        + " " + request.path() + ": " + violations);
            }
        }
    }

    @Benchmark
    public List<Violation> postOrder1k() {
        return validator.validate(post);
    }

    @Benchmark
    public List<Violation> getWithParameters() {
        return validator.validate(get);
    }
}
