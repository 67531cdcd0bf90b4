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

class GaussianCommandTest {
    @TempDir
    Path tmp;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    static Stream<Object[]> badInputs() {
        return Stream.of(
                new Object[] {new String[] {"--dim", "0"}, "--dim"},
                new Object[] {new String[] {"--samples", "1"}, "--samples"},
                new Object[] {new String[] {"--mean", "1,2,3"}, "--mean"},
                new Object[] {new String[] {"--cov", "diagonal", "--variances", "1,-2"}, "--variances"},
                new Object[] {new String[] {"--cov", "random", "--condition", "0.5"}, "--condition"},
                new Object[] {new String[] {"--cov", "spiky"}, "--cov"},
                new Object[] {new String[] {"--estimator", "median"}, "--estimator"},
                new Object[] {new String[] {"--mode", "fast"}, "--mode"},
                new Object[] {new String[] {"--cov", "file", "--cov-file", "/nonexistent/sigma.txt"}, "--cov-file"},
                new Object[] {new String[] {"--replicates", "0"}, "--replicates"},
                new Object[] {new String[] {"--regime", "accumulate-subsample", "--mode", "exact"}, "--mode"},
                new Object[] {new String[] {"--regime", "mix", "--beta", "0.2", "--mode", "exact"}, "--mode"},
                new Object[] {new String[] {"--regime", "mix", "--alpha", "0.5", "--gamma", "0.6"}, "must equal 1"},
                new Object[] {new String[] {"--metrics", "trace,eigenvalues"}, "--metrics trace,eigenvalues: names an unknown metric eigenvalues; the metrics are "},
                new Object[] {new String[] {"--metrics", "trace,trace"}, "--metrics trace,trace: names trace twice"});
    }

    /** Bad input: exit status 2, one line naming the option, and no output folder. */
    @ParameterizedTest
    @MethodSource("badInputs")
    void badInputExitsTwoAndWritesNothing(String[] args, String named) {
        CliRun.assertBadInput("gaussian", tmp.resolve("out"), args, named);
    }

    /**
     * --metrics: only the named columns are measured and written, in the model's order, the manifest
     * records them, the values equal those of a run of every metric, and only their plots are drawn.
     */
    @Test
    void metricsOptionMeasuresAndWritesOnlyTheNamedMetrics() throws Exception {
        final Path all = tmp.resolve("all");
        final Path some = tmp.resolve("some");
        final String[] common = {"gaussian", "--dim", "4", "--samples", "10", "--generations", "30", "--replicates", "40", "--seed", "7"};
        assertEquals(0, run(concat(common, "--out", all.toString(), "--no-plots")).status());
        final java.io.PrintStream stdout = System.out;
        final java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        final CliRun r;
        try {
            System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
            r = run(concat(common, "--out", some.toString(), "--metrics", "log_det,w2_squared,trace"));
        } finally {
            System.setOut(stdout);
        }
        assertEquals(0, r.status(), r.err());
        final List<String> allRows = Files.readAllLines(all.resolve("summary.csv"));
        final List<String> someRows = Files.readAllLines(some.resolve("summary.csv"));
        assertEquals("generation,replicates,trace_mean,trace_se,log_det_mean,log_det_se,w2_squared_mean,w2_squared_se", someRows.get(0));
        final List<String> header = List.of(allRows.get(0).split(","));
        for (int row = 1; row < allRows.size(); row++) {
            final String[] a = allRows.get(row).split(",");
            final String[] b = someRows.get(row).split(",");
            for (String column : List.of("trace_mean", "log_det_se", "w2_squared_mean")) {
                assertEquals(a[header.indexOf(column)], b[List.of(someRows.get(0).split(",")).indexOf(column)], column + " row " + row);
            }
        }
        assertTrue(Files.readString(some.resolve("manifest.json")).contains("\"metrics\" : [ \"trace\", \"log_det\", \"w2_squared\" ]"));
        assertTrue(Files.exists(some.resolve("w2_squared.png")));
        assertFalse(Files.exists(some.resolve("mean_sq_distance.png")), "no plot of a metric left out");
        final String out = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(out.contains("ln det Sigma") && !out.contains("|mu - mu_0|^2"), "summary columns of the measured metrics only: " + out);
    }

    private static String[] concat(String[] a, String... b) {
        final String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Covariance files: not symmetric positive definite, and malformed with its line number. */
    @Test
    void badCovarianceFilesAreRejectedWithTheReason() throws Exception {
        final Path notSpd = tmp.resolve("notspd.txt");
        Files.writeString(notSpd, "1 2\n2 1\n");
        CliRun r = run("gaussian", "--out", tmp.resolve("a").toString(), "--cov", "file", "--cov-file", notSpd.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("positive definite"), r.err());
        final Path malformed = tmp.resolve("bad.txt");
        Files.writeString(malformed, "# Sigma_0\n1 0\n0 x\n");
        r = run("gaussian", "--out", tmp.resolve("b").toString(), "--cov", "file", "--cov-file", malformed.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("line 3") && r.err().contains("'x'"), r.err());
        final Path asymmetric = tmp.resolve("asym.txt");
        Files.writeString(asymmetric, "1 0.5\n0.4 1\n");
        r = run("gaussian", "--out", tmp.resolve("c").toString(), "--cov", "file", "--cov-file", asymmetric.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("symmetric"), r.err());
        assertFalse(Files.exists(tmp.resolve("a")) || Files.exists(tmp.resolve("b")) || Files.exists(tmp.resolve("c")));
    }

    /** Every output is written; the output files do not depend on the thread count. */
    @Test
    void writesEveryOutputIndependentlyOfThreads() throws Exception {
        final Path one = tmp.resolve("one");
        final Path three = tmp.resolve("three");
        final String[] common = {"gaussian", "--dim", "3", "--samples", "20", "--generations", "50", "--replicates", "70",
            "--cov", "random", "--condition", "10", "--seed", "99"};
        final List<String> a = new ArrayList<>(List.of(common));
        a.addAll(List.of("--out", one.toString(), "--threads", "1"));
        final List<String> b = new ArrayList<>(List.of(common));
        b.addAll(List.of("--out", three.toString(), "--threads", "3", "--no-plots"));
        assertEquals(0, run(a.toArray(String[]::new)).status());
        assertEquals(0, run(b.toArray(String[]::new)).status());
        for (String f : List.of("summary.csv", "checkpoints.csv", "replicates.csv", "manifest.json", "w2_squared.png", "trace.png", "log_det.png")) {
            assertTrue(Files.size(one.resolve(f)) > 0, f);
        }
        for (String f : List.of("summary.csv", "checkpoints.csv", "replicates.csv")) {
            assertArrayEquals(Files.readAllBytes(one.resolve(f)), Files.readAllBytes(three.resolve(f)), f + " differs between 1 and 3 threads");
        }
        final String manifest = Files.readString(one.resolve("manifest.json"));
        assertTrue(manifest.contains("\"model\" : \"gaussian\"") && manifest.contains("\"mode\" : \"exact\"") && manifest.contains("\"simd\""), manifest);
    }

    /** Every regime runs and is recorded in the manifest. */
    @Test
    void mixAndAccumulateRun() throws Exception {
        for (String[] regime : new String[][] {{"--regime", "mix", "--gamma", "0.2"}, {"--regime", "accumulate"},
            {"--regime", "mix", "--beta", "0.3", "--gamma", "0.1"}, {"--regime", "accumulate-subsample"}}) {
            final Path out = tmp.resolve(regime[1] + regime.length);
            final List<String> args = new ArrayList<>(List.of("gaussian", "--dim", "2", "--samples", "10", "--generations", "20",
                    "--replicates", "10", "--seed", "5", "--no-plots", "--out", out.toString()));
            args.addAll(List.of(regime));
            final CliRun r = run(args.toArray(String[]::new));
            assertEquals(0, r.status(), r.err());
            assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"regime\" : \"" + regime[1] + "\""));
        }
    }

    /** --data: a CSV with a header sets d, mu_0 and Sigma_0; malformed rows are named by line; --cov cannot be combined. */
    @Test
    void userDataAsTheOriginalDataset() throws Exception {
        final Path data = tmp.resolve("points.csv");
        Files.writeString(data, "x,y,z\n1,2,3\n2,1,0\n0,0,1\n3,5,2\n1,1,1\n");
        final Path out = tmp.resolve("data");
        CliRun r = run("gaussian", "--data", data.toString(), "--samples", "10", "--generations", "10", "--replicates", "5",
                "--regime", "mix", "--gamma", "0.3", "--seed", "3", "--no-plots", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        final String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"data_points\" : 5") && manifest.contains("\"dim\" : 3"), manifest);

        final Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "x,y\n1,2\n3,four\n");
        r = run("gaussian", "--data", bad.toString(), "--out", tmp.resolve("b").toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("line 3") && r.err().contains("'four'"), r.err());
        final Path ragged = tmp.resolve("ragged.csv");
        Files.writeString(ragged, "1,2\n3,4,5\n");
        r = run("gaussian", "--data", ragged.toString(), "--out", tmp.resolve("c").toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("point 2"), r.err());
        r = run("gaussian", "--data", data.toString(), "--cov", "random", "--out", tmp.resolve("d").toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("--data"), r.err());
        final Path collinear = tmp.resolve("line.csv");
        Files.writeString(collinear, "0,0\n1,1\n2,2\n");
        r = run("gaussian", "--data", collinear.toString(), "--out", tmp.resolve("e").toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("span"), r.err());
        assertFalse(Files.exists(tmp.resolve("b")) || Files.exists(tmp.resolve("c")) || Files.exists(tmp.resolve("d")) || Files.exists(tmp.resolve("e")));
    }

    /**
     * Singular runs draw their plots: M - 1 < d makes ln det -infinity from generation 1, which the plot
     * leaves out (and says so), and summary.csv reports as -Infinity with a NaN standard error.
     */
    @Test
    void singularRunsDrawTheirPlotsAndReportMinusInfinity() throws Exception {
        for (String[] args : new String[][] {{"--samples", "2", "--generations", "5"}, {"--dim", "10", "--samples", "5", "--generations", "5"}}) {
            final Path out = tmp.resolve("singular" + args.length + args[1]);
            final List<String> all = new ArrayList<>(List.of("gaussian", "--replicates", "20", "--seed", "4", "--out", out.toString()));
            all.addAll(List.of(args));
            final CliRun r = run(all.toArray(String[]::new));
            assertEquals(0, r.status(), r.err());
            assertTrue(Files.size(out.resolve("log_det.png")) > 0 && Files.size(out.resolve("w2_squared.png")) > 0);
            if (args[0].equals("--dim")) {
                final List<String> lines = Files.readAllLines(out.resolve("summary.csv"));
                final List<String> header = List.of(lines.get(0).split(","));
                final String[] gen1 = lines.get(2).split(",");
                assertEquals("-Infinity", gen1[header.indexOf("log_det_mean")], lines.get(2));
                assertEquals("NaN", gen1[header.indexOf("log_det_se")], lines.get(2));
            }
        }
    }
}
