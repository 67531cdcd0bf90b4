package org.modelcollapse.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * collapse compare: several runs on one figure, in panels, scaled to a generation, with closed forms;
 * its values checked through {@link Comparison} (no PNG decoding), its refusals one line each with
 * nothing written.
 */
class CompareCommandTest {
    @TempDir
    static Path runs;

    @TempDir
    Path tmp;

    static Path small;
    static Path large;
    static Path accumulate;
    static Path discrete;

    /** Three small Gaussian runs (two sample sizes in replace, one accumulating) and a categorical one, shared by the tests. */
    @BeforeAll
    static void makeRuns() {
        small = gaussian("m20-replace", "20", "replace");
        large = gaussian("m50-replace", "50", "replace");
        accumulate = gaussian("m20-accumulate", "20", "accumulate");
        discrete = runs.resolve("discrete");
        assertEquals(0, CliRun.of("discrete", "--states", "10", "--samples", "20", "--generations", "10", "--replicates", "10", "--seed", "1",
                "--no-plots", "--out", discrete.toString()).status());
    }

    private static Path gaussian(String name, String samples, String regime) {
        final Path dir = runs.resolve(name);
        final CliRun r = CliRun.of("gaussian", "--dim", "1", "--samples", samples, "--regime", regime, "--generations", "30", "--replicates", "40",
                "--seed", "7", "--no-plots", "--out", dir.toString());
        assertEquals(0, r.status(), r.err());
        return dir;
    }

    private static Comparison.Run run(Path dir) throws IOException {
        return new Comparison.Run(dir, RunFiles.read(dir, null));
    }

    @Test
    void drawsOnePanelPerRegimeWithOneCurvePerRunAndItsRecord() throws Exception {
        final Path png = tmp.resolve("figures").resolve("regimes.png");
        final CliRun r = CliRun.of("compare", small.toString(), large.toString(), accumulate.toString(), "--metric", "mean_sq_distance",
                "--panel", "regime", "--label", "samples", "--closed-form", "--out", png.toString());
        assertEquals(0, r.status(), r.err());
        final byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 1000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', "a PNG");
        final String record = Files.readString(tmp.resolve("figures").resolve("regimes.png.json"));
        assertTrue(record.contains("\"command\" : \"compare\"") && record.contains("\"png_sha256\"") && record.contains("m50-replace"), record);

        final List<Comparison.Panel> panels = Comparison.of(List.of(run(small), run(large), run(accumulate)),
                new Comparison.Settings("mean_sq_distance", "samples", "regime", null, Comparison.Band.SE, true));
        assertEquals(List.of("regime=replace", "regime=accumulate"), panels.stream().map(Comparison.Panel::title).toList());
        assertEquals(List.of("samples=20", "samples=50"), panels.get(0).lines().stream().map(Comparison.Line::label).toList());
        assertEquals(List.of("samples=20, regime=replace", "samples=50, regime=replace"), Comparison.of(List.of(run(small), run(large)),
                new Comparison.Settings("mean_sq_distance", "samples,regime", null, null, Comparison.Band.SE, false)).get(0).lines().stream()
                .map(Comparison.Line::label).toList(), "several keys, comma-separated");
        assertNotNull(panels.get(0).lines().get(0).closedForm(), "replace has N3");
        assertNull(panels.get(1).lines().get(0).closedForm(), "accumulate has none");
        final CombinedRangeXYPlot plot = (CombinedRangeXYPlot) ComparisonChart.of(panels,
                new ComparisonChart.Look("t", "y", false, Comparison.Band.SE, List.of())).getXYPlot();
        assertEquals(2, plot.getSubplots().size());
        // One legend entry per label: samples=20 appears in both panels in one colour.
        final List<String> legend = new ArrayList<>();
        for (int i = 0; i < plot.getFixedLegendItems().getItemCount(); i++) {
            legend.add(plot.getFixedLegendItems().get(i).getLabel());
        }
        assertEquals(List.of("samples=20", "samples=50", "closed form"), legend);

        // Its own file, unchanged, is redrawn; a changed one is not.
        assertEquals(0, CliRun.of("compare", small.toString(), "--metric", "trace", "--out", png.toString()).status());
        Files.write(png, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        final CliRun again = CliRun.of("compare", small.toString(), "--metric", "trace", "--out", png.toString());
        assertTrue(again.status() == 2 && again.err().contains("is not the PNG collapse compare wrote"), again.err());
    }

    @Test
    void ratioToDividesEachRunByItsOwnMeanAndItsClosedFormByItsOwnValue() throws Exception {
        final RunFiles f = RunFiles.read(small, null);
        final int k = f.metrics().indexOf("trace");
        final Curve mean = f.meanCurve(k);
        final Comparison.Line line = Comparison.of(List.of(run(small), run(large)),
                new Comparison.Settings("trace", null, null, 1, Comparison.Band.SE, true)).getFirst().lines().getFirst();
        assertEquals("m20-replace", line.label());
        for (int g = 0; g <= f.last(); g++) {
            assertEquals(mean.centre()[g] / mean.centre()[1], line.curve().centre()[g], 1e-15);
            assertEquals(mean.low()[g] / mean.centre()[1], line.curve().low()[g], 1e-15);
        }
        assertEquals(1, line.curve().centre()[1]);
        final double[] theory = Plots.closedForm(f, "trace");
        assertEquals(1, line.closedForm().centre()[1], 1e-15);
        assertEquals(theory[30] / theory[1], line.closedForm().centre()[30], 1e-15);

        final Curve median = Comparison.of(List.of(run(small)), new Comparison.Settings("trace", null, null, 1, Comparison.Band.QUANTILES, false))
                .getFirst().lines().getFirst().curve();
        assertArrayEquals(f.medianCurve(k).generation(), median.generation());
        assertEquals(f.medianCurve(k).high()[3] / mean.centre()[1], median.high()[3], 1e-15);
        assertEquals(0, CliRun.of("compare", small.toString(), large.toString(), "--metric", "w2_squared", "--ratio-to", "1",
                "--hline", "1.6449340668:pi^2/6", "--band", "none", "--out", tmp.resolve("ratio.png").toString()).status());
    }

    @Test
    void badInputExitsTwoWithOneLineAndWritesNothing() throws Exception {
        final String s = small.toString();
        bad("--metric", s, "--metric", "entropy");
        bad("RUN_DIR", s, tmp.toString(), "--metric", "trace");
        bad("RUN_DIR", s, discrete.toString(), "--metric", "trace");
        bad("--label", s, "--metric", "trace", "--label", "nope");
        bad("--panel", s, "--metric", "trace", "--panel", "nope");
        bad("--ratio-to", s, "--metric", "trace", "--ratio-to", "31");
        bad("--ratio-to", s, "--metric", "mean_sq_distance", "--ratio-to", "0");
        bad("--band", s, "--metric", "trace", "--band", "wide");
        bad("--hline", s, "--metric", "trace", "--hline", "pi:pi");
        bad("--hline", s, "--metric", "trace", "--log-y", "--hline", "-1:below");
        bad("--closed-form", accumulate.toString(), "--metric", "trace", "--closed-form");
        bad("--log-y", s, "--metric", "trace", "--log-y", "--linear-y");
        final Path mine = tmp.resolve("mine.png");
        Files.writeString(mine, "the user's own picture");
        final CliRun r = CliRun.of("compare", s, "--metric", "trace", "--out", mine.toString());
        assertTrue(r.status() == 2 && r.err().strip().lines().count() == 1 && r.err().contains("--out") && r.err().contains("did not write it"), r.err());
        assertEquals("the user's own picture", Files.readString(mine));
        assertFalse(Files.exists(tmp.resolve("mine.png.json")));
        final CliRun notPng = CliRun.of("compare", s, "--metric", "trace", "--out", tmp.resolve("figure.svg").toString());
        assertTrue(notPng.status() == 2 && notPng.err().contains("must name a .png file"), notPng.err());
    }

    /** compare ARGS --out a new file under a new folder: exit 2, one line naming {@code named}, no folder made. */
    private void bad(String named, String... args) {
        final Path out = tmp.resolve("new").resolve("figure.png");
        final List<String> all = new ArrayList<>(List.of("compare"));
        all.addAll(List.of(args));
        all.addAll(List.of("--out", out.toString()));
        final CliRun r = CliRun.of(all.toArray(String[]::new));
        assertEquals(2, r.status(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains(named), named + ": " + r.err());
        assertFalse(Files.exists(out.getParent()), "nothing written");
    }
}
