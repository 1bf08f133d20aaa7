package org.flowserver.server.specs;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** How a spec document is written; the document is kept and served back in the form it was uploaded in. */
public enum SpecFormat {
    JSON("application/json", Set.of("application/json", "application/vnd.oai.openapi+json")),
    YAML("application/yaml", Set.of("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml",
            "application/vnd.oai.openapi"));

    private final String mediaType;
    private final Set<String> accepted;

    SpecFormat(String mediaType, Set<String> accepted) {
        this.mediaType = mediaType;
        this.accepted = accepted;
    }

    /** The media type a document of this format is served with. */
    public String mediaType() {
        return mediaType;
    }

    /** The format a media type ({@code type/subtype}, no parameters) names, if it names one. */
    public static Optional<SpecFormat> ofMediaType(String essence) {
        String type = essence.toLowerCase(Locale.ROOT);
        for (SpecFormat format : values()) {
            if (format.accepted.contains(type)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** The format of a document sent without a content type: JSON if it starts with '{', YAML otherwise. */
    public static SpecFormat detect(String document) {
        return document.stripLeading().startsWith("{") ? JSON : YAML;
    }
}
