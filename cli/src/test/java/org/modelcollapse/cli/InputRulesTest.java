package org.modelcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input is refused before anything is computed, in one line that names the option, the value and
 * what is allowed; options that would be ignored or that contradict each other are bad input too.
 * Every case here would compute for minutes if it were not refused first (a run of 10^6 generations),
 * so a late refusal fails the time limit.
 */
class InputRulesTest {
    @TempDir
    Path tmp;

    /** {command, args, a fragment the one line must contain}. */
    static Stream<Object[]> refusals() {
        return Stream.of(
                new Object[] {"discrete", new String[] {"--samples", "3000000000"}, "--samples 3000000000: must be an integer from 1 to 2147483647"},
                new Object[] {"discrete", new String[] {"--states", "-3"}, "--states -3: must be an integer from 1"},
                new Object[] {"discrete", new String[] {"--smoothing", "abc"}, "--smoothing abc: must be a number"},
                new Object[] {"discrete", new String[] {"--regime", "mix", "--beta", "1"}, "(--gamma defaults to 0.1)"},
                new Object[] {"discrete", new String[] {"--init-file", "counts.txt"}, "--init-file counts.txt: applies to --init file only"},
                new Object[] {"discrete", new String[] {"--zipf-exponent", "1.5"}, "--zipf-exponent 1.5: applies to --init zipf only"},
                new Object[] {"discrete", new String[] {"--schedule-rate", "2"}, "--schedule-rate 2.0: applies to --schedule linear or power"},
                new Object[] {"discrete", new String[] {"--schedule", "power", "--schedule-rate", "50"}, "exceeds 2^31 - 1 points at generation 1"},
                new Object[] {"discrete", new String[] {"--regime", "mix", "--until-absorbed"}, "--until-absorbed: --gamma 0.1 draws fresh"},
                new Object[] {"discrete", new String[] {"--smoothing", "0.5", "--until-absorbed"}, "--until-absorbed: add-k smoothing"},
                new Object[] {"discrete", new String[] {"--regime", "accumulate", "--until-absorbed"}, "keeps generation 1's data"},
                new Object[] {"discrete", new String[] {"--states", "100000000"}, "--states 100000000: the run needs about"},
                new Object[] {"discrete", new String[] {"--replicates", "100000000", "--generations", "1"}, "--replicates 100000000:"},
                new Object[] {"discrete", new String[] {"--samples", "2147483647", "--mode", "samples"}, "--samples 2147483647: a generation's points"},
                new Object[] {"gaussian", new String[] {"--dim", "100000"}, "--dim 100000: a d x d matrix"},
                new Object[] {"gaussian", new String[] {"--variances", "1,2"}, "--variances 1,2: applies to --cov diagonal only"},
                new Object[] {"gaussian", new String[] {"--cov-file", "s.txt"}, "--cov-file s.txt: applies to --cov file only"},
                new Object[] {"gaussian", new String[] {"--condition", "10"}, "--condition 10.0: applies to --cov random only"},
                new Object[] {"gaussian", new String[] {"--samples", "1"}, "--samples 1: must be an integer from 2"},
                new Object[] {"gaussian", new String[] {"--until-absorbed"}, "--until-absorbed: a Gaussian fitted to data that include points"});
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void refusedAtOnceInOneLine(String command, String[] args, String fragment) {
        final Path out = tmp.resolve("out");
        final List<String> all = new ArrayList<>(List.of(command, "--out", out.toString(), "--seed", "1", "--generations", "1000000"));
        if (List.of(args).contains("--generations")) {
            all.removeAll(List.of("--generations", "1000000"));
        }
        all.addAll(List.of(args));
        final CliRun r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CliRun.of(all.toArray(String[]::new)));
        assertEquals(2, r.status(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains(fragment), "expected '" + fragment + "' in: " + r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    /** Files: a missing one, one that is not UTF-8 (with the byte offset), K contradicting --states, d contradicting --dim. */
    @Test
    void inputFilesAreCheckedAndMustAgreeWithTheOptions() throws Exception {
        final Path out = tmp.resolve("out");
        CliRun r = CliRun.of("discrete", "--init", "file", "--init-file", tmp.resolve("missing.txt").toString(), "--out", out.toString());
        assertTrue(r.status() == 2 && r.err().contains("missing.txt: no such file"), r.err());
        final Path latin1 = tmp.resolve("latin1.txt");
        Files.write(latin1, new byte[] {'0', '.', '5', '\n', '#', ' ', 'p', (byte) 0xe9, '\n', '0', '.', '5', '\n'});
        r = CliRun.of("discrete", "--init", "file", "--init-file", latin1.toString(), "--out", out.toString());
        assertTrue(r.status() == 2 && r.err().contains("is not UTF-8 text: byte 0xe9 at offset 7 (line 2)"), r.err());
        final Path three = tmp.resolve("three.txt");
        Files.writeString(three, "5 3 2\n");
        r = CliRun.of("discrete", "--init", "file", "--init-file", three.toString(), "--states", "7", "--out", out.toString());
        assertTrue(r.status() == 2 && r.err().contains("--states 7: contradicts --init-file") && r.err().contains("holds 3 states"), r.err());
        final Path d3 = tmp.resolve("d3.csv");
        Files.writeString(d3, "1,2,3\n2,1,0\n0,0,1\n3,5,2\n");
        r = CliRun.of("gaussian", "--data", d3.toString(), "--dim", "5", "--out", out.toString());
        assertTrue(r.status() == 2 && r.err().contains("--dim 5: contradicts --data") && r.err().contains("3 coordinates"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(out));
    }

    /**
     * A header row is any first row that does not parse as numbers ("x1,x2" too); a file of integers is
     * counts, 0s and 1s included; probabilities within 1e-6 of summing to 1 are renormalised, and the
     * manifest says how the file was read.
     */
    @Test
    void inputFilesAreReadAsAResearcherWritesThem() throws Exception {
        final Path data = tmp.resolve("xy.csv");
        Files.writeString(data, "x1,x2\n1,2\n2,1\n0,0\n3,5\n");
        final Path a = tmp.resolve("a");
        CliRun r = CliRun.of("gaussian", "--data", data.toString(), "--samples", "5", "--generations", "3", "--replicates", "4", "--seed", "1",
                "--no-plots", "--out", a.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.readString(a.resolve("manifest.json")).contains("\"data_points\" : 4"));

        final Path zeroOne = tmp.resolve("zero-one.txt");
        Files.writeString(zeroOne, "0 1 1 0 1\n");
        final Path b = tmp.resolve("b");
        r = CliRun.of("discrete", "--init", "file", "--init-file", zeroOne.toString(), "--samples", "9", "--generations", "2", "--replicates", "4",
                "--seed", "1", "--no-plots", "--out", b.toString());
        assertEquals(0, r.status(), r.err());
        final String mb = Files.readString(b.resolve("manifest.json"));
        assertTrue(mb.contains("\"init_file_read_as\" : \"counts\"") && mb.contains("\"states\" : 5"), mb);

        final Path nearlyOne = tmp.resolve("nearly-one.txt");
        Files.writeString(nearlyOne, "0.2500001\n0.25\n0.25\n0.25\n");
        final Path c = tmp.resolve("c");
        r = CliRun.of("discrete", "--init", "file", "--init-file", nearlyOne.toString(), "--samples", "9", "--generations", "2", "--replicates", "4",
                "--seed", "1", "--no-plots", "--out", c.toString());
        assertEquals(0, r.status(), r.err());
        final String mc = Files.readString(c.resolve("manifest.json"));
        assertTrue(mc.contains("renormalised, their sum was 1.0000001") && mc.contains("\"init_file_read_as\" : \"probabilities\""), mc);
    }
}
