package org.modelcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KdeCommandTest {
    @TempDir
    Path tmp;

    static Stream<Object[]> badInputs() {
        return Stream.of(
                new Object[] {new String[] {"--bandwidth", "0"}, "--bandwidth"},
                new Object[] {new String[] {"--bandwidth", "-0.5"}, "--bandwidth"},
                new Object[] {new String[] {"--bandwidth", "NaN"}, "--bandwidth"},
                new Object[] {new String[] {"--bandwidth", "Infinity"}, "--bandwidth"},
                new Object[] {new String[] {"--bandwidth-rule", "scott", "--bandwidth", "0.2"}, "--bandwidth"},
                new Object[] {new String[] {"--bandwidth-rule", "normal"}, "--bandwidth-rule"},
                new Object[] {new String[] {"--bandwidth-rule", "silverman", "--samples", "1"}, "--samples"},
                new Object[] {new String[] {"--original-weights", "0.3,0.3", "--original-means", "0,0,1,1"}, "--original-weights"},
                new Object[] {new String[] {"--original-covariances", "1,2,2,1"}, "--original-covariances"},
                new Object[] {new String[] {"--original-covariances", "1,0,0"}, "--original-covariances"},
                new Object[] {new String[] {"--original-weights", "0.5,0.5", "--original-means", "0,0,1"}, "--original-means"},
                new Object[] {new String[] {"--mode", "exact"}, "--mode"},
                new Object[] {new String[] {"--heldout", "0"}, "--heldout"},
                new Object[] {new String[] {"--dim", "3", "--original-means", "0,0"}, "--dim"});
    }

    /** Bad input: exit status 2, one line naming the option, and no output folder. */
    @ParameterizedTest
    @MethodSource("badInputs")
    void badInputExitsTwoAndWritesNothing(String[] args, String named) {
        CliRun.assertBadInput("kde", tmp.resolve("out"), args, named);
    }

    /** --data files of the wrong shape, or combined with the options they replace, exit 2 naming the option. */
    @Test
    void badDataFilesExitTwo() throws Exception {
        final String points = Files.writeString(tmp.resolve("points.csv"), "x,y\n1,2\n3,4\n5,6\n7,8\n9,1\n").toString();
        final String ragged = Files.writeString(tmp.resolve("ragged.csv"), "1,2\n3\n").toString();
        final String[][] cases = {
            {"--data", points, "--original-weights", "1", "named", "--data"},
            {"--data", ragged, "named", "--data"},
            {"--data", points, "--heldout", "4", "named", "--heldout"},
            {"--data", points, "--dim", "3", "named", "--dim"}};
        for (String[] c : cases) {
            CliRun.assertBadInput("kde", tmp.resolve("out"), java.util.Arrays.copyOf(c, c.length - 2), c[c.length - 1]);
        }
    }

    /** --data: a fifth held out, the rest D_0 and M; generation 0 is the KDE on D_0 (distance 0), and generation 1 the same model. */
    @Test
    void dataAreSplitAndGenerationZeroIsTheirKde() throws Exception {
        final StringBuilder rows = new StringBuilder();
        final java.util.SplittableRandom random = new java.util.SplittableRandom(8);
        for (int i = 0; i < 50; i++) {
            rows.append(random.nextGaussian()).append(',').append(random.nextGaussian()).append('\n');
        }
        final Path data = Files.writeString(tmp.resolve("data.csv"), rows);
        final Path out = tmp.resolve("run");
        final CliRun r = CliRun.of("kde", "--data", data.toString(), "--bandwidth-rule", "scott", "--generations", "3", "--replicates", "2",
                "--seed", "5", "--no-plots", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        final String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"data_training_points\" : 40") || manifest.contains("\"data_training_points\": 40"), manifest);
        final List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        final List<String> header = List.of(summary.get(0).split(","));
        final String[] generation0 = summary.get(1).split(",");
        final String[] generation1 = summary.get(2).split(",");
        assertEquals(0, Double.parseDouble(generation0[header.indexOf("mean_sq_distance_mean")]), 0);
        for (String metric : new String[] {"heldout_nll_mean", "data_variance_mean", "bandwidth_mean"}) {
            assertEquals(generation0[header.indexOf(metric)], generation1[header.indexOf(metric)], metric + ": generation 1 is the KDE on D_0");
        }
    }

    /** A default run writes its plots, and the closed forms of the variance and the distance are drawn (fixed h, replace). */
    @Test
    void aRunWritesItsPlots() throws Exception {
        final Path out = tmp.resolve("run");
        final CliRun r = CliRun.of("kde", "--samples", "50", "--heldout", "20", "--generations", "5", "--replicates", "4", "--seed", "3",
                "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        for (String plot : new String[] {"heldout_nll.png", "data_variance.png", "mean_sq_distance.png"}) {
            assertTrue(Files.size(out.resolve(plot)) > 0, plot);
        }
        assertTrue(KdeCliClosedForm.drawn(out), "closed form of data_variance");
    }

    /** Reads a finished run's closed form through the family, as the plots do. */
    private static final class KdeCliClosedForm {
        static boolean drawn(Path out) throws Exception {
            final double[] curve = new KdeCli().closedForm(RunFiles.read(out, null), "data_variance");
            return curve != null && curve.length == 6 && Math.abs(curve[1] - (1 - 1.0 / 50)) < 1e-12;
        }
    }
}
