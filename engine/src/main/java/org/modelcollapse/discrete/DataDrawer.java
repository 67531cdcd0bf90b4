package org.modelcollapse.discrete;

import org.apache.commons.rng.UniformRandomProvider;
import org.modelcollapse.process.SamplingMode;
import org.modelcollapse.random.AliasTable;
import org.modelcollapse.random.MultinomialSampler;
import org.modelcollapse.random.MultivariateHypergeometricSampler;
import org.modelcollapse.simd.Kernels;
import org.modelcollapse.simd.LxmLanes;
import org.modelcollapse.simd.UniformKernels;

/**
 * Draws m points from a categorical source into a data buffer, either exactly as counts
 * (multinomial by conditional binomials, O(source categories)) or as m individual samples
 * (vectorised uniforms, O(m)), choosing by estimated cost in {@link SamplingMode#AUTO}.
 * Per-sample draws from integral weights (data counts) pick uniformly from a list of labels, one
 * per data point, which is exactly resampling the data; other weights use an alias table.
 * Buffers grow and never shrink: allocation-free once they have reached the largest m.
 */
final class DataDrawer {
    /**
     * Costs in ns of the parts of a draw, for AUTO: a conditional binomial (BinomialBenchmark,
     * 20-45 ns), the fixed cost of a per-sample draw (buffers, kernel call, flush; it makes exact
     * counts the faster way for K = 10, M = 100), one per-sample draw with its share of the tally
     * flush (~3 ns at K = M = 1000: StepBenchmark in samples mode, metrics included, divided by M),
     * laying out one label, building one alias column. Measured on
     * the reference machine (see results/BENCHMARKS.md and results/THROUGHPUT.md).
     */
    static final double BINOMIAL_NS = 40;
    static final double SAMPLES_SETUP_NS = 150;
    static final double SAMPLE_NS = 2.5;
    static final double LABEL_NS = 0.5;
    static final double ALIAS_BUILD_NS = 5;
    /** Largest data size per drawn point for which resampling goes through a list of labels. */
    static final int LABELS_PER_DRAW = 4;

    private final SamplingMode mode;
    private final UniformKernels kernels = Kernels.uniform();
    private final AliasTable table = AliasTable.create();
    private final int[] drawn;
    /** Per-state tallies of individual draws, all zero between draws. */
    private final int[] tally;
    private MultinomialSampler multinomial;
    private MultivariateHypergeometricSampler withoutReplacement;
    private LxmLanes lanes;
    private int[] labels = new int[0];
    private int[] indices = new int[0];
    private double[] uniforms = new double[0];

    DataDrawer(int states, SamplingMode mode) {
        this.mode = mode;
        this.drawn = new int[states];
        this.tally = new int[states];
    }

    /** Rebinds to a new random stream (multinomial uniforms and the SIMD lanes are seeded from it). */
    void reset(UniformRandomProvider rng) {
        multinomial = MultinomialSampler.of(rng);
        withoutReplacement = MultivariateHypergeometricSampler.of(rng);
        lanes = LxmLanes.of(rng);
    }

    /**
     * Draws {@code m} points with replacement from {@code source} and adds them to {@code dest}.
     *
     * @param source Not modified (unless it is {@code dest}). Probabilities weight / total.
     * @param integral true if the source's weights are integer counts (data) that may be laid out as labels
     * @param prebuilt an alias table already built over {@code source}, or null
     * @param dest Modified: receives the points. May be {@code source} (accumulation).
     */
    void draw(int m, WeightedSupport source, boolean integral, AliasTable prebuilt, WeightedSupport dest) {
        if (m == 0) {
            return;
        }
        if (source.size == 1) {
            dest.add(source.ids[0], m);
            return;
        }
        // Grow both per-sample buffers together, so that a later switch of path allocates nothing.
        indexBuffer(m);
        uniformBuffer(m);
        // A list of labels costs O(N) to lay out: worth it only for data not much larger than m.
        final boolean labelled = integral && source.total <= LABELS_PER_DRAW * (double) m + source.size;
        if (useExact(m, source, labelled, prebuilt)) {
            drawCounts(m, source, dest);
        } else if (labelled) {
            resampleLabels(m, source, dest);
        } else {
            AliasTable t = prebuilt;
            if (t == null) {
                table.build(source.ids, source.size, source.weight, source.total);
                t = table;
            }
            drawFromTable(m, t);
            addTallies(source, dest);
        }
    }

    private boolean useExact(int m, WeightedSupport source, boolean labelled, AliasTable prebuilt) {
        return switch (mode) {
            case EXACT -> true;
            case SAMPLES -> false;
            case AUTO -> {
                final double exact = (source.size - 1) * BINOMIAL_NS;
                final double setup = SAMPLES_SETUP_NS
                        + (labelled ? source.total * LABEL_NS : prebuilt != null ? 0 : source.size * ALIAS_BUILD_NS);
                yield exact <= m * SAMPLE_NS + setup;
            }
        };
    }

    private void drawCounts(int m, WeightedSupport source, WeightedSupport dest) {
        final int n = source.size;
        multinomial.sample(m, source.ids, n, source.weight, source.total, drawn);
        addDrawn(source, dest);
    }

    /** Moves the per-state tallies of the source's categories into {@code dest}, zeroing them. */
    private void addTallies(WeightedSupport source, WeightedSupport dest) {
        for (int i = 0; i < source.size; i++) {
            final int s = source.ids[i];
            drawn[i] = tally[s];
            tally[s] = 0;
        }
        addDrawn(source, dest);
    }

    /** Adds {@code drawn[i]} points of category {@code source.ids[i]} to {@code dest}. */
    private void addDrawn(WeightedSupport source, WeightedSupport dest) {
        dest.addCounts(source.ids, source.size, drawn);
    }

    /** Resampling a dataset: each draw picks one of its N points uniformly. */
    private void resampleLabels(int m, WeightedSupport source, WeightedSupport dest) {
        final int total = (int) source.total;
        if (labels.length < total) {
            labels = new int[total];
        }
        int at = 0;
        for (int i = 0; i < source.size; i++) {
            final int s = source.ids[i];
            final int end = at + (int) source.weight[s];
            java.util.Arrays.fill(labels, at, end, s);
            at = end;
        }
        final int[] idx = indexBuffer(m);
        kernels.fillIndices(lanes, idx, m, total);
        for (int i = 0; i < m; i++) {
            tally[labels[idx[i]]]++;
        }
        addTallies(source, dest);
    }

    private void drawFromTable(int m, AliasTable t) {
        final double[] u = uniformBuffer(m);
        kernels.fillDoubles(lanes, u, m);
        t.tally(u, m, tally);
    }

    /**
     * Draws {@code m} of the first {@code n} labels without replacement (partial Fisher–Yates
     * shuffle; the order of the pool is irrelevant to its contents) and adds them to {@code dest}.
     *
     * @param pool Modified: reordered.
     */
    void subsample(int m, int[] pool, int n, WeightedSupport dest) {
        final int k = Math.min(m, n);
        final double[] u = uniformBuffer(k);
        kernels.fillDoubles(lanes, u, k);
        for (int i = 0; i < k; i++) {
            final int j = i + Math.min((int) (u[i] * (n - i)), n - i - 1);
            final int chosen = pool[j];
            pool[j] = pool[i];
            pool[i] = chosen;
            dest.add(chosen, 1);
        }
    }

    /**
     * Draws {@code m} of the {@code pool}'s points without replacement, as counts (conditional
     * hypergeometrics, O(pool categories)), and adds them to {@code dest}.
     *
     * @param pool Not modified. Integral counts.
     */
    void subsampleCounts(int m, WeightedSupport pool, WeightedSupport dest) {
        final int n = pool.size;
        withoutReplacement.sample((int) Math.min(m, pool.total), pool.ids, n, pool.weight, pool.total, drawn);
        addDrawn(pool, dest);
    }

    private int[] indexBuffer(int m) {
        if (indices.length < UniformKernels.padded(m)) {
            indices = new int[UniformKernels.padded(m)];
        }
        return indices;
    }

    private double[] uniformBuffer(int m) {
        if (uniforms.length < UniformKernels.padded(m)) {
            uniforms = new double[UniformKernels.padded(m)];
        }
        return uniforms;
    }
}
