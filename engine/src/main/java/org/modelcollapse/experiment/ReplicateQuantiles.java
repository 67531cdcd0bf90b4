package org.modelcollapse.experiment;

import com.tdunning.math.stats.TDigest;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Quantiles over replicates of every metric at a few hundred generations ({@link Checkpoints#band}):
 * what a plot draws as a median with a 5–95% band. Exact (type-7 quantiles of every replicate's value)
 * while R x generations x metrics fits {@link #BUDGET_VALUES} doubles; beyond, fewer generations, and
 * past a floor of {@link #MIN_GENERATIONS} besides the checkpoints, a t-digest per (generation, metric)
 * (T. Dunning and O. Ertl, "Computing extremely accurate quantiles using t-digests", 2019), fed block by
 * block in block order so that its result does not depend on the threads. The choice depends on R and
 * the run's length alone, never on the heap or the machine, so that a run's files do not either.
 *
 * <p>Replicates write their own slots: in the exact store directly, in the sketched one into their
 * block's buffer ({@link #blockBuffer}), which {@link #addBlock} empties into the digests.
 */
final class ReplicateQuantiles {
    /** Values kept exactly at most: 2^25 doubles, 256 MB. */
    static final long BUDGET_VALUES = 1L << 25;
    /** Band generations aimed for besides the checkpoints. */
    static final int TARGET_GENERATIONS = 400;
    /** Fewest band generations besides the checkpoints before the store switches to sketches. */
    static final int MIN_GENERATIONS = 60;
    /** The t-digest's compression: about 1% relative error near the median, far less in the tails. */
    static final double COMPRESSION = 200;

    private final int replicates;
    private final int metrics;
    private final int[] generations;
    private final double[] values;
    private final TDigest[] digests;
    /** Sketched: per (generation, metric) the values that were -infinity and +infinity (a digest holds finite values only). */
    private final long[] negativeInfinite;
    private final long[] positiveInfinite;

    private ReplicateQuantiles(int replicates, int metrics, int[] generations, boolean exact) {
        this.replicates = replicates;
        this.metrics = metrics;
        this.generations = generations;
        final int cells = generations.length * metrics;
        values = exact ? new double[Math.multiplyExact(replicates, cells)] : null;
        digests = exact ? null : new TDigest[cells];
        negativeInfinite = exact ? null : new long[cells];
        positiveInfinite = exact ? null : new long[cells];
        if (!exact) {
            for (int c = 0; c < cells; c++) {
                digests[c] = TDigest.createMergingDigest(COMPRESSION);
            }
        }
    }

    /**
     * @param last the run's last generation, the cap when until absorbed
     * @return the store for a run of these sizes
     */
    static ReplicateQuantiles of(int replicates, int metrics, int last, boolean untilAbsorbed) {
        final int checkpoints = Checkpoints.upTo(last).length;
        final long fitting = BUDGET_VALUES / ((long) replicates * metrics) - checkpoints;
        final boolean exact = fitting >= MIN_GENERATIONS;
        final int target = exact ? (int) Math.min(TARGET_GENERATIONS, fitting) : MIN_GENERATIONS;
        return new ReplicateQuantiles(replicates, metrics, Checkpoints.band(last, untilAbsorbed, target), exact);
    }

    /** Adds what {@link #of} would hold to {@code estimate}. */
    static void estimate(int replicates, int metrics, int last, boolean untilAbsorbed, MemoryEstimate estimate) {
        final int checkpoints = Checkpoints.upTo(last).length;
        final long fitting = BUDGET_VALUES / ((long) replicates * metrics) - checkpoints;
        if (fitting >= MIN_GENERATIONS) {
            estimate.add("replicates", 8.0 * replicates * metrics * (checkpoints + Math.min(TARGET_GENERATIONS, fitting) + 1));
        } else {
            // A digest holds about 2 x compression centroids of two doubles, plus its buffer.
            estimate.add("generations", (double) (checkpoints + MIN_GENERATIONS + 1) * metrics * 16 * 8 * COMPRESSION);
        }
    }

    /** @return true if every value is kept (else sketched) */
    boolean exact() {
        return values != null;
    }

    /** @return the generations kept, ascending */
    int[] generations() {
        return generations;
    }

    /** @return a block's buffer for its {@code count} replicates' values, when sketched (else null) */
    double[] blockBuffer(int count) {
        return exact() ? null : new double[count * generations.length * metrics];
    }

    /**
     * Records replicate r's metrics at the {@code slot}-th kept generation.
     *
     * @param buffer its block's buffer (sketched), unused when exact
     * @param indexInBlock r's index in its block
     */
    void record(int replicate, int slot, double[] x, double[] buffer, int indexInBlock) {
        if (values != null) {
            System.arraycopy(x, 0, values, (replicate * generations.length + slot) * metrics, metrics);
        } else {
            System.arraycopy(x, 0, buffer, (indexInBlock * generations.length + slot) * metrics, metrics);
        }
    }

    /** Sketched: adds a finished block's values; called in block order. */
    void addBlock(double[] buffer, int count) {
        if (values != null) {
            return;
        }
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < digests.length; c++) {
                final double v = buffer[i * digests.length + c];
                if (v == Double.NEGATIVE_INFINITY) {
                    negativeInfinite[c]++;
                } else if (v == Double.POSITIVE_INFINITY) {
                    positiveInfinite[c]++;
                } else if (!Double.isNaN(v)) {
                    digests[c].add(v);
                }
            }
        }
    }

    /**
     * @param slots the kept generations' indices to report
     * @param levels the quantile levels
     * @return [slot][metric][level], computed in parallel (each cell is independent, so the result is deterministic)
     */
    double[][][] quantiles(int[] slots, double[] levels) {
        final double[][][] q = new double[slots.length][metrics][];
        IntStream.range(0, slots.length * metrics).parallel().forEach(cell -> {
            final int s = slots[cell / metrics];
            final int k = cell % metrics;
            final double[] out = new double[levels.length];
            if (values != null) {
                final double[] column = new double[replicates];
                for (int i = 0; i < replicates; i++) {
                    column[i] = values[(i * generations.length + s) * metrics + k];
                }
                Arrays.sort(column);
                for (int l = 0; l < levels.length; l++) {
                    out[l] = ExperimentRunner.quantile(column, levels[l]);
                }
            } else {
                final int c = s * metrics + k;
                final double n = replicates;
                for (int l = 0; l < levels.length; l++) {
                    final double below = negativeInfinite[c] / n;
                    final double above = positiveInfinite[c] / n;
                    out[l] = levels[l] < below ? Double.NEGATIVE_INFINITY : levels[l] > 1 - above ? Double.POSITIVE_INFINITY
                            : digests[c].size() == 0 ? Double.NaN : digests[c].quantile((levels[l] - below) / (1 - below - above));
                }
            }
            q[cell / metrics][k] = out;
        });
        return q;
    }
}
