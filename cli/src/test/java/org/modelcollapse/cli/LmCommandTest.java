package org.modelcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LmCommandTest {
    @TempDir
    Path tmp;

    static Stream<Object[]> badInputs() {
        return Stream.of(
                new Object[] {new String[] {"--order", "0"}, "--order"},
                new Object[] {new String[] {"--order", "6"}, "--order"},
                new Object[] {new String[] {"--block", "0"}, "--block"},
                new Object[] {new String[] {"--decoding", "sample", "--top-p", "0"}, "--top-p"},
                new Object[] {new String[] {"--decoding", "sample", "--top-p", "1.5"}, "--top-p"},
                new Object[] {new String[] {"--decoding", "sample", "--top-p", "NaN"}, "--top-p"},
                new Object[] {new String[] {"--decoding", "sample", "--temperature", "0"}, "--temperature"},
                new Object[] {new String[] {"--decoding", "sample", "--temperature", "-1"}, "--temperature"},
                new Object[] {new String[] {"--decoding", "sample", "--temperature", "Infinity"}, "--temperature"},
                new Object[] {new String[] {"--decoding", "sample", "--top-k", "0"}, "--top-k"},
                new Object[] {new String[] {"--decoding", "beam", "--top-k", "5"}, "--top-k"},
                new Object[] {new String[] {"--decoding", "greedy", "--beams", "3"}, "--beams"},
                new Object[] {new String[] {"--beams", "1"}, "--beams"},
                new Object[] {new String[] {"--decoding", "nucleus"}, "--decoding"},
                new Object[] {new String[] {"--repetition-penalty", "0"}, "--repetition-penalty"},
                new Object[] {new String[] {"--smoothing", "witten-bell"}, "--smoothing"},
                new Object[] {new String[] {"--discount", "1.5"}, "--discount"},
                new Object[] {new String[] {"--discount", "0.1,0.1"}, "--discount 0.1,0.1: give one value, or 3 for --order 3"},
                new Object[] {new String[] {"--discount", "0,0.1,1.5"}, "--discount"},
                new Object[] {new String[] {"--smoothing", "add-k", "--pseudo-count", "0"}, "--pseudo-count"},
                new Object[] {new String[] {"--smoothing", "none", "--discount", "0.5"}, "--discount"},
                new Object[] {new String[] {"--mode", "exact"}, "--mode"},
                new Object[] {new String[] {"--schedule", "linear", "--schedule-rate", "1"}, "--schedule"},
                new Object[] {new String[] {"--test-share", "0"}, "--test-share"},
                new Object[] {new String[] {"--test-share", "1"}, "--test-share"},
                new Object[] {new String[] {"--validation-share", "0.5", "--test-share", "0.5"}, "--validation-share"},
                new Object[] {new String[] {"--min-count", "0"}, "--min-count"},
                new Object[] {new String[] {"--prompt", " "}, "--prompt"},
                new Object[] {new String[] {"--candidates", "0"}, "--candidates"},
                new Object[] {new String[] {"--candidates", "6"}, "--candidates"},
                new Object[] {new String[] {"--candidates", "3", "--keep", "4"}, "--keep"},
                new Object[] {new String[] {"--decoding", "greedy", "--candidates", "2"}, "--candidates"},
                new Object[] {new String[] {"--reward", "likelihood"}, "--reward"},
                new Object[] {new String[] {"--decoding", "sample", "--candidates", "2", "--reward", "no-such-file.txt"}, "--reward"});
    }

    /** Bad input: exit status 2, one line naming the option, and no output folder. */
    @ParameterizedTest
    @MethodSource("badInputs")
    void badInputExitsTwoAndWritesNothing(String[] args, String named) {
        CliRun.assertBadInput("lm", tmp.resolve("out"), args, named);
    }

    /** Corpora that are not text, or hold none, or too little for a block, exit 2 naming --corpus (or --block). */
    @Test
    void theHelpStatesTheDefaultsTheCommandUses() {
        final java.io.StringWriter help = new java.io.StringWriter();
        CollapseCommand.commandLine().getSubcommands().get("lm").usage(new java.io.PrintWriter(help, true));
        final String text = help.toString().replaceAll("\\s+", " ");
        assertTrue(text.contains("(default: 100, collapse lm " + LmCommand.DEFAULT_GENERATIONS + ";"), text);
        assertTrue(text.contains("(default: 100, collapse lm " + LmCommand.DEFAULT_REPLICATES + ")"), text);
    }

    @Test
    void badCorporaExitTwo() throws Exception {
        final Path empty = Files.writeString(tmp.resolve("empty.txt"), "  \n");
        final Path binary = Files.write(tmp.resolve("binary.txt"), new byte[] {'a', 0, 'b'});
        final Path latin1 = Files.write(tmp.resolve("latin1.txt"), "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        final Path small = Files.writeString(tmp.resolve("small.txt"), "one two three four five six seven eight nine ten eleven twelve.");
        final Path folder = Files.createDirectories(tmp.resolve("nothing"));
        final String[][] cases = {
            {"--corpus", tmp.resolve("missing.txt").toString(), "named", "--corpus"},
            {"--corpus", empty.toString(), "named", "--corpus"},
            {"--corpus", binary.toString(), "named", "--corpus"},
            {"--corpus", latin1.toString(), "named", "--corpus"},
            {"--corpus", folder.toString(), "named", "--corpus"},
            {"--corpus", small.toString(), "--block", "64", "named", "--block"}};
        for (String[] c : cases) {
            CliRun.assertBadInput("lm", tmp.resolve("out"), java.util.Arrays.copyOf(c, c.length - 2), c[c.length - 1]);
        }
    }

    /** A small corpus of the user's: the run writes the standard files, samples.txt and the histogram. */
    @Test
    void userCorpusRuns() throws Exception {
        final Path corpus = smallCorpus();
        final Path out = tmp.resolve("run");
        final CliRun r = CliRun.of("lm", "--corpus", corpus.toString(), "--order", "2", "--block", "16", "--decoding", "sample",
                "--generations", "3", "--replicates", "2", "--seed", "4", "--no-plots", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        for (String f : List.of("summary.csv", "manifest.json", "samples.txt", "block-perplexity.csv")) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        final List<String> samples = Files.readAllLines(out.resolve("samples.txt"));
        assertTrue(samples.stream().filter(l -> l.startsWith("generation ")).count() == 4, String.join("\n", samples));
        final List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(5, summary.size(), "header and generations 0..3");
    }

    private Path smallCorpus() throws java.io.IOException {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            text.append("the cat sat on the mat . the dog sat on the log . a bird sang ").append(i % 7).append(" songs .\n");
        }
        return Files.writeString(tmp.resolve("text.txt"), text);
    }

    @Test
    void oneDiscountPerOrderGivesNltksConventionAndIsRecorded() throws java.io.IOException {
        final Path out = tmp.resolve("nltk");
        final CliRun r = CliRun.of("lm", "--corpus", smallCorpus().toString(), "--order", "2", "--block", "16", "--decoding", "sample",
                "--discount", "0,0.1", "--generations", "1", "--replicates", "1", "--seed", "4", "--no-plots", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        final String manifest = Files.readString(out.resolve("manifest.json")).replaceAll("\\s+", "");
        assertTrue(manifest.contains("\"discount\":[0.0,0.1]"), manifest);
    }

    /**
     * samples.txt and block-perplexity.csv are taken from replicate 0 as the run goes; a --metrics selection
     * leaves the block perplexities out of the run, so there replicate 0 runs again: both give the same files.
     */
    @Test
    void replicateZerosFilesAreTheSameTakenDuringTheRunOrRunAgain() throws java.io.IOException {
        final Path corpus = smallCorpus();
        final Path during = tmp.resolve("during");
        final Path again = tmp.resolve("again");
        for (Path out : List.of(during, again)) {
            final List<String> args = new java.util.ArrayList<>(List.of("lm", "--corpus", corpus.toString(), "--order", "2", "--block", "16",
                    "--decoding", "sample", "--generations", "3", "--replicates", "3", "--threads", "2", "--seed", "9", "--no-plots",
                    "--out", out.toString()));
            if (out == again) {
                args.addAll(List.of("--metrics", "test_perplexity"));
            }
            final CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, r.status(), r.err());
        }
        for (String f : List.of("samples.txt", "block-perplexity.csv")) {
            assertEquals(Files.readString(again.resolve(f)), Files.readString(during.resolve(f)), f);
        }
    }
}
