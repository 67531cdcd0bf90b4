package org.modelcollapse.cli.sweep;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.modelcollapse.cli.PlannedRun;
import org.modelcollapse.experiment.ExperimentResult;
import org.modelcollapse.experiment.GenerationStatistics;
import org.modelcollapse.experiment.ProgressListener;
import org.modelcollapse.experiment.ReplicateOutcome;

/**
 * A cell's tidy rows, made where the cell ran (serializable, for a Spark executor to send back):
 * per stored generation and metric the mean, standard error and quantiles; per replicate its outcome
 * and final metrics; or, for a failed cell, the failure's message.
 *
 * @param key the cell's key
 * @param error null if the cell ran, else why it failed
 * @param metrics metric names, in order
 * @param generations the stored generations
 * @param counts replicates averaged at each stored generation
 * @param values [generation][metric][mean, se, q05, q50, q95]; a quantile is NaN where none was kept
 * @param absorbedAt per replicate, -1 if never absorbed
 * @param absorbingState per replicate, -1 if none
 * @param lastGeneration per replicate
 * @param finals [replicate][metric]
 * @param wallSeconds the cell's wall time
 * @param cpuSeconds its worker threads' CPU time
 * @param replicateGenerations generation steps computed
 * @param threads worker threads used
 */
public record CellResult(String key, String error, List<String> metrics, int[] generations, long[] counts, double[][][] values,
                         int[] absorbedAt, int[] absorbingState, int[] lastGeneration, double[][] finals,
                         double wallSeconds, double cpuSeconds, long replicateGenerations, int threads) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Runs one cell.
     *
     * @param family the sweep's family
     * @param threads worker threads for its replicates (the results do not depend on them)
     * @param everyGeneration true to keep every generation's row, false for the quantile band's
     * @return the cell's rows, or its failure (a cell never throws: its failure is a row)
     */
    public static CellResult run(String family, Cell cell, int threads, boolean everyGeneration, ProgressListener progress) {
        try {
            final List<String> args = new java.util.ArrayList<>(cell.args());
            args.addAll(List.of("--threads", Integer.toString(threads)));
            return of(cell.key(), PlannedRun.of(family, args).run(progress), everyGeneration);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            return failed(cell.key(), e);
        }
    }

    static CellResult failed(String key, Throwable e) {
        final StringBuilder message = new StringBuilder(e.toString());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            message.append("; caused by ").append(c);
        }
        return new CellResult(key, message.toString(), List.of(), new int[0], new long[0], new double[0][][], new int[0], new int[0], new int[0],
                new double[0][], 0, 0, 0, 0);
    }

    static CellResult of(String key, ExperimentResult r, boolean everyGeneration) {
        final int m = r.metricNames().size();
        final int[] band = r.bandGenerations();
        final int[] gens = everyGeneration ? java.util.stream.IntStream.rangeClosed(0, r.lastGeneration()).toArray() : band;
        final GenerationStatistics s = r.statistics();
        final long[] counts = new long[gens.length];
        final double[][][] values = new double[gens.length][m][5];
        for (int i = 0; i < gens.length; i++) {
            final int g = gens[i];
            counts[i] = s.count(g);
            final int b = Arrays.binarySearch(band, g);
            for (int k = 0; k < m; k++) {
                final double[] v = values[i][k];
                v[0] = s.mean(g, k);
                v[1] = s.standardError(g, k);
                for (int q = 0; q < 3; q++) {
                    v[2 + q] = b >= 0 ? r.bandQuantiles()[b][k][q] : Double.NaN;
                }
            }
        }
        final int n = r.outcomes().size();
        final int[] absorbedAt = new int[n];
        final int[] state = new int[n];
        final int[] last = new int[n];
        final double[][] finals = new double[n][];
        for (int i = 0; i < n; i++) {
            final ReplicateOutcome o = r.outcomes().get(i);
            absorbedAt[i] = o.absorbedAt();
            state[i] = o.absorbingState();
            last[i] = o.lastGeneration();
            finals[i] = o.finalMetrics().clone();
        }
        return new CellResult(key, null, List.copyOf(r.metricNames()), gens, counts, values, absorbedAt, state, last, finals,
                r.wallNanos() / 1e9, r.cpuNanos() / 1e9, r.replicateGenerations(), r.threads());
    }
}
