package org.flowserver.bench.validators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Loading specs the way the server must: untrusted text, no remote or file references, no full resolution. */
public final class Specs {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Specs() {
    }

    /** The text of a classpath resource. */
    public static String resource(String name) {
        try (InputStream in = Specs.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The spec as a Jackson tree (YAML is a superset of JSON). */
    public static JsonNode tree(String specText) {
        try {
            return YAML.readTree(specText);
        } catch (IOException e) {
            throw new IllegalArgumentException("the spec is neither JSON nor YAML: " + e.getMessage(), e);
        }
    }

    /** The parse options every candidate that accepts them gets (DESIGN.md §5). */
    public static ParseOptions parseOptions() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(false);
        options.setSafelyResolveURL(true);
        return options;
    }

    /**
     * Parses with swagger-parser-v3 after refusing any $ref that leaves the document.
     *
     * @throws IllegalArgumentException with every parser message when the spec is not valid OpenAPI v3
     */
    public static OpenAPI parse(String specText) {
        List<String> external = new ArrayList<>();
        externalRefs(tree(specText), "", external);
        if (!external.isEmpty()) {
            throw new IllegalArgumentException("external references are not allowed: " + external);
        }
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(specText, null, parseOptions());
        if (result.getOpenAPI() == null || (result.getMessages() != null && !result.getMessages().isEmpty())) {
            throw new IllegalArgumentException("not a valid OpenAPI v3 document: " + result.getMessages());
        }
        return result.getOpenAPI();
    }

    private static void externalRefs(JsonNode node, String pointer, List<String> found) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String child = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                if ("$ref".equals(field.getKey()) && field.getValue().isTextual()
                        && !field.getValue().textValue().startsWith("#")) {
                    found.add(child + " -> " + field.getValue().textValue());
                } else {
                    externalRefs(field.getValue(), child, found);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                externalRefs(node.get(i), pointer + "/" + i, found);
            }
        }
    }
}
