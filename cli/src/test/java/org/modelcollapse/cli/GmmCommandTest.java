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

class GmmCommandTest {
    @TempDir
    Path tmp;

    static Stream<Object[]> badInputs() {
        return Stream.of(
                new Object[] {new String[] {"--components", "0"}, "--components"},
                new Object[] {new String[] {"--components", "5", "--samples", "4"}, "--samples"},
                new Object[] {new String[] {"--original-weights", "-0.5,1.5", "--original-means", "0,0,1,1"}, "--original-weights"},
                new Object[] {new String[] {"--original-weights", "0.3,0.3", "--original-means", "0,0,1,1"}, "--original-weights"},
                new Object[] {new String[] {"--original-covariances", "1,2,2,1"}, "--original-covariances"},
                new Object[] {new String[] {"--original-covariances", "1,0,0"}, "--original-covariances"},
                new Object[] {new String[] {"--original-weights", "0.5,0.5", "--original-means", "0,0,1"}, "--original-means"},
                new Object[] {new String[] {"--tol", "0"}, "--tol"},
                new Object[] {new String[] {"--reg-covar", "-1"}, "--reg-covar"},
                new Object[] {new String[] {"--max-iter", "0"}, "--max-iter"},
                new Object[] {new String[] {"--init", "best"}, "--init"},
                new Object[] {new String[] {"--covariance-type", "tied"}, "--covariance-type"},
                new Object[] {new String[] {"--mode", "exact"}, "--mode"},
                new Object[] {new String[] {"--snapshots", "0,500", "--generations", "10"}, "--snapshots"},
                new Object[] {new String[] {"--dim", "3", "--original-means", "0,0"}, "--dim"});
    }

    /** Bad input: exit status 2, one line naming the option, and no output folder. */
    @ParameterizedTest
    @MethodSource("badInputs")
    void badInputExitsTwoAndWritesNothing(String[] args, String named) {
        CliRun.assertBadInput("gmm", tmp.resolve("out"), args, named);
    }

    /** --original and --data: files of the wrong shape, or combined with the options they replace, exit 2 naming the option. */
    @Test
    void badOriginalAndDataFilesExitTwo() throws Exception {
        final String points = Files.writeString(tmp.resolve("points.csv"), "x,y\n1,2\n3,4\n5,6\n7,8\n9,1\n").toString();
        final String ragged = Files.writeString(tmp.resolve("ragged.csv"), "1,2\n3\n").toString();
        final String mixture = Files.writeString(tmp.resolve("mixture.csv"), "0.5 -2 0 1 0 0 1\n0.5 2 0 1 0 0 1\n").toString();
        final String shortRow = Files.writeString(tmp.resolve("short.csv"), "1 0 0 1\n").toString();
        final String notDefinite = Files.writeString(tmp.resolve("definite.csv"), "1 0 0 1 2 2 1\n").toString();
        final String uneven = Files.writeString(tmp.resolve("uneven.csv"), "0.5 0 0 1 0 0 1\n0.5 1 0 1\n").toString();
        final String[][] cases = {
            {"--data", points, "--original-weights", "1", "named", "--data"},
            {"--data", ragged, "named", "--data"},
            {"--data", points, "--heldout", "4", "named", "--heldout"},
            {"--data", points, "--dim", "3", "named", "--dim"},
            {"--original", shortRow, "named", "--original"},
            {"--original", notDefinite, "named", "--original"},
            {"--original", uneven, "named", "--original"},
            {"--original", mixture, "--original-means", "0,0", "named", "--original"},
            {"--original", mixture, "--dim", "3", "named", "--dim"}};
        for (String[] c : cases) {
            final String[] args = java.util.Arrays.copyOf(c, c.length - 2);
            CliRun.assertBadInput("gmm", tmp.resolve("out"), args, c[c.length - 1]);
        }
    }

    /** --data: a fifth held out, the rest D_0 and M by default; generation 0 is the fit to D_0, so its L2 to p_0 is 0. */
    @Test
    void dataAreSplitAndGenerationZeroIsTheirFit() throws Exception {
        final StringBuilder rows = new StringBuilder();
        final java.util.SplittableRandom random = new java.util.SplittableRandom(8);
        for (int i = 0; i < 50; i++) {
            rows.append(random.nextGaussian() + (i % 2 == 0 ? 3 : -3)).append(',').append(random.nextGaussian()).append('\n');
        }
        final Path data = Files.writeString(tmp.resolve("data.csv"), rows);
        final Path out = tmp.resolve("run");
        final CliRun r = CliRun.of("gmm", "--data", data.toString(), "--generations", "3", "--replicates", "2", "--seed", "5",
                "--no-plots", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        final String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"data_training_points\" : 40") || manifest.contains("\"data_training_points\": 40"), manifest);
        final List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        final List<String> header = List.of(summary.get(0).split(","));
        final String[] generation0 = summary.get(1).split(",");
        final String[] generation1 = summary.get(2).split(",");
        assertEquals(0, Double.parseDouble(generation0[header.indexOf("l2_to_original_mean")]), 0);
        assertEquals(generation0[header.indexOf("heldout_nll_mean")], generation1[header.indexOf("heldout_nll_mean")],
                "generation 1 is the fit to D_0, as generation 0");
    }

    /** --snapshots: M points per listed generation in snapshots.csv, a PNG each, and the manifest lists them. */
    @Test
    void snapshotsAreWrittenAndListed() throws Exception {
        final Path out = tmp.resolve("run");
        final CliRun r = CliRun.of("gmm", "--samples", "50", "--generations", "6", "--replicates", "3", "--seed", "4",
                "--snapshots", "0,5", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        final List<String> rows = Files.readAllLines(out.resolve("snapshots.csv"));
        assertEquals("generation,x1,x2", rows.get(0));
        assertEquals(1 + 2 * 50, rows.size());
        assertEquals(50, rows.stream().filter(l -> l.startsWith("5,")).count());
        assertTrue(Files.size(out.resolve("snapshot-0.png")) > 0 && Files.size(out.resolve("snapshot-5.png")) > 0);
        final String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("snapshots.csv") && manifest.contains("snapshot-5.png"), "listed in the manifest");
        // Taken during the run above; a --metrics selection wraps the chain, so there replicate 0 runs again: the same points.
        final Path again = tmp.resolve("again");
        assertEquals(0, CliRun.of("gmm", "--samples", "50", "--generations", "6", "--replicates", "3", "--seed", "4", "--threads", "2",
                "--snapshots", "0,5", "--metrics", "l2_to_original", "--out", again.toString()).status());
        assertEquals(Files.readString(out.resolve("snapshots.csv")), Files.readString(again.resolve("snapshots.csv")));
    }
}
