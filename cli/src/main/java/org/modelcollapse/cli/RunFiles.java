package org.modelcollapse.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;

/**
 * A run's results as its files hold them: the manifest's parameters, summary.csv (mean and standard
 * error per generation) and quantiles.csv (the band). The plots are drawn from this, both at the end of
 * a run and by {@code collapse plot}, so that a redrawn plot is the one the run drew.
 *
 * @param parameters the manifest's "parameters" (model, sizes, regime, ...)
 * @param metrics the metric names, in summary.csv's order
 * @param mean [generation][metric]
 * @param se [generation][metric]
 * @param band the band's generations
 * @param quantiles [band generation][metric][0.05, 0.5, 0.95]
 */
record RunFiles(Map<String, Object> parameters, List<String> metrics, double[][] mean, double[][] se, int[] band, double[][][] quantiles) {
    /** @return the last generation */
    int last() {
        return mean.length - 1;
    }

    /** @return the model's name ("discrete", "gaussian") */
    String model() {
        return String.valueOf(parameters.get("model"));
    }

    /**
     * @param dir a run folder, or a run's staging folder (with {@code parameters} given, no manifest needed)
     * @param parameters the run's parameters, or null to read them from dir's manifest.json
     */
    @SuppressWarnings("unchecked")
    static RunFiles read(Path dir, Map<String, Object> parameters) throws IOException {
        final Map<String, Object> params;
        if (parameters != null) {
            params = parameters;
        } else {
            final Map<String, Object> manifest = JSON.std.mapFrom(Files.readString(dir.resolve(OutputDirectory.MANIFEST)));
            params = (Map<String, Object>) manifest.get("parameters");
        }
        final List<String> metrics = new ArrayList<>();
        final List<double[]> means = new ArrayList<>();
        final List<double[]> ses = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(dir.resolve(ResultFiles.SUMMARY));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            for (String h : csv.getHeaderNames()) {
                if (h.endsWith("_mean")) {
                    metrics.add(h.substring(0, h.length() - "_mean".length()));
                }
            }
            for (CSVRecord row : csv) {
                final double[] m = new double[metrics.size()];
                final double[] s = new double[metrics.size()];
                for (int k = 0; k < metrics.size(); k++) {
                    m[k] = Double.parseDouble(row.get(metrics.get(k) + "_mean"));
                    s[k] = Double.parseDouble(row.get(metrics.get(k) + "_se"));
                }
                means.add(m);
                ses.add(s);
            }
        }
        final Map<Integer, double[][]> rows = new LinkedHashMap<>();
        try (Reader r = Files.newBufferedReader(dir.resolve(ResultFiles.QUANTILES));
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            for (CSVRecord row : csv) {
                final int g = Integer.parseInt(row.get("generation"));
                final int k = metrics.indexOf(row.get("metric"));
                rows.computeIfAbsent(g, x -> new double[metrics.size()][])[k] =
                        new double[] {Double.parseDouble(row.get("q5")), Double.parseDouble(row.get("q50")), Double.parseDouble(row.get("q95"))};
            }
        }
        final int[] band = rows.keySet().stream().mapToInt(Integer::intValue).toArray();
        return new RunFiles(params, List.copyOf(metrics), means.toArray(double[][]::new), ses.toArray(double[][]::new), band,
                rows.values().toArray(double[][][]::new));
    }

    /**
     * @param k the metric's index in {@link #metrics()}
     * @return the mean over replicates at every generation, with a band of 2 standard errors (none where the standard error is not finite)
     */
    Curve meanCurve(int k) {
        final double[] x = new double[mean.length];
        final double[] y = new double[mean.length];
        final double[] lo = new double[mean.length];
        final double[] hi = new double[mean.length];
        for (int g = 0; g < mean.length; g++) {
            final double band = Double.isFinite(se[g][k]) ? 2 * se[g][k] : 0;
            x[g] = g;
            y[g] = mean[g][k];
            lo[g] = y[g] - band;
            hi[g] = y[g] + band;
        }
        return new Curve(x, y, lo, hi);
    }

    /**
     * @param k the metric's index in {@link #metrics()}
     * @return the median over replicates at the band's generations (quantiles.csv), with its 5–95% band
     */
    Curve medianCurve(int k) {
        final double[] x = new double[band.length];
        final double[] y = new double[band.length];
        final double[] lo = new double[band.length];
        final double[] hi = new double[band.length];
        for (int i = 0; i < band.length; i++) {
            final double[] q = quantiles[i][k];
            x[i] = band[i];
            lo[i] = q[0];
            y[i] = q[1];
            hi[i] = q[2];
        }
        return new Curve(x, y, lo, hi);
    }

    /** @return a number parameter (the manifest stores numbers as JSON numbers) */
    double number(String name) {
        return ((Number) parameters.get(name)).doubleValue();
    }

    /** @return the run's sample-size schedule, from its parameters */
    SampleSizeSchedule schedule() {
        final int m = (int) number("samples");
        final double rate = number("schedule_rate");
        return switch (text("schedule_kind")) {
            case "linear" -> SampleSizeSchedule.linear(m, rate);
            case "power" -> SampleSizeSchedule.power(m, rate);
            default -> SampleSizeSchedule.constant(m);
        };
    }

    /** @return the run's regime, from its parameters */
    Regime regime() {
        return switch (text("regime")) {
            case "mix" -> Regime.mix(number("alpha"), number("beta"), number("gamma"));
            case "accumulate" -> Regime.accumulate();
            case "accumulate-subsample" -> Regime.accumulateSubsample();
            default -> Regime.replace();
        };
    }

    /** @return a text parameter, or null */
    String text(String name) {
        final Object v = parameters.get(name);
        return v == null ? null : v.toString();
    }
}
