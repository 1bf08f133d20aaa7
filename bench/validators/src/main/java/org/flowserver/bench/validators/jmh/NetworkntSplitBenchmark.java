package org.flowserver.bench.validators.jmh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flowserver.bench.validators.Request;
import org.flowserver.bench.validators.Violation;
import org.flowserver.bench.validators.networknt.NetworkntCandidate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The networknt prototype's POST split in two: parsing the 1 KB body into a Jackson tree, and validating the
 * already parsed tree (operation match + parameters + body schema). ValidatorBenchmark.postOrder1k is both.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NetworkntSplitBenchmark {

    private NetworkntCandidate validator;
    private Request post;
    private JsonNode parsed;

    @Setup
    public void setUp() throws JsonProcessingException {
        validator = new NetworkntCandidate(BenchRequests.SPEC);
        post = BenchRequests.post();
        parsed = NetworkntCandidate.parseBody(post.body());
        List<Violation> violations = validator.validate(post, parsed);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("the benchmark request is rejected: " + violations);
        }
    }

    @Benchmark
    public JsonNode parseBodyOnly() throws JsonProcessingException {
        return NetworkntCandidate.parseBody(post.body());
    }

    @Benchmark
    public List<Violation> validateParsedBody() {
        return validator.validate(post, parsed);
    }
}
