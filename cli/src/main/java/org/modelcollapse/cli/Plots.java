package org.modelcollapse.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.modelcollapse.experiment.ExperimentResult;
import org.modelcollapse.experiment.GenerationStatistics;

/**
 * PNG plots of a metric's mean against generation with a band of +-2 standard errors, and where one
 * exists the closed-form expectation as a dashed line (JFreeChart).
 */
final class Plots {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 540;

    private Plots() {}

    /**
     * @param metric the metric's name in {@code r}
     * @param label the axis label
     * @param expected the closed-form expectation at generation n, or null if there is none
     */
    static void meanWithBand(Path file, ExperimentResult r, String metric, String label, String title,
                             java.util.function.IntToDoubleFunction expected) throws IOException {
        final int k = r.metricNames().indexOf(metric);
        final GenerationStatistics s = r.statistics();
        int skipped = 0;
        final java.util.List<double[]> points = new java.util.ArrayList<>();
        for (int g = 0; g <= r.lastGeneration(); g++) {
            final double mean = s.mean(g, k);
            if (!Double.isFinite(mean)) {
                skipped++; // -infinity (ln det of a singular covariance) or NaN: no point to draw
                continue;
            }
            final double se = s.standardError(g, k);
            final double band = Double.isFinite(se) ? 2 * se : 0;
            points.add(new double[] {g, mean, mean - band, mean + band});
        }
        final YIntervalSeries series = new YIntervalSeries(skipped == 0 ? "mean ± 2 SE"
                : "mean ± 2 SE (" + skipped + " of " + (r.lastGeneration() + 1) + " generations not finite, not drawn)");
        for (double[] p : points) {
            series.add(p[0], p[1], p[2], p[3]);
        }
        final YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        data.addSeries(series);
        if (expected != null) {
            final YIntervalSeries theory = new YIntervalSeries("closed form");
            for (int g = 0; g <= r.lastGeneration(); g++) {
                final double e = expected.applyAsDouble(g);
                if (Double.isFinite(e)) {
                    theory.add(g, e, e, e);
                }
            }
            data.addSeries(theory);
        }
        final DeviationRenderer renderer = new DeviationRenderer(true, false);
        renderer.setSeriesPaint(0, new Color(31, 119, 180));
        renderer.setSeriesFillPaint(0, new Color(31, 119, 180));
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setAlpha(0.25f);
        renderer.setSeriesPaint(1, new Color(214, 39, 40));
        renderer.setSeriesFillPaint(1, new Color(214, 39, 40));
        renderer.setSeriesStroke(1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        final NumberAxis x = new NumberAxis("generation");
        final NumberAxis y = new NumberAxis(label);
        y.setAutoRangeIncludesZero(false);
        final XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        final JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }
}
