package org.modelcollapse.experiment;

import com.tdunning.math.stats.TDigest;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Quantiles over replicates of every metric at about 200 generations ({@link Checkpoints#band}):
 * what a plot draws as a median with a 5–95% band. Exact (type-7 quantiles of every replicate's value)
 * while R x generations x metrics fits {@link #BUDGET_VALUES} doubles; beyond, fewer generations, and
 * past a floor of {@link #MIN_GENERATIONS} besides the checkpoints, a t-digest per (generation, metric)
 * (T. Dunning and O. Ertl, "Computing extremely accurate quantiles using t-digests", 2019), fed block by
 * block in block order so that its result does not depend on the threads. The choice depends on R and
 * the run's length alone, never on the heap or the machine, so that a run's files do not either.
 *
 * <p>Replicates write their values while they run into their block's buffer ({@link #blockBuffer}), one
 * replicate's values side by side (a write per kept generation into memory of its own, where a write
 * into per-generation arrays missed the cache and slowed a K = 10 run by a quarter). When the block
 * ends, the exact store copies them into per-generation arrays ({@link #flush}: a quantile then reads
 * one metric with a stride of a cache line), and the sketched one adds them to the digests in block
 * order ({@link #addBlock}). A replicate that ends early (absorbed) writes nothing more: its later
 * slots are its final metrics ({@link #end}).
 */
final class ReplicateQuantiles {
    /** Values kept exactly at most: 2^25 doubles, 256 MB. */
    static final long BUDGET_VALUES = 1L << 25;
    /** Band generations aimed for besides the checkpoints. */
    static final int TARGET_GENERATIONS = 200;
    /**
     * Fewest band generations besides the checkpoints before the store switches to sketches: exact
     * values at fewer generations cost far less than sketches at more (a t-digest addition takes some
     * 150 ns, a kept value a copy; K = 10, M = 100, 10^5 replicates until absorbed: a 10.4 s run sketched at 60, 5.7 s exact at 22).
     */
    static final int MIN_GENERATIONS = 20;
    /** The t-digest's compression: about 1% relative error near the median, far less in the tails. */
    static final double COMPRESSION = 200;

    private final int replicates;
    private final int metrics;
    private final int[] generations;
    /**
     * Exact: per kept generation, every replicate's metrics ([replicate][metric]: a replicate writes one
     * run of values, a quantile reads one metric with a stride of a cache line), made when the first
     * replicate reaches that generation (a run until absorbed reaches few of the cap's); else null.
     */
    private final java.util.concurrent.atomic.AtomicReferenceArray<double[]> values;
    private final TDigest[] digests;
    /**
     * Sketched: per (generation, metric) the values that were -infinity, +infinity and NaN (a digest
     * holds finite values only). They rank as in the exact store, by {@link Double#compare}: -infinity
     * first, then the finite values, +infinity, NaN.
     */
    private final long[] negativeInfinite;
    private final long[] positiveInfinite;
    private final long[] notANumber;
    /** Per replicate, the first slot it did not write (its final metrics stand for every later one). */
    private final int[] ends;
    /** Per replicate its final metrics, flat ([replicate][metric]): read for every slot past its end. */
    private final double[] finals;

    private ReplicateQuantiles(int replicates, int metrics, int[] generations, boolean exact) {
        this.replicates = replicates;
        this.metrics = metrics;
        this.generations = generations;
        final int cells = generations.length * metrics;
        values = exact ? new java.util.concurrent.atomic.AtomicReferenceArray<>(generations.length) : null;
        digests = exact ? null : new TDigest[cells];
        negativeInfinite = exact ? null : new long[cells];
        positiveInfinite = exact ? null : new long[cells];
        notANumber = exact ? null : new long[cells];
        ends = new int[replicates];
        finals = new double[Math.multiplyExact(replicates, metrics)];
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

    /**
     * @param previous the worker's previous block's buffer, or null
     * @return a buffer for a block of at most {@link ExperimentSettings#blockSize()} replicates: exact, the
     *     worker's own, reused (its block is flushed before the next begins); sketched, a new one (its
     *     block waits for the in-order merge)
     */
    double[] blockBuffer(double[] previous) {
        return exact() && previous != null ? previous : new double[ExperimentSettings.blockSize(replicates) * generations.length * metrics];
    }

    /** Records a replicate's metrics at the {@code slot}-th kept generation, into its block's buffer. */
    void record(int slot, double[] x, double[] buffer, int indexInBlock) {
        System.arraycopy(x, 0, buffer, (indexInBlock * generations.length + slot) * metrics, metrics);
    }

    /** Exact: copies a finished block's values into the per-generation arrays (its replicates' own slots: no lock). */
    void flush(double[] buffer, int first, int count) {
        if (values == null) {
            return;
        }
        int slots = 0;
        for (int i = 0; i < count; i++) {
            slots = Math.max(slots, ends[first + i]);
        }
        for (int s = 0; s < slots; s++) {
            final double[] to = slotValues(s);
            for (int i = 0; i < count; i++) {
                if (s < ends[first + i]) {
                    System.arraycopy(buffer, (i * generations.length + s) * metrics, to, (first + i) * metrics, metrics);
                }
            }
        }
    }

    /** @return the kept generation's array, made by the first replicate to reach it */
    private double[] slotValues(int slot) {
        double[] a = values.get(slot);
        if (a == null) {
            synchronized (this) {
                a = values.get(slot);
                if (a == null) {
                    a = new double[replicates * metrics];
                    values.set(slot, a);
                }
            }
        }
        return a;
    }

    /** Records that replicate r wrote slots below {@code endSlot} only, and its final metrics. */
    void end(int replicate, int endSlot, double[] finalMetrics) {
        ends[replicate] = endSlot;
        System.arraycopy(finalMetrics, 0, finals, replicate * metrics, metrics);
    }

    /**
     * Sketched: adds a finished block's values, up to each replicate's end (its final metrics join the
     * later slots once, in {@link #quantiles}); called in block order.
     *
     * @param first the block's first replicate
     */
    void addBlock(double[] buffer, int first, int count) {
        if (values != null) {
            return;
        }
        for (int i = 0; i < count; i++) {
            final int endCell = Math.min(digests.length, ends[first + i] * metrics);
            for (int c = 0; c < endCell; c++) {
                add(buffer[i * digests.length + c], digests[c], c, negativeInfinite, positiveInfinite, notANumber);
            }
        }
    }

    /** Adds v to a digest, or counts it at {@code counter} if it is infinite or NaN (a digest holds finite values only). */
    private static void add(double v, TDigest digest, int counter, long[] negative, long[] positive, long[] nan) {
        if (v == Double.NEGATIVE_INFINITY) {
            negative[counter]++;
        } else if (v == Double.POSITIVE_INFINITY) {
            positive[counter]++;
        } else if (Double.isNaN(v)) {
            nan[counter]++;
        } else {
            digest.add(v);
        }
    }

    /**
     * Sketched: per reported slot and metric, the digest of the replicates' values there: the live ones
     * ({@link #addBlock}) merged with the final metrics of every replicate that ended before the slot.
     * Those are added once each, to one running digest per metric, in slot order and then replicate
     * order: an absorbed replicate costs one addition, not one per later slot (a run of 10^5 replicates
     * until absorbed spent 15 s on the additions per slot), and the order, hence the result, is fixed.
     * The counts of infinite and NaN values are merged likewise.
     *
     * @return [reported slot index][metric]; the counters in {@code counts} [3][slot index * metrics + metric]
     */
    private TDigest[][] sketches(int[] slots, long[][] counts) {
        final int[] firstByEnd = new int[generations.length + 2];
        for (int r = 0; r < replicates; r++) {
            firstByEnd[Math.min(ends[r], generations.length) + 1]++;
        }
        for (int e = 1; e < firstByEnd.length; e++) {
            firstByEnd[e] += firstByEnd[e - 1];
        }
        final int[] byEnd = new int[replicates];
        final int[] fill = firstByEnd.clone();
        for (int r = 0; r < replicates; r++) {
            byEnd[fill[Math.min(ends[r], generations.length)]++] = r;
        }
        final TDigest[] ended = new TDigest[metrics];
        final long[] negative = new long[metrics];
        final long[] positive = new long[metrics];
        final long[] nan = new long[metrics];
        for (int k = 0; k < metrics; k++) {
            ended[k] = TDigest.createMergingDigest(COMPRESSION);
        }
        final TDigest[][] out = new TDigest[slots.length][metrics];
        int next = 0;
        for (int s = 0; s < generations.length && next < slots.length; s++) {
            // Replicates whose end is s have their final metrics at slot s and after.
            for (int at = firstByEnd[s]; at < firstByEnd[s + 1]; at++) {
                final int r = byEnd[at];
                for (int k = 0; k < metrics; k++) {
                    add(finals[r * metrics + k], ended[k], k, negative, positive, nan);
                }
            }
            while (next < slots.length && slots[next] == s) {
                for (int k = 0; k < metrics; k++) {
                    final int c = s * metrics + k;
                    // An AVL-tree digest takes the weighted centroids of both: the merging digest's
                    // weighted merge trips its own assertions in t-digest 3.3.
                    final TDigest merged = TDigest.createAvlTreeDigest(COMPRESSION);
                    merged.add(digests[c]);
                    merged.add(ended[k]);
                    out[next][k] = merged;
                    counts[0][next * metrics + k] = negativeInfinite[c] + negative[k];
                    counts[1][next * metrics + k] = positiveInfinite[c] + positive[k];
                    counts[2][next * metrics + k] = notANumber[c] + nan[k];
                }
                next++;
            }
        }
        return out;
    }

    /**
     * @param slots the kept generations' indices to report
     * @param levels the quantile levels
     * @return [slot][metric][level], computed in parallel (each cell is independent, so the result is deterministic)
     */
    double[][][] quantiles(int[] slots, double[] levels) {
        final double[][][] q = new double[slots.length][metrics][];
        final long[][] counts = new long[3][slots.length * metrics];
        final TDigest[][] sketched = values == null ? sketches(slots, counts) : null;
        IntStream.range(0, slots.length * metrics).parallel().forEach(cell -> {
            final int s = slots[cell / metrics];
            final int k = cell % metrics;
            final double[] out = new double[levels.length];
            if (values != null) {
                final double[] column = new double[replicates];
                final double[] kept = values.get(s);
                for (int i = 0; i < replicates; i++) {
                    column[i] = s < ends[i] ? kept[i * metrics + k] : finals[i * metrics + k];
                }
                ExperimentRunner.quantiles(column, levels, out);
            } else {
                final TDigest digest = sketched[cell / metrics][k];
                final double n = replicates;
                final double below = counts[0][cell] / n;
                final double nan = counts[2][cell] / n;
                final double above = counts[1][cell] / n + nan;
                for (int l = 0; l < levels.length; l++) {
                    out[l] = levels[l] < below ? Double.NEGATIVE_INFINITY : levels[l] > 1 - nan ? Double.NaN
                            : levels[l] > 1 - above ? Double.POSITIVE_INFINITY
                            : digest.size() == 0 ? Double.NaN : digest.quantile((levels[l] - below) / (1 - below - above));
                }
            }
            q[cell / metrics][k] = out;
        });
        return q;
    }
}
