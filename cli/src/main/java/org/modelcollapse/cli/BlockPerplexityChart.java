package org.modelcollapse.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The paper's Fig. 1b for an n-gram run: the density of the per-block perplexity, under generation 0's model,
 * of the text each generation's model was fitted on, one line per generation, on a log10 perplexity axis
 * ({@link LmSamples} counts them in bins of {@link LmSamples#BIN}).
 */
final class BlockPerplexityChart {
    /** The generations the paper's figure shows, in its numbering (0 = the model trained on the original text). */
    static final List<Integer> PAPER_GENERATIONS = List.of(0, 1, 2, 3, 5, 9);
    private static final Color[] COLOURS = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75)};

    private BlockPerplexityChart() {}

    /**
     * @param histograms per generation (ours), the block count of each bin index (bin b covers log10 perplexity [b BIN, (b + 1) BIN))
     * @param title the chart's title
     */
    static void draw(Path png, Map<Integer, SortedMap<Integer, Integer>> histograms, String title) throws IOException {
        final XYSeriesCollection data = new XYSeriesCollection();
        for (int paper : PAPER_GENERATIONS) {
            final SortedMap<Integer, Integer> bins = histograms.get(paper + 1);
            if (bins == null) {
                continue;
            }
            final double total = bins.values().stream().mapToInt(Integer::intValue).sum();
            final XYSeries s = new XYSeries("generation " + paper + " (ours " + (paper + 1) + ")");
            for (int b = bins.firstKey() - 1; b <= bins.lastKey() + 1; b++) {
                s.add((b + 0.5) * LmSamples.BIN, bins.getOrDefault(b, 0) / total / LmSamples.BIN);
            }
            data.addSeries(s);
        }
        final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, COLOURS[i % COLOURS.length]);
            renderer.setSeriesStroke(i, new BasicStroke(1.6f));
        }
        final NumberAxis x = new NumberAxis("log10 perplexity of a block under generation 0's model");
        final NumberAxis y = new NumberAxis("density");
        final XYPlot plot = new XYPlot(data, x, y, renderer);
        Plots.surface(plot);
        ChartUtils.saveChartAsPNG(png.toFile(), Plots.chart(title, plot), Plots.WIDTH, Plots.HEIGHT);
    }
}
