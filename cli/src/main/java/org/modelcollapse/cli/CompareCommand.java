package org.modelcollapse.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jfree.chart.JFreeChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code collapse compare RUN_DIR...}: several finished runs' curves of one metric on one figure, as the
 * successor papers draw them (one panel per regime, one curve per sample size; ratios to the first fit).
 * The options are checked against every run before anything is written ({@link Comparison}); the chart
 * is {@link ComparisonChart}'s and the file {@link FigureFile}'s.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = {"Draws one metric of several finished runs on one PNG, in panels that share the y axis.",
            "Each run: its mean over replicates against generation, with 2 standard errors (or --band), coloured by --label.",
            "The runs must be one family's, each a folder that collapse wrote (summary.csv, quantiles.csv, manifest.json).",
            "Files: --out FILE.png and its record FILE.png.json (the arguments, the runs, the PNG's SHA-256).",
            "An existing file at either name is replaced only if it is, byte for byte, what collapse compare wrote there;",
            "any other is left alone and refused."},
        footerHeading = "%nExamples:%n",
        footer = {"  collapse compare runs/g-100 runs/g-1000 runs/g-acc --metric mean_sq_distance --panel regime --label samples \\",
            "      --closed-form --log-y --out figures/regimes.png",
            "  collapse compare runs/a runs/b --metric w2_squared --ratio-to 1 --hline 1.6449340668:pi^2/6 --out figures/ratio.png"})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", arity = "1..*", description = "Run folders that collapse wrote, one curve each, in legend order.")
    List<Path> dirs;

    @Option(names = "--metric", paramLabel = "NAME", required = true, description = "The metric drawn: a column of every run's summary.csv.")
    String metric;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The PNG to write (a .png name).")
    Path out;

    @Option(names = "--label", paramLabel = "KEYS", description = "Legend: the manifest parameters KEYS of each run (comma-separated), "
            + "as KEY=value (e.g. samples gives samples=100; bandwidth,samples gives bandwidth=0.2, samples=100); runs of one label share a "
            + "colour (default: the folder's name).")
    String label;

    @Option(names = "--panel", paramLabel = "KEY", description = "One panel per value of the manifest parameter KEY (e.g. regime), "
            + "side by side with one y axis, in the order the values first appear (default: one panel).")
    String panel;

    @Option(names = "--ratio-to", paramLabel = "GEN", description = "Divide each run's curve and band by its own mean at generation GEN, "
            + "and its closed form by the closed form's value there (e.g. 1: the ratio to the first fit).")
    Integer ratioTo;

    @Option(names = "--closed-form", description = "Draw each run's closed form (docs/theory.md), dashed in its colour, where its family has one.")
    boolean closedForm;

    @Option(names = "--hline", paramLabel = "VALUE[:LABEL]", description = "A horizontal reference line, repeatable (e.g. 1.6449340668:pi^2/6).")
    List<String> hlines = new ArrayList<>();

    @Mixin
    PlotScaleOptions scale;

    @Option(names = "--title", paramLabel = "TEXT", description = "The figure's title (default: the metric's, the ratio and the family).")
    String title;

    @Option(names = "--band", paramLabel = "KIND", defaultValue = "se", description = "Each curve: se (the mean with 2 standard errors), "
            + "quantiles (the median with its 5-95%% band over replicates) or none (the mean alone) (default: ${DEFAULT-VALUE}).")
    String band;

    @Override
    public Integer call() throws IOException {
        final Plots.Scale y = scale.scale();
        final Comparison.Band curves = band();
        final List<ComparisonChart.Reference> references = hlines.stream().map(CompareCommand::reference).toList();
        final FigureFile file = FigureFile.check(out);
        final List<Comparison.Run> runs = new ArrayList<>();
        for (Path dir : dirs) {
            runs.add(new Comparison.Run(dir, read(dir)));
        }
        final List<Comparison.Panel> panels = Comparison.of(runs, new Comparison.Settings(metric, label, panel, ratioTo, curves, closedForm));
        final boolean log = y == Plots.Scale.LOG || y == Plots.Scale.AUTO && ComparisonChart.spansDecades(panels);
        for (ComparisonChart.Reference r : references) {
            if (log && !(r.value() > 0)) {
                throw new BadInputException("--hline", r.value(), "cannot be drawn on the logarithmic y axis: give a positive value, or --linear-y");
            }
        }
        final String model = runs.getFirst().files().model();
        final Plots.Metric m = Plots.metric(model, metric);
        final String ratio = ratioTo == null ? "" : ", ratio to generation " + ratioTo;
        final String yLabel = ratioTo == null ? m.label() : m.label() + " / its mean at generation " + ratioTo;
        final String heading = title != null ? title : m.title() + ratio + " — " + model + ", " + runs.size() + " runs";
        final JFreeChart chart = ComparisonChart.of(panels, new ComparisonChart.Look(heading, yLabel, log, curves, references));
        final Map<String, Object> about = new LinkedHashMap<>();
        about.put("arguments", spec.commandLine().getParseResult().originalArgs());
        about.put("runs", dirs.stream().map(d -> d.normalize().toString()).toList()); // as given, so that a record made from the repository root names its runs there
        file.write(chart, ComparisonChart.width(panels.size()), Plots.HEIGHT, about);
        System.out.println("drew " + file.png() + " (" + runs.size() + " runs, " + panels.size() + " panel" + (panels.size() == 1 ? "" : "s")
                + "; its record: " + file.record().getFileName() + ")");
        return 0;
    }

    private Comparison.Band band() {
        return switch (band) {
            case "se" -> Comparison.Band.SE;
            case "quantiles" -> Comparison.Band.QUANTILES;
            case "none" -> Comparison.Band.NONE;
            default -> throw new BadInputException("--band", band, "allowed are se, quantiles, none");
        };
    }

    /** @return the line of "VALUE" or "VALUE:LABEL" (the label is the value when none is given) */
    static ComparisonChart.Reference reference(String spec) {
        final int colon = spec.indexOf(':');
        final String value = (colon < 0 ? spec : spec.substring(0, colon)).trim();
        final double v;
        try {
            v = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new BadInputException("--hline", spec, "must be VALUE or VALUE:LABEL with VALUE a number, e.g. 1.6449340668:pi^2/6");
        }
        if (!Double.isFinite(v)) {
            throw new BadInputException("--hline", spec, "VALUE must be a finite number");
        }
        return new ComparisonChart.Reference(v, colon < 0 ? value : spec.substring(colon + 1));
    }

    /** @return the run's files, if collapse wrote the folder and they can be read; else a bad-input error naming it */
    private static RunFiles read(Path dir) {
        OutputDirectory.ownManifest("RUN_DIR", dir, dir, "collapse compare draws runs that collapse wrote, and ");
        try {
            final RunFiles run = RunFiles.read(dir, null);
            if (run.parameters() == null) {
                throw new IllegalStateException("its manifest has no parameters");
            }
            return run;
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("RUN_DIR", dir, "cannot be read as a finished run (" + e.getMessage() + ")");
        }
    }
}
