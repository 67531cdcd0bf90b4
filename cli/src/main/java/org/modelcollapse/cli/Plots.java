package org.modelcollapse.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.DoubleStream;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * PNG plots of a run's metrics against generation (JFreeChart), drawn from its files ({@link RunFiles}):
 * the median over replicates with its 5–95% band, the mean with a band of 2 standard errors, and the
 * closed-form expectation as a dashed line where docs/theory.md has one. Values that are not finite
 * (ln det of a singular covariance) are left out, and the legend says how many; the y axis is
 * logarithmic where the values span more than two decades (or as asked), leaving out values &lt;= 0.
 */
final class Plots {
    static final int WIDTH = 900;
    static final int HEIGHT = 540;
    /** The closed forms' line: dashed. */
    static final BasicStroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
    /** Ratio of largest to smallest positive value above which the automatic y axis is logarithmic. */
    static final double LOG_SPAN = 100;

    /** The y axis: chosen from the data, or forced. */
    enum Scale { AUTO, LOG, LINEAR }

    /** A metric's plot: its axis label and title. */
    record Metric(String name, String label, String title) {}

    /** @return the plots a run of the model draws by default (none for a model this build does not know) */
    static List<Metric> defaults(String model) {
        final FamilyCli family = Families.named(model);
        return family == null ? List.of() : family.plots();
    }

    /** @return the default plot of {@code name}, or a plain one for any other metric */
    static Metric metric(String model, String name) {
        return defaults(model).stream().filter(m -> m.name().equals(name)).findFirst().orElse(new Metric(name, name, name));
    }

    private Plots() {}

    /**
     * Draws one PNG per metric into {@code dir} ({@code NAME.png}), each written to a temporary file and
     * moved into place.
     *
     * @return the files written
     */
    static List<String> draw(Path dir, RunFiles run, List<Metric> metrics, Scale scale) throws IOException {
        // One plot per core at a time: rendering and PNG encoding take most of a small run's time.
        final int threads = Math.max(1, Math.min(metrics.size(), Runtime.getRuntime().availableProcessors()));
        final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            final Thread t = new Thread(r, "collapse-plot");
            t.setDaemon(true);
            return t;
        });
        try {
            final List<java.util.concurrent.Future<String>> drawn = new ArrayList<>();
            for (Metric m : metrics) {
                // The chart is built on this thread (it checks the metric: bad input surfaces here, before any file).
                final JFreeChart chart = chart(run, m, scale);
                drawn.add(pool.submit(() -> {
                    final Path file = dir.resolve(m.name() + ".png");
                    final Path partial = dir.resolve("." + m.name() + ".png.partial");
                    ChartUtils.saveChartAsPNG(partial.toFile(), chart, WIDTH, HEIGHT);
                    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    return file.getFileName().toString();
                }));
            }
            final List<String> written = new ArrayList<>();
            for (java.util.concurrent.Future<String> f : drawn) {
                written.add(f.get());
            }
            return written;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while drawing the plots", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException("a plot could not be drawn: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static JFreeChart chart(RunFiles run, Metric metric, Scale scale) {
        final int k = run.metrics().indexOf(metric.name());
        if (k < 0) {
            throw new BadInputException("--metric", metric.name(), "is not a metric of this run; it has " + String.join(", ", run.metrics()));
        }
        final double[] theory = closedForm(run, metric.name());
        final Curve medians = run.medianCurve(k);
        final Curve means = run.meanCurve(k);
        final boolean log = scale == Scale.LOG || scale == Scale.AUTO && spansDecades(DoubleStream.concat(
                Arrays.stream(means.centre()), Arrays.stream(medians.centre())));
        final YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        data.addSeries(new Series("median, 5-95% of replicates", log).add(medians).series());
        data.addSeries(new Series("mean ± 2 SE", log).add(means).series());
        if (theory != null) {
            data.addSeries(new Series("closed form (docs/theory.md)", log).add(Curve.line(means.generation(), theory)).series());
        }
        final DeviationRenderer renderer = renderer();
        style(renderer, 0, new Color(31, 119, 180), new BasicStroke(2f));
        style(renderer, 1, new Color(255, 127, 14), new BasicStroke(1.2f));
        style(renderer, 2, new Color(214, 39, 40), DASHED);
        final NumberAxis x = generationAxis("generation");
        final ValueAxis y = valueAxis(metric.label(), log);
        final XYPlot plot = new XYPlot(data, x, y, renderer);
        surface(plot);
        return chart(metric.title() + " — " + describe(run), plot);
    }

    /** @return a chart of the house style around {@code plot}: white, its title in 14 pt, a legend */
    static JFreeChart chart(String title, XYPlot plot) {
        final JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT.deriveFont(14f), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(4, 4, 4, 16));
        return chart;
    }

    /** @return a renderer of lines with translucent bands around them */
    static DeviationRenderer renderer() {
        final DeviationRenderer renderer = new DeviationRenderer(true, false);
        renderer.setAlpha(0.2f);
        return renderer;
    }

    /** Sets a series' line and band colour and its stroke. */
    static void style(DeviationRenderer r, int series, Color color, BasicStroke stroke) {
        r.setSeriesPaint(series, color);
        r.setSeriesFillPaint(series, color);
        r.setSeriesStroke(series, stroke);
    }

    /** @return the x axis, generations, with room for the last tick's label */
    static NumberAxis generationAxis(String label) {
        final NumberAxis x = new NumberAxis(label);
        x.setUpperMargin(0.03);
        x.setLowerMargin(0.01);
        return x;
    }

    /** @return the y axis: logarithmic in whole powers of ten (its label says so), or linear without forcing zero in */
    static ValueAxis valueAxis(String label, boolean log) {
        if (log) {
            final LogAxis axis = new LogAxis(label + " (log scale)");
            axis.setSmallestValue(1e-300);
            axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            return axis;
        }
        final NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    /** A plot's background and grid lines. */
    static void surface(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    }

    /** @return true if the finite, positive values span more than {@link #LOG_SPAN} and none is negative */
    static boolean spansDecades(DoubleStream values) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double v : (Iterable<Double>) values::iterator) {
            if (v < 0) {
                return false;
            }
            if (v > 0 && Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return max > 0 && max / min > LOG_SPAN;
    }

    /** The title's key parameters: "discrete: K=1000, M=1000, replace, R=100". */
    static String describe(RunFiles run) {
        final StringBuilder s = new StringBuilder(run.model()).append(": ");
        final FamilyCli family = Families.named(run.model());
        if (family != null) {
            s.append(family.size(run));
        }
        s.append(", M=").append(run.parameters().get("samples"));
        if (!"constant".equals(run.text("schedule_kind"))) {
            s.append(" ").append(run.text("schedule"));
        }
        final String regime = run.text("regime");
        s.append(", ").append(regime);
        if ("mix".equals(regime)) {
            s.append(String.format(Locale.ROOT, " (%.3g/%.3g/%.3g)", run.number("alpha"), run.number("beta"), run.number("gamma")));
        }
        if (run.parameters().get("smoothing") instanceof Number k && k.doubleValue() > 0) {
            s.append(", add-").append(k);
        }
        if (run.parameters().get("estimator") != null && !"unbiased".equals(run.text("estimator"))) {
            s.append(", ").append(run.text("estimator"));
        }
        return s.append(", R=").append(run.parameters().get("replicates")).toString();
    }

    /** @return the closed-form curve of the metric for the run's settings, or null */
    static double[] closedForm(RunFiles run, String metric) {
        final FamilyCli family = Families.named(run.model());
        return family == null ? null : family.closedForm(run, metric);
    }

    /** A series of (x, y, low, high) with the points that cannot be drawn counted and named in its legend. */
    static final class Series {
        private final String name;
        private final boolean log;
        private final List<double[]> points = new ArrayList<>();
        private int skipped;
        private int total;

        Series(String name, boolean log) {
            this.name = name;
            this.log = log;
        }

        /** @return this series with the curve's points added */
        Series add(Curve c) {
            for (int i = 0; i < c.size(); i++) {
                add(c.generation()[i], c.centre()[i], c.low()[i], c.high()[i]);
            }
            return this;
        }

        /** @return the points left out so far: not finite, or not positive on a log axis */
        int skipped() {
            return skipped;
        }

        private void add(double x, double y, double low, double high) {
            total++;
            if (!Double.isFinite(y) || log && y <= 0) {
                skipped++;
                return;
            }
            final double lo = Double.isFinite(low) ? low : y;
            final double hi = Double.isFinite(high) ? high : y;
            // On a log axis a band reaching 0 or below is drawn down to a tenth of its centre.
            points.add(new double[] {x, y, log && lo <= 0 ? y / 10 : lo, hi});
        }

        YIntervalSeries series() {
            final String what = log ? "not finite or <= 0" : "not finite";
            final YIntervalSeries s = new YIntervalSeries(skipped == 0 ? name : name + " (" + skipped + " of " + total + " " + what + ", not drawn)");
            for (double[] p : points) {
                s.add(p[0], p[1], p[2], p[3]);
            }
            return s;
        }
    }
}
