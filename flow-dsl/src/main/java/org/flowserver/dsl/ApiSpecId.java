package org.flowserver.dsl;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A parsed {@code apiSpecId}: {@code <type>:<resourceId>:<revision>}, for example
 * {@code OpenAPIv3:orders:latest} or {@code OpenAPIv3:orders:3}.
 *
 * @param type        the spec type; only {@value #OPENAPI_V3} is supported
 * @param resourceId  the spec's id within its owner, an {@link Ids id}
 * @param revision    a positive revision number, or empty for the latest revision
 */
public record ApiSpecId(String type, String resourceId, OptionalInt revision) {

    public static final String OPENAPI_V3 = "OpenAPIv3";
    public static final String LATEST = "latest";
    static final String FORMAT = "<type>:<resourceId>:<revision>";

    public ApiSpecId {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(revision, "revision");
    }

    /**
     * Parses an apiSpecId.
     *
     * @throws IllegalArgumentException saying what is wrong, if the text is not a valid apiSpecId
     */
    public static ApiSpecId parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException(problem(text).orElseThrow()));
    }

    static Optional<ApiSpecId> tryParse(String text) {
        if (problem(text).isPresent()) {
            return Optional.empty();
        }
        String[] parts = text.split(":", -1);
        OptionalInt revision = parts[2].equals(LATEST) ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(parts[2]));
        return Optional.of(new ApiSpecId(parts[0], parts[1], revision));
    }

    /** What is wrong with {@code text} as an apiSpecId, starting with the quoted value; empty when it is valid. */
    static Optional<String> problem(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 3) {
            return Optional.of("'" + text + "' does not match " + FORMAT + " (for example " + OPENAPI_V3 + ":my-api-spec:latest)");
        }
        if (!parts[0].equals(OPENAPI_V3)) {
            return Optional.of("'" + text + "' has the type '" + parts[0] + "', which is not supported; the supported type is " + OPENAPI_V3);
        }
        if (!Ids.isValid(parts[1])) {
            return Optional.of("'" + text + "' has the resourceId '" + parts[1] + "', which does not match " + Ids.PATTERN_TEXT);
        }
        if (!parts[2].equals(LATEST) && !isPositiveInteger(parts[2])) {
            return Optional.of("'" + text + "' has the revision '" + parts[2] + "'; a revision is a positive integer or '" + LATEST + "'");
        }
        return Optional.empty();
    }

    private static boolean isPositiveInteger(String text) {
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return Integer.parseInt(text) > 0;
    }

    @Override
    public String toString() {
        return type + ":" + resourceId + ":" + (revision.isPresent() ? String.valueOf(revision.getAsInt()) : LATEST);
    }
}
