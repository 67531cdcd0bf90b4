package org.modelcollapse.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code collapse compare} draws, before any drawing: the runs' curves of one metric, grouped into
 * panels and scaled as asked. Kept apart from the chart so that the plotted values can be checked
 * without decoding a PNG. Every check of the runs against the options happens here, before a file is
 * written.
 */
final class Comparison {
    /** What each run's curve is, and its band. */
    enum Band {
        /** The mean over replicates, without a band. */
        NONE("mean over replicates"),
        /** The median over replicates with its 5–95% band (at quantiles.csv's generations). */
        QUANTILES("median over replicates, 5-95% band"),
        /** The mean over replicates with a band of 2 standard errors. */
        SE("mean over replicates ± 2 SE");

        /** The figure's account of the curves. */
        final String description;

        Band(String description) {
            this.description = description;
        }
    }

    /**
     * The options that shape the figure's data.
     *
     * @param metric the summary.csv metric drawn
     * @param labelKey the manifest parameters naming each curve, comma-separated, or null for the run's folder name
     * @param panelKey the manifest parameter with one panel per value, or null for one panel
     * @param ratioTo the generation each run is divided by its mean at, or null for the values themselves
     * @param band the curves and their bands
     * @param closedForms whether to draw each run's closed form where its family has one
     */
    record Settings(String metric, String labelKey, String panelKey, Integer ratioTo, Band band, boolean closedForms) {}

    /** A run folder and its files. */
    record Run(Path dir, RunFiles files) {}

    /**
     * One run's curve in a panel.
     *
     * @param label the legend's text ("samples=100", or the folder's name)
     * @param curve the run's curve and band, scaled
     * @param closedForm the closed form at generations 0..last, scaled, or null
     */
    record Line(String label, Curve curve, Curve closedForm) {}

    /**
     * @param title "regime=replace", or null without --panel
     * @param lines the panel's runs, in the order given
     */
    record Panel(String title, List<Line> lines) {}

    private Comparison() {}

    /**
     * @param runs the runs, in the order given; at least one
     * @return the panels, in the order their values first appear among the runs
     * @throws BadInputException if a run lacks the metric, a parameter or the generation, or the runs' families differ
     */
    static List<Panel> of(List<Run> runs, Settings s) {
        final String model = runs.getFirst().files().model();
        final Map<String, List<Line>> panels = new LinkedHashMap<>();
        boolean anyClosedForm = false;
        for (Run run : runs) {
            final RunFiles f = run.files();
            if (!f.model().equals(model)) {
                throw new BadInputException("RUN_DIR", run.dir(), "is a " + f.model() + " run and " + runs.getFirst().dir() + " a " + model
                        + " run: compare draws one family's runs, whose --metric " + s.metric() + " means the same");
            }
            final int k = f.metrics().indexOf(s.metric());
            if (k < 0) {
                throw new BadInputException("--metric", s.metric(), "is not a metric of " + run.dir() + "; it has " + String.join(", ", f.metrics()));
            }
            if (f.last() == 0) {
                throw new BadInputException("RUN_DIR", run.dir(), "holds a run of 0 generations: a single point, no curve to draw");
            }
            Curve curve = switch (s.band()) {
                case NONE -> f.meanCurve(k).withoutBand();
                case QUANTILES -> f.medianCurve(k);
                case SE -> f.meanCurve(k);
            };
            final double[] theory = s.closedForms() ? Plots.closedForm(f, s.metric()) : null;
            Curve closedForm = theory == null ? null : Curve.line(f.meanCurve(k).generation(), theory);
            if (s.ratioTo() != null) {
                final double by = divisor(run, k, s.ratioTo());
                curve = curve.dividedBy(by);
                // The closed form is divided by its own value at G, not by the run's noisy mean there: the ratio
                // of expectations, which the run's ratio estimates. A closed form of 0 at G has no ratio.
                final boolean divisible = theory != null && Double.isFinite(theory[s.ratioTo()]) && theory[s.ratioTo()] != 0;
                closedForm = divisible ? closedForm.dividedBy(theory[s.ratioTo()]) : null;
            }
            anyClosedForm |= closedForm != null;
            final String label = s.labelKey() == null ? String.valueOf(run.dir().toAbsolutePath().normalize().getFileName())
                    : String.join(", ", java.util.Arrays.stream(s.labelKey().split(",")).map(key -> key + "=" + parameter(run, "--label", key)).toList());
            final String panel = s.panelKey() == null ? null : s.panelKey() + "=" + parameter(run, "--panel", s.panelKey());
            panels.computeIfAbsent(panel, p -> new ArrayList<>()).add(new Line(label, curve, closedForm));
        }
        if (s.closedForms() && !anyClosedForm) {
            throw new BadInputException("--closed-form", s.metric(), "none of the runs has a closed form of this metric (docs/theory.md); leave --closed-form out");
        }
        final List<Panel> out = new ArrayList<>();
        panels.forEach((title, lines) -> out.add(new Panel(title, List.copyOf(lines))));
        return List.copyOf(out);
    }

    /** @return the run's mean of metric k at generation g, checked to be a finite non-zero number to divide by */
    private static double divisor(Run run, int k, int g) {
        if (g < 0 || g > run.files().last()) {
            throw new BadInputException("--ratio-to", g, "is not a generation of " + run.dir() + "; it has 0 to " + run.files().last());
        }
        final double by = run.files().meanCurve(k).at(g);
        if (!Double.isFinite(by) || by == 0) {
            throw new BadInputException("--ratio-to", g, "the mean of " + run.dir() + " at that generation is " + by + ", which cannot be divided by; give another generation");
        }
        return by;
    }

    /** @return the manifest parameter's value, or a bad-input error naming the option and what the run has */
    private static Object parameter(Run run, String option, String key) {
        final Object v = run.files().parameters().get(key);
        if (v == null) {
            throw new BadInputException(option, key, "is not a parameter of " + run.dir() + "; it has " + String.join(", ", run.files().parameters().keySet()));
        }
        return v;
    }
}
