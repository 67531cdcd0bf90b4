package org.modelcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RegressionCommandTest {
    @TempDir
    Path tmp;

    static Stream<Object[]> badInputs() {
        return Stream.of(
                new Object[] {new String[] {"--dim", "10", "--samples", "11"}, "--samples"},
                new Object[] {new String[] {"--noise-variance", "-1"}, "--noise-variance"},
                new Object[] {new String[] {"--noise-variance", "NaN"}, "--noise-variance"},
                new Object[] {new String[] {"--ridge", "-0.1"}, "--ridge"},
                new Object[] {new String[] {"--ridge", "1", "--min-norm"}, "--ridge"},
                new Object[] {new String[] {"--design", "random"}, "--design"},
                new Object[] {new String[] {"--dim", "2", "--true-weights", "1,2,3"}, "--true-weights"},
                new Object[] {new String[] {"--dim", "2", "--design-covariance", "1,0,0"}, "--design-covariance"},
                new Object[] {new String[] {"--dim", "2", "--design-covariance", "1,0.5,0,1"}, "--design-covariance"},
                new Object[] {new String[] {"--dim", "2", "--design-covariance", "1,2,2,1"}, "--design-covariance"},
                new Object[] {new String[] {"--schedule", "linear", "--schedule-rate", "1"}, "--design"},
                new Object[] {new String[] {"--regime", "accumulate-subsample", "--mode", "exact"}, "--mode"},
                new Object[] {new String[] {"--min-norm", "--samples", "5", "--mode", "exact"}, "--mode"},
                new Object[] {new String[] {"--test-points", "-1"}, "--test-points"});
    }

    /** Bad input: exit status 2, one line naming the option, and no output folder. */
    @ParameterizedTest
    @MethodSource("badInputs")
    void badInputExitsTwoAndWritesNothing(String[] args, String named) {
        CliRun.assertBadInput("regression", tmp.resolve("out"), args, named);
    }

    /** A run writes its files and plots; its manifest holds what the closed form needs, and the plots draw R2. */
    @Test
    void runWritesFilesAndTheClosedFormIsDrawn() throws Exception {
        final Path out = tmp.resolve("run");
        final CliRun r = CliRun.of("regression", "--dim", "3", "--samples", "20", "--regime", "accumulate", "--generations", "5",
                "--replicates", "50", "--seed", "9", "--test-points", "10", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        final List<String> header = List.of(Files.readAllLines(out.resolve("summary.csv")).get(0).split(","));
        assertTrue(header.contains("excess_risk_mean") && header.contains("test_mse_mean") && header.contains("step_norm_mean"), header.toString());
        assertTrue(Files.size(out.resolve("excess_risk.png")) > 0 && Files.size(out.resolve("test_mse.png")) > 0);
        final RunFiles run = RunFiles.read(out, null);
        final double[] curve = new RegressionCli().closedForm(run, "excess_risk");
        assertNotNull(curve);
        assertEquals(3.0 / 16 * (1 + 0.25), curve[2], 1e-15, "B (1 + 1/4) at generation 2");
        assertEquals("exact", run.text("mode"));
    }
}
