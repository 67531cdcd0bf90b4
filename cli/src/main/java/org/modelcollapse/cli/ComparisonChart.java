package org.modelcollapse.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Line2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The chart of {@code collapse compare}: the panels of a {@link Comparison} side by side on one shared y
 * axis, each run's curve in the colour of its label (so that a label, e.g. samples=100, has one colour
 * in every panel and one legend entry), its closed form dashed in the same colour, and horizontal
 * reference lines. The house style (axes, bands, surface) is {@link Plots}'.
 */
final class ComparisonChart {
    /** Width of one panel; a single panel is as wide as a run's own plots. */
    static final int PANEL_WIDTH = 480;
    /** Matplotlib's "tab10" colours, the ones researchers' figures use, cycled past ten labels. */
    private static final Color[] PALETTE = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189),
        new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};
    private static final BasicStroke LINE = new BasicStroke(1.8f);
    private static final BasicStroke REFERENCE = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f);

    /**
     * A horizontal reference line.
     *
     * @param value its height
     * @param label its text, drawn beside it
     */
    record Reference(double value, String label) {}

    /**
     * @param title the chart's title
     * @param yLabel the shared y axis' label (the axis adds "(log scale)")
     * @param log whether the y axis is logarithmic
     * @param band the curves' account, for the subtitle
     * @param references the horizontal lines
     */
    record Look(String title, String yLabel, boolean log, Comparison.Band band, List<Reference> references) {}

    private ComparisonChart() {}

    /** @return the figure's width in pixels for {@code panels} panels */
    static int width(int panels) {
        return Math.max(Plots.WIDTH, PANEL_WIDTH * panels);
    }

    /** @return true if the drawn values (curves and closed forms) call for a log axis under {@link Plots.Scale#AUTO} */
    static boolean spansDecades(List<Comparison.Panel> panels) {
        return Plots.spansDecades(panels.stream().flatMap(p -> p.lines().stream()).flatMapToDouble(l -> DoubleStream.concat(
                Arrays.stream(l.curve().centre()), l.closedForm() == null ? DoubleStream.empty() : Arrays.stream(l.closedForm().centre()))));
    }

    /** @return the chart: one subplot per panel, in order, sharing the y axis */
    static JFreeChart of(List<Comparison.Panel> panels, Look look) {
        final Map<String, Color> colours = new LinkedHashMap<>();
        final ValueAxis y = Plots.valueAxis(look.yLabel(), look.log());
        final CombinedRangeXYPlot combined = new CombinedRangeXYPlot(y);
        combined.setGap(12);
        int skipped = 0;
        boolean closedForms = false;
        for (Comparison.Panel panel : panels) {
            final YIntervalSeriesCollection data = new YIntervalSeriesCollection();
            final DeviationRenderer renderer = Plots.renderer();
            for (Comparison.Line line : panel.lines()) {
                final Color colour = colours.computeIfAbsent(line.label(), l -> PALETTE[colours.size() % PALETTE.length]);
                // Series keys must differ within a panel; the legend is built below, by label.
                final Plots.Series curve = new Plots.Series("curve " + data.getSeriesCount(), look.log()).add(line.curve());
                skipped += curve.skipped();
                Plots.style(renderer, data.getSeriesCount(), colour, LINE);
                data.addSeries(curve.series());
                if (line.closedForm() != null) {
                    closedForms = true;
                    Plots.style(renderer, data.getSeriesCount(), colour, Plots.DASHED);
                    data.addSeries(new Plots.Series("closed form " + data.getSeriesCount(), look.log()).add(line.closedForm()).series());
                }
            }
            final XYPlot plot = new XYPlot(data, Plots.generationAxis(panel.title() == null ? "generation" : "generation — " + panel.title()), null, renderer);
            Plots.surface(plot);
            for (Reference r : look.references()) {
                plot.addRangeMarker(marker(r));
            }
            combined.add(plot);
        }
        includeReferences(y, look);
        combined.setFixedLegendItems(legend(colours, closedForms, skipped, look.log()));
        final JFreeChart chart = Plots.chart(look.title(), combined);
        chart.addSubtitle(new TextTitle(look.band().description + (closedForms ? "; dashed: the closed form (docs/theory.md)" : "")));
        return chart;
    }

    private static ValueMarker marker(Reference r) {
        final ValueMarker m = new ValueMarker(r.value(), Color.DARK_GRAY, REFERENCE);
        m.setLabel(r.label());
        m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        return m;
    }

    /** Widens the shared axis' automatic range to show every reference line (markers do not count in it). */
    private static void includeReferences(ValueAxis y, Look look) {
        Range range = y.getRange();
        for (Reference r : look.references()) {
            range = Range.expandToInclude(range, r.value());
        }
        if (!range.equals(y.getRange())) {
            // A margin beyond the outermost line, as auto-ranging leaves beyond the data (a factor on a log axis).
            y.setRange(look.log() ? new Range(range.getLowerBound() / 1.2, range.getUpperBound() * 1.2)
                    : Range.expand(range, 0.05, 0.05));
        }
    }

    /** @return one entry per label in its colour, then the closed forms' dashes and the points left out, if any */
    private static LegendItemCollection legend(Map<String, Color> colours, boolean closedForms, int skipped, boolean log) {
        final List<LegendItem> items = new ArrayList<>();
        colours.forEach((label, colour) -> items.add(item(label, colour, LINE)));
        if (closedForms) {
            items.add(item("closed form", Color.DARK_GRAY, Plots.DASHED));
        }
        if (skipped > 0) {
            final LegendItem note = item(skipped + " points " + (log ? "not finite or <= 0" : "not finite") + ", not drawn", Color.DARK_GRAY, LINE);
            note.setLineVisible(false);
            items.add(note);
        }
        final LegendItemCollection legend = new LegendItemCollection();
        items.forEach(legend::add);
        return legend;
    }

    private static LegendItem item(String label, Color colour, BasicStroke stroke) {
        return new LegendItem(label, null, null, null, new Line2D.Double(-8, 0, 8, 0), stroke, colour);
    }
}
