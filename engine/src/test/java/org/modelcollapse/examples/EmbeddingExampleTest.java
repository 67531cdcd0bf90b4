package org.modelcollapse.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's Java example compiles (it is this module's source), runs, and is quoted verbatim. */
class EmbeddingExampleTest {
    @Test
    void runsAndMatchesTheReadme() throws Exception {
        final PrintStream saved = System.out;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        try {
            EmbeddingExample.main(new String[0]);
        } finally {
            System.setOut(saved);
        }
        assertTrue(out.toString().contains("generation 200: entropy"), out.toString());
        final Path source = Path.of("src/test/java/org/modelcollapse/examples/EmbeddingExample.java");
        final String readme = Files.readString(Path.of("../README.md"));
        final String body = Files.readString(source);
        final String main = body.substring(body.indexOf("    public static void main"), body.lastIndexOf("}"));
        assertTrue(readme.contains(main.stripTrailing()), "README.md must quote EmbeddingExample.main verbatim");
    }
}
