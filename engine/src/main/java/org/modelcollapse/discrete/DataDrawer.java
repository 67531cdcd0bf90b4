package org.modelcollapse.discrete;

import org.apache.commons.rng.UniformRandomProvider;
import org.modelcollapse.process.SamplingMode;
import org.modelcollapse.random.AliasTable;
import org.modelcollapse.random.BinomialRows;
import org.modelcollapse.random.MultinomialSampler;
import org.modelcollapse.random.MultivariateHypergeometricSampler;
import org.modelcollapse.simd.Kernels;
import org.modelcollapse.simd.LxmLanes;
import org.modelcollapse.simd.UniformKernels;

/**
 * Draws m points from a categorical source into a data buffer, either exactly as counts
 * (multinomial by conditional binomials, O(source categories); when m data points are resampled
 * from m, the first count comes from tabulated {@link BinomialRows}) or as m individual samples
 * (vectorised uniforms, O(m)), choosing by estimated cost in {@link SamplingMode#AUTO}. Per-sample
 * draws from integral weights (data counts) pick uniformly among the data points, which is exactly
 * resampling the data: by counting uniform indices into each category's interval of points
 * ({@link UniformKernels#countIntervals}, for few categories) or through a list of labels; other
 * weights use an alias table. The choice depends on (m, the source's size and weights) alone, never
 * on timing or on earlier draws, so that runs stay reproducible. Buffers grow and never shrink:
 * allocation-free once they have reached the largest m.
 */
final class DataDrawer {
    /**
     * Costs in ns of the parts of a draw, for AUTO: a conditional binomial (BinomialBenchmark,
     * 20-45 ns); a draw from tabulated binomial rows (BinomialRowBenchmark); the fixed cost of
     * {@code countIntervals}, one of its lane steps (32 or 16 indices) and each interval end compared
     * per step (ResampleBenchmark: 4 steps at M = 100, 63 at M = 1000); the fixed cost of a
     * per-sample draw through labels or an alias table (buffers, kernel call, flush), one such draw
     * with its share of the tally flush (~3 ns at K = M = 1000: StepBenchmark in samples mode,
     * metrics included, divided by M), laying out one label, building one alias column. Measured on
     * the reference machine with the Vector API kernels (see results/BENCHMARKS.md).
     */
    static final double BINOMIAL_NS = 40;
    static final double ROW_NS = 5;
    static final double INTERVALS_SETUP_NS = 5;
    static final double INTERVALS_STEP_NS = 2.2;
    static final double INTERVALS_END_NS = 0.9;
    static final double SAMPLES_SETUP_NS = 150;
    static final double SAMPLE_NS = 2.5;
    static final double LABEL_NS = 0.5;
    static final double ALIAS_BUILD_NS = 5;
    /** Largest data size per drawn point for which resampling goes through a list of labels. */
    static final int LABELS_PER_DRAW = 4;

    /** The ways to draw m points; the first two give counts directly, the others draw each point. */
    private enum Path { BINOMIALS, ROWS, INTERVALS, LABELS, ALIAS }

    private final SamplingMode mode;
    private final UniformKernels kernels = Kernels.uniform();
    private final AliasTable table = AliasTable.create();
    private final int[] drawn;
    /** Per-state tallies of individual draws, all zero between draws. */
    private final int[] tally;
    /** Cumulative counts of the source's categories, for {@code countIntervals}. */
    private final int[] ends;
    private UniformRandomProvider rng;
    private MultinomialSampler multinomial;
    private MultivariateHypergeometricSampler withoutReplacement;
    /** Reseeded from each new stream, in place. */
    private final LxmLanes lanes = LxmLanes.unseeded();
    private int[] labels = new int[0];
    private int[] indices;
    private double[] uniforms;
    /** Tabulated Binomial(m, c / m) for the last m that used them (or made by the constructor), or null. */
    private BinomialRows rows;

    /**
     * The per-sample buffers, and the tabulated rows if {@code ownSize} is positive, are made now
     * rather than at first use. Each worker of a run makes its drawer when another worker's draws
     * may already be compiled; a first use would take a branch that the compiled code has never
     * seen taken, and the JIT compiler would then throw that code away, for every worker, until
     * it had compiled it again.
     *
     * @param firstSize points of the first draw: the buffers start at that size
     * @param ownSize if positive, the size at which every generation resamples data of its own size
     *     (replace with a constant schedule)
     */
    DataDrawer(int states, SamplingMode mode, int firstSize, int ownSize) {
        this.mode = mode;
        this.drawn = new int[states];
        this.tally = new int[states];
        this.ends = new int[states];
        // Not through indexBuffer, uniformBuffer or rowsFor: their compiled code may be another worker's.
        // Exact draws never use these buffers, and need no memory of the order of M.
        final int buffered = perSampleCanWin(mode, firstSize, states) ? firstSize : 0;
        indices = new int[UniformKernels.padded(buffered)];
        uniforms = new double[UniformKernels.padded(buffered)];
        if (ownSize > 0 && mode != SamplingMode.SAMPLES && BinomialRows.fits(ownSize, ownSize)) {
            rows = BinomialRows.shared(ownSize, ownSize);
        }
    }

    /**
     * @return true if a draw of m points from at most {@code states} categories may take a per-sample
     *     path, which needs buffers of m points: always in SAMPLES mode, never in EXACT, and in AUTO only
     *     while m draws cost less than the binomials of every category would
     */
    static boolean perSampleCanWin(SamplingMode mode, int m, int states) {
        return mode == SamplingMode.SAMPLES || mode == SamplingMode.AUTO && m * SAMPLE_NS + SAMPLES_SETUP_NS < states * BINOMIAL_NS;
    }

    /** Rebinds to a new random stream (multinomial uniforms and the SIMD lanes are seeded from it). */
    void reset(UniformRandomProvider rng) {
        this.rng = rng;
        multinomial = MultinomialSampler.of(rng);
        withoutReplacement = MultivariateHypergeometricSampler.of(rng);
        lanes.reseed(rng);
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
        if (source.size == 2 && mode != SamplingMode.SAMPLES && integral && source.total < Integer.MAX_VALUE
                && rowsFor(m, (int) source.total)) {
            // Two categories, the data resampled at its own size (most generations of a small
            // population): what choose() picks (ROWS: its cost is below every other path's for two
            // categories, which DataDrawerTest checks), without the general path's per-draw
            // bookkeeping, which costs more than the draw itself. Same draws, same uniform.
            final int first = rows.sample((int) source.weight[source.ids[0]], rng.nextDouble());
            dest.add(source.ids[0], first);
            dest.add(source.ids[1], m - first);
            return;
        }
        final Path path = choose(m, source, integral, prebuilt);
        if (path == Path.LABELS || path == Path.ALIAS) {
            // Grow both per-sample buffers together, so that a later switch of path allocates nothing.
            indexBuffer(m);
            uniformBuffer(m);
        }
        switch (path) {
            case BINOMIALS -> multinomial.sample(m, source.ids, source.size, source.weight, source.total, drawn);
            case ROWS -> {
                final int first = rows.sample((int) source.weight[source.ids[0]], rng.nextDouble());
                multinomial.sampleAfterFirst(m, first, source.ids, source.size, source.weight, source.total, drawn);
            }
            case INTERVALS -> {
                int end = 0;
                for (int i = 0; i < source.size; i++) {
                    end += (int) source.weight[source.ids[i]];
                    ends[i] = end;
                }
                kernels.countIntervals(lanes, rng, m, ends, source.size, drawn);
            }
            case LABELS -> resampleLabels(m, source);
            case ALIAS -> {
                AliasTable t = prebuilt;
                if (t == null) {
                    table.build(source.ids, source.size, source.weight, source.total);
                    t = table;
                }
                drawFromTable(m, t);
                collectTallies(source);
            }
        }
        dest.addCounts(source.ids, source.size, drawn);
    }

    /**
     * The cheapest path the mode allows: EXACT draws counts (binomials, or tabulated rows), SAMPLES
     * draws each point, AUTO takes whichever of all of them costs least by the constants above.
     */
    private Path choose(int m, WeightedSupport source, boolean integral, AliasTable prebuilt) {
        final int k = source.size;
        final boolean counted = integral && source.total < Integer.MAX_VALUE;
        Path best = Path.BINOMIALS;
        double cost = Double.POSITIVE_INFINITY;
        if (mode != SamplingMode.SAMPLES) {
            // The first count from the table, the others by sequential binomials (long lists do better on the tree).
            final boolean tabulated = counted && k < MultinomialSampler.TREE_MIN && rowsFor(m, (int) source.total);
            best = tabulated ? Path.ROWS : Path.BINOMIALS;
            cost = tabulated ? ROW_NS + (k - 2) * BINOMIAL_NS : (k - 1) * BINOMIAL_NS;
        }
        if (mode == SamplingMode.EXACT) {
            return best;
        }
        if (counted) {
            final double intervals = INTERVALS_SETUP_NS
                    + UniformKernels.countSteps(m, (int) source.total) * (INTERVALS_STEP_NS + (k - 1) * INTERVALS_END_NS);
            if (intervals < cost) {
                best = Path.INTERVALS;
                cost = intervals;
            }
        }
        // A list of labels costs O(N) to lay out: worth it only for data not much larger than m.
        final boolean labelled = integral && source.total <= LABELS_PER_DRAW * (double) m + k;
        final double setup = SAMPLES_SETUP_NS + (labelled ? source.total * LABEL_NS : prebuilt != null ? 0 : k * ALIAS_BUILD_NS);
        if (m * SAMPLE_NS + setup < cost) {
            best = labelled ? Path.LABELS : Path.ALIAS;
        }
        return best;
    }

    /**
     * Makes {@link #rows} the table for Binomial(m, c / total) when the draw resamples a population
     * of its own size (the Wright–Fisher step of a constant schedule, the only case where the same
     * table serves every generation) and the table fits. The rule depends on (m, total) alone, never
     * on what this drawer drew before, so that a replicate's draws do not depend on which replicates
     * ran before it on the same thread.
     *
     * @return true if {@link #rows} now serves (m, total)
     */
    private boolean rowsFor(int m, int total) {
        if (m != total || !BinomialRows.fits(m, total)) {
            return false;
        }
        if (rows == null || rows.trials() != m || rows.total() != total) {
            rows = BinomialRows.shared(m, total);
        }
        return true;
    }

    /** Moves the per-state tallies of the source's categories into {@code drawn}, zeroing them. */
    private void collectTallies(WeightedSupport source) {
        for (int i = 0; i < source.size; i++) {
            final int s = source.ids[i];
            drawn[i] = tally[s];
            tally[s] = 0;
        }
    }

    /** Resampling a dataset: each draw picks one of its N points uniformly. */
    private void resampleLabels(int m, WeightedSupport source) {
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
        collectTallies(source);
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
        dest.addCounts(pool.ids, pool.size, drawn);
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
