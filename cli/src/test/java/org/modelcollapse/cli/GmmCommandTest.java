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
    }
}
