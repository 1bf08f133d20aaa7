package org.flowserver.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.flowserver.dsl.FlowJson;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the examples of the README and every docs page true: the Java blocks of a page compile together
 * against flow-dsl, and every JSON block parses; a JSON block with top-level "processors" is read as a flow.
 * Blocks that elide content with "..." are illustrations and are not checked.
 */
class DocExamplesTest {

    private static final Pattern BLOCK = Pattern.compile("```(java|json)\\n(.*?)```", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path classes;

    @TestFactory
    Stream<DynamicTest> javaExamplesCompile() throws IOException {
        return pages().map(page -> DynamicTest.dynamicTest(page.getFileName().toString(), () -> {
            List<String> snippets = blocks(page, "java");
            if (snippets.isEmpty()) {
                return;
            }
            String source = "import org.flowserver.dsl.*;\nimport java.net.URI;\n\nclass Example {\n"
                    + "    void run() throws Exception {\n" + String.join("\n", snippets) + "\n    }\n}\n";
            assertThat(compile(source)).as("compiling the Java examples of %s:%n%s", page, source).isEmpty();
        }));
    }

    @TestFactory
    Stream<DynamicTest> jsonExamplesParseAndFlowsAreValid() throws IOException {
        return pages().map(page -> DynamicTest.dynamicTest(page.getFileName().toString(), () -> {
            for (String block : blocks(page, "json")) {
                if (block.contains("...")) {
                    continue;
                }
                JsonNode node = JSON.readTree(block);
                if (node.has("processors")) {
                    FlowJson.read(block);
                }
            }
        }));
    }

    private static Stream<Path> pages() throws IOException {
        Path docs = Path.of("").toAbsolutePath();
        List<Path> pages = new ArrayList<>();
        pages.add(docs.resolveSibling("README.md"));
        try (Stream<Path> files = Files.list(docs)) {
            files.filter(file -> file.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages.stream();
    }

    private static List<String> blocks(Path page, String language) throws IOException {
        List<String> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(Files.readString(page));
        while (matcher.find()) {
            if (matcher.group(1).equals(language)) {
                blocks.add(matcher.group(2));
            }
        }
        return blocks;
    }

    private String compile(String source) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Example.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        boolean compiled = compiler.getTask(errors, null, null, List.of("-classpath",
                System.getProperty("java.class.path"), "-d", classes.toString()), null, List.of(file)).call();
        return compiled ? "" : errors.toString();
    }
}
