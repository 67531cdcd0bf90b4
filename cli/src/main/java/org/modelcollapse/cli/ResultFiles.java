package org.modelcollapse.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.modelcollapse.experiment.ExperimentResult;
import org.modelcollapse.experiment.GenerationStatistics;
import org.modelcollapse.experiment.ReplicateOutcome;

/**
 * Writes an experiment's CSV files and its JSON manifest, the files {@code collapse} writes; public so
 * that a Java program that runs {@link org.modelcollapse.experiment.ExperimentRunner} itself can write
 * the same files. Numbers are written with full precision ({@link Double#toString}: infinities as
 * "Infinity" and "-Infinity", undefined values as "NaN").
 */
public final class ResultFiles {
    /** Per generation: mean and standard error of every metric. */
    public static final String SUMMARY = "summary.csv";
    /** Quantiles over replicates at the checkpoint generations. */
    public static final String CHECKPOINTS = "checkpoints.csv";
    /** Per replicate: absorption and final metrics. */
    public static final String REPLICATES = "replicates.csv";
    /** Quantiles over replicates at the band generations. */
    public static final String QUANTILES = "quantiles.csv";

    private ResultFiles() {}

    /**
     * summary.csv: one row per generation, mean and standard error of every metric. A mean over values
     * of which some are infinite is that infinity (NaN if both signs occur) and its standard error NaN.
     */
    public static void summary(Path file, ExperimentResult r) throws IOException {
        final List<String> header = new ArrayList<>(List.of("generation", "replicates"));
        for (String m : r.metricNames()) {
            header.add(m + "_mean");
            header.add(m + "_se");
        }
        final GenerationStatistics s = r.statistics();
        final int metrics = r.metricNames().size();
        // The header through the CSV printer; the rows, numbers only (never quoted), written directly in
        // its format (comma, CRLF), byte for byte the same: a run of 10^6 generations (156 MB) took
        // 3 s less than through the printer, whose per-value boxing and quote checks cost that much.
        try (Writer w = Files.newBufferedWriter(file, java.nio.charset.StandardCharsets.UTF_8)) {
            CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get().print(w).flush();
            final StringBuilder row = new StringBuilder(32 * (2 + 2 * metrics));
            for (int g = 0; g <= r.lastGeneration(); g++) {
                row.setLength(0);
                row.append(g).append(',').append(s.count(g));
                for (int k = 0; k < metrics; k++) {
                    row.append(',').append(s.mean(g, k)).append(',').append(s.standardError(g, k));
                }
                w.append(row).append("\r\n");
            }
        }
    }

    /** checkpoints.csv: quantiles over replicates at log-spaced generations, one row per (generation, metric). */
    public static void checkpoints(Path file, ExperimentResult r) throws IOException {
        quantileTable(file, r, r.checkpointGenerations(), r.quantiles());
    }

    /**
     * quantiles.csv: the same quantiles at a few hundred generations (evenly and log-spaced, and the
     * checkpoints), the band the plots draw.
     */
    public static void quantiles(Path file, ExperimentResult r) throws IOException {
        quantileTable(file, r, r.bandGenerations(), r.bandQuantiles());
    }

    private static void quantileTable(Path file, ExperimentResult r, int[] generations, double[][][] quantiles) throws IOException {
        final List<String> header = new ArrayList<>(List.of("generation", "metric"));
        for (double level : r.quantileLevels()) {
            header.add("q" + Math.round(level * 100));
        }
        try (Writer w = Files.newBufferedWriter(file);
             CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get().print(w)) {
            for (int c = 0; c < generations.length; c++) {
                for (int k = 0; k < r.metricNames().size(); k++) {
                    final List<Object> row = new ArrayList<>(List.of(generations[c], r.metricNames().get(k)));
                    for (double q : quantiles[c][k]) {
                        row.add(q);
                    }
                    csv.printRecord(row);
                }
            }
        }
    }

    /** replicates.csv: one row per replicate: absorption and final metrics. */
    public static void replicates(Path file, ExperimentResult r) throws IOException {
        final List<String> header = new ArrayList<>(List.of("replicate", "absorbed_at", "absorbing_state", "last_generation"));
        for (String m : r.metricNames()) {
            header.add("final_" + m);
        }
        try (Writer w = Files.newBufferedWriter(file);
             CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get().print(w)) {
            final List<Object> row = new ArrayList<>();
            for (ReplicateOutcome o : r.outcomes()) {
                row.clear();
                row.add(o.replicate());
                row.add(o.absorbedAt() >= 0 ? o.absorbedAt() : "");
                row.add(o.absorbingState() >= 0 ? o.absorbingState() : "");
                row.add(o.lastGeneration());
                for (double v : o.finalMetrics()) {
                    row.add(v);
                }
                csv.printRecord(row);
            }
        }
    }

    /** manifest.json, pretty-printed. */
    public static void manifest(Path file, Map<String, Object> manifest) throws IOException {
        Files.writeString(file, JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(manifest) + "\n");
    }
}
