package org.modelcollapse.cli;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** PNG scatter plots of points in the plane (JFreeChart), on given axis ranges so that several snapshots compare at a glance. */
final class ScatterPlots {
    private static final int SIZE = 560;

    private ScatterPlots() {}

    /**
     * Draws the first two coordinates of n points (rows of d values) into {@code file}, written to a
     * temporary file and moved into place.
     *
     * @param range the axes' common range, [low, high]
     */
    static void draw(Path file, String title, double[] points, int n, int d, double[] range) throws IOException {
        final XYSeries series = new XYSeries("points", false, true);
        for (int i = 0; i < n; i++) {
            series.add(points[i * d], points[i * d + 1]);
        }
        final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesShape(0, new Ellipse2D.Double(-1.5, -1.5, 3, 3));
        renderer.setSeriesPaint(0, new Color(31, 119, 180, 140));
        final NumberAxis x = new NumberAxis("x1");
        final NumberAxis y = new NumberAxis("x2");
        x.setRange(range[0], range[1]);
        y.setRange(range[0], range[1]);
        final XYPlot plot = new XYPlot(new XYSeriesCollection(series), x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        final JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT.deriveFont(13f), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(4, 4, 4, 12));
        final Path partial = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".partial");
        try {
            ChartUtils.saveChartAsPNG(partial.toFile(), chart, SIZE, SIZE);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
