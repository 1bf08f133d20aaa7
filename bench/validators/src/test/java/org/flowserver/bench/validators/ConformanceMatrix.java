package org.flowserver.bench.validators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.flowserver.bench.validators.ConformanceCase.Expected;

/** Runs a case against a candidate, judges it, and keeps every result for the Markdown matrix. */
final class ConformanceMatrix {

    enum Verdict { PASS, FAIL, NOT_SUPPORTED }

    enum Naming { EXACT, PARTIAL, NONE }

    record Result(String candidate, ConformanceCase conformanceCase, Verdict verdict, String reason,
                  Boolean locationOk, Naming pointer, List<Violation> violations) {
    }

    private static final Map<String, Object> CANDIDATES = new ConcurrentHashMap<>();
    private static final Map<String, Result> RESULTS = new ConcurrentHashMap<>();

    private ConformanceMatrix() {
    }

    static Result run(String candidateName, ConformanceCase c) {
        Object built = CANDIDATES.computeIfAbsent(candidateName + "|" + c.spec(), key -> {
            try {
                return Candidates.create(candidateName, Specs.resource(c.spec()));
            } catch (RuntimeException | LinkageError e) {
                return e;
            }
        });
        Result result;
        if (built instanceof Throwable refused) {
            result = new Result(candidateName, c, Verdict.NOT_SUPPORTED,
                    "spec not loaded: " + oneLine(String.valueOf(refused.getMessage())), null, null, List.of());
        } else {
            List<Violation> violations;
            try {
                violations = ((Candidate) built).validate(c.request());
            } catch (RuntimeException | StackOverflowError e) {
                violations = null;
                result = new Result(candidateName, c, Verdict.FAIL, "exception: " + oneLine(e.toString()),
                        null, null, List.of());
                RESULTS.put(key(c, candidateName), result);
                return result;
            }
            result = judge(candidateName, c, violations);
        }
        RESULTS.put(key(c, candidateName), result);
        return result;
    }

    private static Result judge(String candidate, ConformanceCase c, List<Violation> violations) {
        if (c.accept()) {
            return violations.isEmpty()
                    ? new Result(candidate, c, Verdict.PASS, "accepted", null, null, violations)
                    : new Result(candidate, c, Verdict.FAIL, "rejected a valid request: "
                    + oneLine(violations.get(0).message()), null, null, violations);
        }
        if (violations.isEmpty()) {
            return new Result(candidate, c, Verdict.FAIL, "accepted an invalid request", false, Naming.NONE, violations);
        }
        boolean allLocations = true;
        Naming worst = Naming.EXACT;
        int identified = 0;
        StringBuilder missing = new StringBuilder();
        for (Expected expected : c.expected()) {
            Naming naming = Naming.NONE;
            boolean location = false;
            for (Violation violation : violations) {
                Naming n = naming(expected, violation);
                if (n.ordinal() < naming.ordinal()) {
                    naming = n;
                }
                if (expected.location().equals(violation.location()) && n != Naming.NONE) {
                    location = true;
                }
            }
            if (naming != Naming.NONE) {
                identified++;
            } else {
                missing.append(' ').append(expected.location()).append(':').append(expected.pointer());
            }
            allLocations &= location;
            if (naming.ordinal() > worst.ordinal()) {
                worst = naming;
            }
        }
        boolean pass = c.mustNameAll() ? identified == c.expected().size() : identified > 0;
        String reason = pass ? "rejected, " + identified + "/" + c.expected().size() + " expected violations identified"
                : "rejected, but did not identify" + missing;
        return new Result(candidate, c, pass ? Verdict.PASS : Verdict.FAIL, reason, allLocations, worst, violations);
    }

    private static Naming naming(Expected expected, Violation violation) {
        String pointer = normalise(violation.pointer());
        if (pointer != null && pointer.equals(expected.pointer())) {
            return Naming.EXACT;
        }
        if (pointer != null && !pointer.isEmpty() && expected.pointer().startsWith(pointer + "/")) {
            return Naming.PARTIAL;
        }
        String message = violation.message() == null ? "" : violation.message().toLowerCase(Locale.ROOT);
        if (!expected.hint().isEmpty() && message.contains(expected.hint().toLowerCase(Locale.ROOT))) {
            return Naming.PARTIAL;
        }
        return Naming.NONE;
    }

    private static String normalise(String pointer) {
        if (pointer == null) {
            return null;
        }
        if (pointer.equals("/") || pointer.equals("$")) {
            return "";
        }
        return pointer.isEmpty() || pointer.startsWith("/") ? pointer : "/" + pointer.replace('.', '/');
    }

    private static String key(ConformanceCase c, String candidate) {
        return c.id() + "|" + candidate;
    }

    static String oneLine(String text) {
        String line = text.replace('\n', ' ').replace('\r', ' ').replace("|", "\\|");
        return line.length() > 220 ? line.substring(0, 217) + "..." : line;
    }

    /** Writes results/conformance.md and results/conformance-details.md. */
    static void write(Path directory) {
        StringBuilder table = new StringBuilder();
        List<String> names = Candidates.CONFORMANCE_NAMES;
        table.append("# Conformance matrix\n\n")
                .append("Generated by `mvn -f bench/validators/pom.xml test` (`ConformanceTest`) on ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .append(", Java ").append(System.getProperty("java.version")).append(".\n")
                .append("Candidates: openapi4j = `org.openapi4j:openapi-operation-validator:1.0.7`, ")
                .append("atlassian = `com.atlassian.oai:swagger-request-validator-core:2.46.1` tuned (resolveFully=false, ")
                .append("`validation.schema.additionalProperties` ignored: the README fix for allOf), ")
                .append("atlassian-defaults = the same library with its defaults (reference only, not benchmarked), ")
                .append("networknt = our prototype on `com.networknt:json-schema-validator:1.5.8` ")
                .append("(+ `io.swagger.parser.v3:swagger-parser-v3:2.1.37`), ")
                .append("networknt-builtin-discriminator = the same prototype with networknt's own discriminator support ")
                .append("instead of our `x-flowserver-discriminator` keyword (reference only, not benchmarked).\n\n")
                .append("Legend: **pass** / **FAIL** / **n/s** (not supported: the candidate refused or could not load the spec). ")
                .append("For rejections: `L✓` every expected violation carries the right location (body/path/query/header/cookie), ")
                .append("`P✓` its exact JSON pointer, `P~` only a parent pointer or the field's name in the message, `P✗` not identified. ")
                .append("Specs: `src/test/resources/{shop-3.0,pets-3.0,items-3.1}.yaml`; reasons and the actual violations are in ")
                .append("[conformance-details.md](conformance-details.md).\n\n");
        table.append("| # | case | spec |");
        names.forEach(n -> table.append(' ').append(n).append(" |"));
        table.append("\n| --- | --- | --- |");
        names.forEach(n -> table.append(" --- |"));
        table.append('\n');
        int[] passed = new int[names.size()];
        int[] locations = new int[names.size()];
        int[] pointers = new int[names.size()];
        int rejections = 0;
        int row = 0;
        for (ConformanceCase c : Cases.all()) {
            row++;
            table.append("| ").append(row).append(" | ").append(c.title()).append(" (`").append(c.id()).append("`) | ")
                    .append(c.spec().replace(".yaml", "")).append(" |");
            if (!c.accept()) {
                rejections++;
            }
            for (int i = 0; i < names.size(); i++) {
                Result r = RESULTS.get(key(c, names.get(i)));
                table.append(' ').append(cell(r)).append(" |");
                if (r != null && r.verdict() == Verdict.PASS) {
                    passed[i]++;
                }
                if (r != null && Boolean.TRUE.equals(r.locationOk())) {
                    locations[i]++;
                }
                if (r != null && r.pointer() == Naming.EXACT) {
                    pointers[i]++;
                }
            }
            table.append('\n');
        }
        table.append("| | **passed** | |");
        for (int count : passed) {
            table.append(" **").append(count).append('/').append(row).append("** |");
        }
        table.append("\n| | rejections with every location right (L✓) | |");
        for (int count : locations) {
            table.append(' ').append(count).append('/').append(rejections).append(" |");
        }
        table.append("\n| | rejections with every exact pointer (P✓) | |");
        for (int count : pointers) {
            table.append(' ').append(count).append('/').append(rejections).append(" |");
        }
        table.append('\n');

        StringBuilder details = new StringBuilder("# Conformance details\n\n")
                .append("Every case with every candidate's verdict, reason and reported violations ")
                .append("(location, pointer, message; messages cut at 220 characters).\n");
        for (ConformanceCase c : Cases.all()) {
            details.append("\n## ").append(c.id()).append("\n\n").append(c.title()).append(" — `")
                    .append(c.request().method()).append(' ').append(c.request().path());
            if (!c.request().query().isEmpty()) {
                details.append('?').append(c.request().rawQuery());
            }
            details.append("` (").append(c.spec()).append(")");
            if (!c.request().headers().isEmpty()) {
                details.append(", headers ").append(c.request().headers());
            }
            if (!c.request().cookies().isEmpty()) {
                details.append(", cookies ").append(c.request().cookies());
            }
            details.append("; expected: ").append(c.accept() ? "accept" : c.expected().toString()).append("\n\n");
            for (String name : names) {
                Result r = RESULTS.get(key(c, name));
                if (r == null) {
                    details.append("- **").append(name).append("**: not run\n");
                    continue;
                }
                details.append("- **").append(name).append("**: ").append(cell(r)).append(" — ").append(r.reason()).append('\n');
                for (Violation v : r.violations()) {
                    details.append("  - `").append(v.location()).append("` `").append(v.pointer()).append("` ")
                            .append(oneLine(String.valueOf(v.message()))).append('\n');
                }
            }
        }
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("conformance.md"), table);
            Files.writeString(directory.resolve("conformance-details.md"), details);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cell(Result r) {
        if (r == null) {
            return "not run";
        }
        return switch (r.verdict()) {
            case NOT_SUPPORTED -> "n/s";
            case PASS -> r.conformanceCase().accept() ? "pass" : "pass " + marks(r);
            case FAIL -> r.conformanceCase().accept() || r.locationOk() == null || r.violations().isEmpty()
                    ? "**FAIL**" : "**FAIL** " + marks(r);
        };
    }

    private static String marks(Result r) {
        String location = Boolean.TRUE.equals(r.locationOk()) ? "L✓" : "L✗";
        String pointer = switch (r.pointer()) {
            case EXACT -> "P✓";
            case PARTIAL -> "P~";
            case NONE -> "P✗";
        };
        return location + " " + pointer;
    }
}
