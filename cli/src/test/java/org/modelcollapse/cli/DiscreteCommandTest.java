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
                new Object[] {new String[] {"--threads", "0"}, "--threads"},
                new Object[] {new String[] {"--temperature", "0"}, "--temperature 0.0: must be a finite number > 0"},
                new Object[] {new String[] {"--temperature", "-1"}, "--temperature"},
                new Object[] {new String[] {"--temperature", "NaN"}, "--temperature"},
                new Object[] {new String[] {"--temperature", "Infinity"}, "--temperature"},
                new Object[] {new String[] {"--temperature", "hot"}, "--temperature"},
                new Object[] {new String[] {"--top-k", "0"}, "--top-k 0: must be an integer from 1"},
                new Object[] {new String[] {"--top-p", "0"}, "--top-p 0.0: must be in (0, 1]"},
                new Object[] {new String[] {"--top-p", "1.5"}, "--top-p"},
                new Object[] {new String[] {"--top-p", "NaN"}, "--top-p"},
                new Object[] {new String[] {"--curation-k", "1", "--reward", "0,1"}, "--curation-k 1: must be an integer from 2"},
                new Object[] {new String[] {"--curation-k", "3"}, "--curation-k 3: needs --reward"},
                new Object[] {new String[] {"--states", "2", "--reward", "0,1"}, "--reward 0,1: applies with --curation-k"},
                new Object[] {new String[] {"--states", "3", "--curation-k", "2", "--reward", "0,1"}, "--reward 0,1: holds 2 rewards"},
                new Object[] {new String[] {"--states", "2", "--curation-k", "2", "--reward", "0,1", "--mode", "exact"}, "--mode exact: has no exact draw"},
                new Object[] {new String[] {"--states", "2", "--curation-k", "2", "--reward", "/nonexistent/r.txt"}, "--reward"},
                new Object[] {new String[] {"--states", "2", "--curation-k", "2", "--reward", "0,Infinity"}, "--reward"});
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

    /**
     * The bias and curation options reach the manifest (where plots read them: no C2 curve for a biased
     * run), auto becomes samples under curation, and rewards read from a file equal the same list.
     */
    @Test
    void recordsBiasAndCurationInTheManifest() throws Exception {
        final Path rewards = tmp.resolve("rewards.txt");
        Files.writeString(rewards, "# one per state\n0\n0.5\n1\n");
        final byte[][] summaries = new byte[2][];
        int i = 0;
        for (String r : new String[] {"0,0.5,1", rewards.toString()}) {
            final Path out = tmp.resolve("curated" + i);
            assertEquals(0, run("discrete", "--states", "3", "--samples", "30", "--generations", "5", "--replicates", "20", "--seed", "9",
                    "--temperature", "0.8", "--top-k", "2", "--top-p", "0.9", "--curation-k", "4", "--reward", r, "--no-plots",
                    "--out", out.toString()).status());
            final String manifest = Files.readString(out.resolve("manifest.json"));
            for (String field : new String[] {"\"temperature\" : 0.8", "\"top_k\" : 2", "\"top_p\" : 0.9", "\"curation_k\" : 4",
                "\"mode\" : \"samples\""}) {
                assertTrue(manifest.contains(field), field + " in " + manifest);
            }
            assertEquals(null, new DiscreteCli().closedForm(RunFiles.read(out, null), "heterozygosity"), "no C2 curve under a bias");
            summaries[i++] = Files.readAllBytes(out.resolve("summary.csv"));
        }
        assertArrayEquals(summaries[0], summaries[1], "the same rewards from a list and from a file");
        final Path plain = tmp.resolve("plain");
        assertEquals(0, run("discrete", "--states", "3", "--samples", "30", "--generations", "5", "--replicates", "20", "--seed", "9",
                "--no-plots", "--out", plain.toString()).status());
        assertTrue(Files.readString(plain.resolve("manifest.json")).contains("\"temperature\" : 1.0"), "the bias is recorded, off");
        assertTrue(new DiscreteCli().closedForm(RunFiles.read(plain, null), "heterozygosity") != null, "C2 without a bias");
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
