package org.modelcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** collapse plot redraws from a run's files, only into collapse's folders, and a run of 0 generations draws none. */
class PlotCommandTest {
    @TempDir
    Path tmp;

    @Test
    void redrawsAFinishedRunAndListsTheNewFiles() throws Exception {
        final Path run = tmp.resolve("run");
        assertEquals(0, CliRun.of("discrete", "--states", "50", "--samples", "50", "--generations", "40", "--replicates", "30", "--seed", "1",
                "--out", run.toString()).status());
        for (String f : new String[] {"alive_states.png", "entropy.png", "lost_mass.png", "heterozygosity.png", "quantiles.csv"}) {
            assertTrue(Files.size(run.resolve(f)) > 0, f);
        }
        CliRun r = CliRun.of("plot", run.toString(), "--metric", "kl_divergence", "--metric", "max_probability", "--log-y");
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.size(run.resolve("kl_divergence.png")) > 0);
        final String manifest = Files.readString(run.resolve("manifest.json"));
        assertTrue(manifest.contains("\"kl_divergence.png\"") && manifest.contains("\"max_probability.png\""), manifest);
        // The folder is still collapse's own: --force may replace it.
        assertEquals(0, CliRun.of("discrete", "--states", "5", "--samples", "5", "--generations", "2", "--replicates", "3", "--seed", "2",
                "--out", run.toString(), "--force").status());
    }

    @Test
    void refusesWhatIsNotCollapsesOrNotAMetric() throws Exception {
        final Path run = tmp.resolve("run");
        assertEquals(0, CliRun.of("discrete", "--states", "5", "--samples", "20", "--generations", "5", "--replicates", "10", "--seed", "1",
                "--no-plots", "--out", run.toString()).status());
        CliRun r = CliRun.of("plot", run.toString(), "--metric", "nope");
        assertTrue(r.status() == 2 && r.err().contains("--metric nope: is not a metric of this run"), r.err());
        Files.writeString(run.resolve("entropy.png"), "the user's own picture");
        r = CliRun.of("plot", run.toString(), "--metric", "entropy");
        assertTrue(r.status() == 2 && r.err().contains("collapse did not write it"), r.err());
        assertEquals("the user's own picture", Files.readString(run.resolve("entropy.png")));
        r = CliRun.of("plot", tmp.toString());
        assertTrue(r.status() == 2 && r.err().contains("this one has no manifest.json"), r.err());
    }

    @Test
    void aRunOfZeroGenerationsDrawsNoPlot() throws Exception {
        final Path run = tmp.resolve("zero");
        assertEquals(0, CliRun.of("discrete", "--states", "5", "--samples", "20", "--generations", "0", "--replicates", "10", "--seed", "1",
                "--out", run.toString()).status());
        assertFalse(Files.exists(run.resolve("alive_states.png")));
        assertTrue(Files.exists(run.resolve("summary.csv")));
    }
}
