package org.flowserver.bench.validators.jmh;

import java.util.concurrent.TimeUnit;
import org.flowserver.bench.validators.Candidate;
import org.flowserver.bench.validators.Candidates;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Deploy-time cost: building a candidate from the benchmark spec's text (parse + compile). Not comparable one to
 * one: Atlassian compiles each schema lazily on first use, openapi4j per operation on first use, the networknt
 * prototype compiles every operation's schemas here.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SpecLoadBenchmark {

    @Param({"openapi4j", "atlassian", "networknt"})
    public String candidate;

    @Benchmark
    public Candidate loadSpec() {
        return Candidates.create(candidate, BenchRequests.SPEC);
    }
}
