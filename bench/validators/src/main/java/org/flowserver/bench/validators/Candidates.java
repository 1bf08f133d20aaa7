package org.flowserver.bench.validators;

import java.util.List;
import org.flowserver.bench.validators.networknt.NetworkntCandidate;

/** The candidates by name. */
public final class Candidates {

    /** The three candidates (conformance and JMH). */
    public static final List<String> NAMES = List.of("openapi4j", "atlassian", "networknt");

    /**
     * The conformance matrix also shows, for reference, Atlassian with the library's defaults and the networknt
     * prototype with networknt's built-in discriminator support instead of ours.
     */
    public static final List<String> CONFORMANCE_NAMES = List.of("openapi4j", "atlassian", "atlassian-defaults",
            "networknt", "networknt-builtin-discriminator");

    private Candidates() {
    }

    /**
     * Builds a candidate for a spec.
     *
     * @throws IllegalArgumentException when the candidate refuses or cannot load the spec
     */
    public static Candidate create(String name, String specText) {
        return switch (name) {
            case "openapi4j" -> new OpenApi4jCandidate(specText);
            case "atlassian" -> new AtlassianCandidate(specText);
            case "atlassian-defaults" -> AtlassianCandidate.withLibraryDefaults(specText);
            case "networknt" -> new NetworkntCandidate(specText);
            case "networknt-builtin-discriminator" -> NetworkntCandidate.withBuiltInDiscriminator(specText);
            default -> throw new IllegalArgumentException("unknown candidate " + name);
        };
    }
}
