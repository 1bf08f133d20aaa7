package org.flowserver.processors.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads OpenAPI v3 documents (JSON or YAML) safely. A spec is untrusted input (DESIGN.md §5): a {@code $ref}
 * that points outside the document (a file, a URL) is refused before the parser could follow it, internal
 * references are resolved (cycles included) but never fully inlined, and every message of the parser counts
 * as a reason to refuse the document.
 */
public final class ApiSpecLoader {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /**
     * YAML anchors and aliases of collections are refused: an alias bomb (anchors that each repeat the one
     * before twice) is a few hundred bytes that expand without end.
     */
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .loaderOptions(yamlLimits()).build());
    private static final java.util.regex.Pattern VERSION = java.util.regex.Pattern.compile("3\\.[01]\\.[0-9]{1,3}");
    private static final int MAX_REASONS = 50;

    private ApiSpecLoader() {
    }

    /**
     * Parses and checks a document.
     *
     * @throws InvalidApiSpecException with every reason, if it is not a usable OpenAPI 3.0 or 3.1 document
     */
    public static LoadedSpec load(String content) {
        JsonNode tree = tree(content);
        String version = version(tree);
        List<String> external = new ArrayList<>();
        findExternalReferences(tree, "", external);
        if (!external.isEmpty()) {
            throw new InvalidApiSpecException(external);
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(false);
        options.setSafelyResolveURL(true);
        options.setInferSchemaType(false);
        // The parser reads the tree checked above, as JSON: the YAML text is never read twice.
        String checked;
        try {
            checked = JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new InvalidApiSpecException(List.of("the document cannot be read: " + e.getOriginalMessage()));
        }
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(checked, null, options);
        // The parser reports some problems once per operation; each is a reason once.
        List<String> messages = result.getMessages() == null ? List.of()
                : List.copyOf(new java.util.LinkedHashSet<>(result.getMessages()));
        if (result.getOpenAPI() == null || !messages.isEmpty()) {
            List<String> reasons = new ArrayList<>(messages.subList(0, Math.min(messages.size(), MAX_REASONS)));
            if (reasons.isEmpty()) {
                reasons.add("the parser could not read the document");
            }
            throw new InvalidApiSpecException(reasons);
        }
        return new LoadedSpec(result.getOpenAPI(), version);
    }

    private static org.yaml.snakeyaml.LoaderOptions yamlLimits() {
        org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
        options.setMaxAliasesForCollections(0);
        options.setAllowDuplicateKeys(false);
        return options;
    }

    /**
     * Refuses YAML aliases ({@code *name}): the YAML reader would not expand an alias of a list or map, so the
     * spec would silently mean something else, and an alias chain is the classic expansion bomb. Reads events
     * only, which costs as little as the text is long.
     */
    private static void refuseAliases(String content) {
        try {
            for (org.yaml.snakeyaml.events.Event event : new org.yaml.snakeyaml.Yaml().parse(new java.io.StringReader(content))) {
                if (event instanceof org.yaml.snakeyaml.events.AliasEvent alias) {
                    throw new InvalidApiSpecException(List.of("the document uses the YAML alias '*" + alias.getAnchor()
                            + "'" + (alias.getStartMark() == null ? "" : " (line " + (alias.getStartMark().getLine() + 1) + ")")
                            + "; YAML anchors and aliases are not supported: write the content out"));
                }
            }
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            // Not valid YAML: the reader below says why, with the position.
        }
    }

    private static JsonNode tree(String content) {
        if (content == null || content.isBlank()) {
            throw new InvalidApiSpecException(List.of("the document is empty"));
        }
        boolean json = content.stripLeading().startsWith("{");
        if (!json) {
            refuseAliases(content);
        }
        try {
            JsonNode tree = (json ? JSON : YAML).readTree(content);
            if (tree == null || !tree.isObject()) {
                throw new InvalidApiSpecException(List.of("the document is not a JSON or YAML object"));
            }
            return tree;
        } catch (RuntimeException e) {
            // SnakeYAML's own refusals (too many aliases, duplicate keys) arrive unwrapped.
            throw new InvalidApiSpecException(List.of("the document is not valid YAML: "
                    + String.valueOf(e.getMessage()).replaceAll("\\s+", " ").trim()));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new InvalidApiSpecException(List.of("the document is not valid " + (json ? "JSON" : "YAML") + ": "
                    + e.getOriginalMessage().replaceAll("\\s+", " ").trim() + where));
        }
    }

    private static String version(JsonNode tree) {
        JsonNode openapi = tree.get("openapi");
        if (openapi == null || !openapi.isTextual()) {
            String swagger = tree.has("swagger") ? " (this is a Swagger " + tree.get("swagger").asText()
                    + " document; convert it to OpenAPI 3)" : "";
            throw new InvalidApiSpecException(List.of("the field 'openapi' with the version 3.0.x or 3.1.x is "
                    + "missing" + swagger));
        }
        String version = openapi.asText();
        if (!VERSION.matcher(version).matches()) {
            String shown = version.length() > 40 ? version.substring(0, 40) + "..." : version;
            throw new InvalidApiSpecException(List.of("openapi '" + shown + "' is not supported; use 3.0.x or 3.1.x"));
        }
        return version;
    }

    /** Every {@code $ref} or {@code $dynamicRef} that does not point into this document. */
    private static void findExternalReferences(JsonNode node, String pointer, List<String> found) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                String path = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                if ((name.equals("$ref") || name.equals("$dynamicRef")) && field.getValue().isTextual()
                        && !field.getValue().asText().startsWith("#")) {
                    if (found.size() < MAX_REASONS) {
                        found.add(path + " refers to '" + field.getValue().asText() + "' outside the document; "
                                + "external references are not allowed: put the referenced part in this document's "
                                + "components and refer to it with '#/components/...'");
                    }
                } else {
                    findExternalReferences(field.getValue(), path, found);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findExternalReferences(node.get(i), pointer + "/" + i, found);
            }
        }
    }
}
