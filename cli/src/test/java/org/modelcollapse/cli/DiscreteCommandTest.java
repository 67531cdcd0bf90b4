package org.modelcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DiscreteCommandTest {
    @TempDir
    Path tmp;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    static Stream<Object[]> badInputs() {
        return Stream.of(
                new Object[] {new String[] {"--states", "0"}, "--states"},
                new Object[] {new String[] {"--samples", "0"}, "--samples"},
                new Object[] {new String[] {"--samples", "many"}, "--samples"},
                new Object[] {new String[] {"--regime", "mix", "--alpha", "0.5", "--beta", "0.3", "--gamma", "0.3"}, "must equal 1"},
                new Object[] {new String[] {"--regime", "mix", "--gamma", "-0.1"}, "--gamma"},
                new Object[] {new String[] {"--regime", "sometimes"}, "--regime"},
                new Object[] {new String[] {"--mode", "fast"}, "--mode"},
                new Object[] {new String[] {"--init", "file", "--init-file", "/nonexistent/p.txt"}, "--init-file"},
                new Object[] {new String[] {"--init", "zipf", "--zipf-exponent", "NaN"}, "--zipf-exponent"},
                new Object[] {new String[] {"--replicates", "0"}, "--replicates"},
                new Object[] {new String[] {"--threads", "0"}, "--threads"});
    }

    /** Bad input: exit status 2, one line naming the option, and no output folder. */
    @ParameterizedTest
    @MethodSource("badInputs")
    void badInputExitsTwoAndWritesNothing(String[] args, String named) {
        CliRun.assertBadInput("discrete", tmp.resolve("out"), args, named);
    }

    /** The early SIMD warm-up reads the sample size before picocli does, in both spellings; anything else means the default. */
    @Test
    void optionPeekReadsTheSampleSize() {
        assertEquals(100, CollapseCommand.intOption(new String[] {"discrete", "--states", "10", "--samples", "100"}, "--samples", DiscreteCommand.DEFAULT_SAMPLES));
        assertEquals(50, CollapseCommand.intOption(new String[] {"discrete", "--samples=50"}, "--samples", DiscreteCommand.DEFAULT_SAMPLES));
        assertEquals(DiscreteCommand.DEFAULT_SAMPLES, CollapseCommand.intOption(new String[] {"discrete", "--states", "10"}, "--samples", DiscreteCommand.DEFAULT_SAMPLES));
        assertEquals(DiscreteCommand.DEFAULT_SAMPLES, CollapseCommand.intOption(new String[] {"discrete", "--samples", "many"}, "--samples", DiscreteCommand.DEFAULT_SAMPLES));
        assertEquals(DiscreteCommand.DEFAULT_SAMPLES, CollapseCommand.intOption(new String[] {"discrete", "--samples"}, "--samples", DiscreteCommand.DEFAULT_SAMPLES));
    }

    @Test
    void badProbabilityFilesAreRejectedWithTheirLine() throws Exception {
        for (String content : new String[] {"0.5\n0.6\n", "0.5\n-0.5\n1.0\n", "0.5\nabc\n", "0.5\nNaN\n"}) {
            final Path f = tmp.resolve("p.txt");
            Files.writeString(f, content);
            final Path out = tmp.resolve("out");
            final CliRun r = run("discrete", "--init", "file", "--init-file", f.toString(), "--out", out.toString());
            assertEquals(2, r.status(), content + ": " + r.err());
            assertTrue(r.err().contains("--init-file"), r.err());
            assertFalse(Files.exists(out));
        }
    }

    /** Counts and probabilities files give the same q; K comes from the file. */
    @Test
    void readsCountsAndProbabilityFiles() throws Exception {
        final Path counts = tmp.resolve("counts.txt");
        Files.writeString(counts, "# counts\n50, 30\n15 5\n");
        final Path probs = tmp.resolve("probs.txt");
        Files.writeString(probs, "0.5\n0.3\n0.15\n0.05\n");
        final byte[][] summaries = new byte[2][];
        int i = 0;
        for (Path f : new Path[] {counts, probs}) {
            final Path out = tmp.resolve("f" + i);
            assertEquals(0, run("discrete", "--init", "file", "--init-file", f.toString(), "--samples", "20", "--generations", "5",
                    "--replicates", "20", "--seed", "9", "--no-plots", "--out", out.toString()).status());
            assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"states\" : 4"));
            summaries[i++] = Files.readAllBytes(out.resolve("summary.csv"));
        }
        assertArrayEquals(summaries[0], summaries[1], "same q from counts and from probabilities");
    }

    @Test
    void writesEveryOutputAndRefusesToOverwriteWithoutForce() throws Exception {
        final Path out = tmp.resolve("run");
        final String[] args = {"discrete", "--states", "5", "--samples", "20", "--replicates", "50", "--until-absorbed",
            "--seed", "3", "--threads", "2", "--out", out.toString()};
        assertEquals(0, run(args).status());
        for (String f : new String[] {"summary.csv", "checkpoints.csv", "replicates.csv", "manifest.json", "alive_states.png",
            "entropy.png", "lost_mass.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertEquals(51, Files.readAllLines(out.resolve("replicates.csv")).size(), "header + 50 replicates");
        final String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"seed\" : 3") && manifest.contains("\"simd\"") && manifest.contains("\"process_cpu_seconds\"")
                && manifest.contains("\"revision\" : \"unknown\""), manifest); // run from classes: no jar to read it from
        final CliRun again = run(args);
        assertEquals(2, again.status());
        assertTrue(again.err().contains("--force"), again.err());
        final List<String> forced = new ArrayList<>(List.of(args));
        forced.add("--force");
        assertEquals(0, run(forced.toArray(String[]::new)).status());
    }

    /** Output files are byte-identical for 1 and 3 threads. */
    @Test
    void outputDoesNotDependOnThreads() throws Exception {
        final byte[][] files = new byte[2][];
        int i = 0;
        for (String threads : new String[] {"1", "3"}) {
            final Path out = tmp.resolve("t" + threads);
            assertEquals(0, run("discrete", "--states", "20", "--samples", "30", "--generations", "60", "--replicates", "200",
                    "--regime", "mix", "--gamma", "0.2", "--seed", "11", "--threads", threads, "--out", out.toString()).status());
            files[i++] = Files.readAllBytes(out.resolve("summary.csv"));
        }
        assertArrayEquals(files[0], files[1]);
    }
}
