package org.modelcollapse.discrete;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.modelcollapse.experiment.Chain;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;
import org.modelcollapse.process.SamplingMode;
import org.modelcollapse.random.AliasTable;
import org.modelcollapse.simd.LxmLanes;

/**
 * The categorical collapse chain (SPEC §2–§5): each generation draws M_n points according to the
 * regime, fits the next model by counting (with optional add-k smoothing) and measures it against
 * the original distribution q. In the replace regime without smoothing this is exactly the
 * neutral K-allele haploid Wright–Fisher model with population M; its absorbing states are the
 * delta distributions.
 *
 * <p>Generation 0 is q itself; generation n is the model after n fit-and-sample steps. A step
 * allocates nothing once the chain's buffers have grown to the largest M_n (constant schedules:
 * after the first step), except accumulate-subsample in samples mode, whose pool of labels grows
 * by M points each generation.
 */
public final class DiscreteChain implements Chain {
    /** The chain's metric names, as {@link #metricNames()} returns them. */
    public static final List<String> METRICS = CategoricalMetrics.NAMES;

    /** Data larger than this is resampled through an alias table instead of a list of labels. */
    private static final double LABELS_LIMIT = 1 << 26;

    private final DiscreteSpec spec;
    private final double[] q;
    private final double[] lnQ;
    private final WeightedSupport original;
    private final AliasTable originalTable = AliasTable.create();
    private final WeightedSupport bufferA;
    private final WeightedSupport bufferB;
    private final WeightedSupport pool;
    private final WeightedSupport fresh;
    private final WeightedSupport smoothed;
    private final DataDrawer drawer;
    private final double[] metrics = new double[CategoricalMetrics.NAMES.size()];
    /** Metrics of generation 0 (q itself), measured once: restarting costs nothing. */
    private final double[] originalMetrics = new double[CategoricalMetrics.NAMES.size()];
    private int[] poolLabels = new int[0];
    private int poolSize;

    private WeightedSupport model;
    private boolean modelIntegral;
    private WeightedSupport previousData;
    private int generation;
    private int absorbedAt;
    private int absorbingState;
    /** No smoothing and no fresh data ever: a delta model can be absorbing (see {@link #recordAbsorption}). */
    private final boolean absorbing;

    private DiscreteChain(DiscreteSpec spec) {
        this.spec = spec;
        absorbing = canAbsorb(spec);
        final int k = spec.initial().states();
        q = spec.initial().probabilities();
        lnQ = new double[k];
        original = new WeightedSupport(k);
        for (int j = 0; j < k; j++) {
            lnQ[j] = Math.log(q[j]);
            original.add(j, q[j]);
        }
        originalTable.build(original.ids, original.size, original.weight, original.total);
        model = original;
        absorbedAt = -1;
        CategoricalMetrics.measureWeights(original, false, q, lnQ, original.size, originalMetrics);
        bufferA = new WeightedSupport(k);
        bufferB = new WeightedSupport(k);
        pool = new WeightedSupport(k);
        fresh = new WeightedSupport(k);
        smoothed = new WeightedSupport(k);
        final SampleSizeSchedule schedule = spec.schedule();
        final boolean resamplesOwnSize = schedule.kind() == SampleSizeSchedule.Kind.CONSTANT && spec.regime().kind() == Regime.Kind.REPLACE;
        drawer = new DataDrawer(k, spec.mode(), schedule.sizeAt(0), resamplesOwnSize ? schedule.base() : 0);
    }

    /**
     * @param spec the chain's definition
     * @param rng the replicate's random stream
     * @return a chain at generation 0
     */
    public static DiscreteChain create(DiscreteSpec spec, UniformRandomProvider rng) {
        final DiscreteChain chain = new DiscreteChain(spec);
        chain.reset(rng);
        return chain;
    }

    /**
     * @return true if a replicate of this spec can reach an absorbing state: no smoothing and no fresh
     *     original data in any generation (accumulating regimes also need their first data to be one
     *     state: see {@link Regime#keepsEarlierData})
     */
    public static boolean canAbsorb(DiscreteSpec spec) {
        return spec.smoothing() == 0 && spec.regime().neverDrawsFresh(spec.schedule());
    }

    /**
     * Adds what the chains of a run hold ({@link org.modelcollapse.experiment.MemoryEstimate}): per
     * chain a dozen arrays over the K states, a generation's points where a per-sample draw can be
     * chosen (never in exact mode, whose memory does not depend on M), and in samples mode the
     * accumulate-subsample pool's labels, which grow by M_n every generation.
     *
     * @param generations the run's last generation (the largest M_n drawn is M_(generations-1): sizes never decrease)
     * @param chains chains held at once (one per worker thread)
     */
    public static void estimate(int states, SampleSizeSchedule schedule, Regime regime, SamplingMode mode, int generations, int chains,
                                org.modelcollapse.experiment.MemoryEstimate estimate) {
        // q, ln q, six supports (ids and weights), the drawer's three int arrays, two alias tables.
        estimate.array("states", "a chain's arrays over the K states", states, 8 + 8 + 6 * 12 + 3 * 4 + 2 * 12, chains + 1);
        final int lastData = Math.max(0, generations - 1); // generation n's data are M_n points, n < generations
        final int m = schedule.firstOverflow(lastData) >= 0 ? Integer.MAX_VALUE : schedule.sizeAt(lastData);
        if (DataDrawer.perSampleCanWin(mode, m, states)) {
            // indices and uniforms, and labels for data of up to 4 m + K points.
            estimate.array("samples", "a generation's points", (double) m + LxmLanes.LANES, 4 + 8 + 16, chains);
        }
        if (regime.kind() == Regime.Kind.ACCUMULATE_SUBSAMPLE && mode == SamplingMode.SAMPLES) {
            estimate.array("generations", "the accumulated pool's labels", schedule.totalUpTo(generations), 4, 2.0 * chains);
        }
    }

    @Override
    public List<String> metricNames() {
        return METRICS;
    }

    @Override
    public void reset(UniformRandomProvider rng) {
        drawer.reset(rng);
        restart();
    }

    /** Returns to generation 0 (the original distribution), continuing the current random stream. Allocates nothing. */
    public void restart() {
        bufferA.clear();
        bufferB.clear();
        pool.clear();
        poolSize = 0;
        model = original;
        modelIntegral = false;
        previousData = original;
        generation = 0;
        absorbedAt = -1;
        absorbingState = -1;
        System.arraycopy(originalMetrics, 0, metrics, 0, metrics.length);
        recordAbsorption();
    }

    @Override
    public void step() {
        if (absorbedAt >= 0) {
            generation++;
            return;
        }
        final int m = spec.schedule().sizeAt(generation);
        final WeightedSupport data = switch (spec.regime().kind()) {
            case REPLACE -> {
                final WeightedSupport d = clearedBufferOtherThan(previousData);
                drawer.draw(m, model, modelIntegral, tableOf(model), d);
                yield d;
            }
            case MIX -> drawMix(m);
            case ACCUMULATE -> {
                drawer.draw(m, model, modelIntegral, tableOf(model), pool);
                yield pool;
            }
            case ACCUMULATE_SUBSAMPLE -> drawSubsample(m);
        };
        previousData = data;
        fit(data);
        generation++;
        measure();
    }

    private WeightedSupport drawMix(int m) {
        final Regime r = spec.regime();
        final int fromModel = r.modelPoints(m);
        final int resampled = r.resampledPoints(m);
        final int fromOriginal = r.freshPoints(m);
        final boolean previousIntegral = previousData != original;
        final WeightedSupport d = clearedBufferOtherThan(previousData);
        drawer.draw(fromModel, model, modelIntegral, tableOf(model), d);
        drawer.draw(resampled, previousData, previousIntegral, tableOf(previousData), d);
        drawer.draw(fromOriginal, original, false, originalTable, d);
        return d;
    }

    /**
     * accumulate-subsample: M new model points join the pool, then M points are drawn from the
     * pool without replacement. Exact and automatic modes keep only the pool's counts and draw
     * conditional hypergeometrics; samples mode keeps one label per pooled point (memory grows by
     * M each generation) and shuffles partially.
     */
    private WeightedSupport drawSubsample(int m) {
        if (spec.mode() != SamplingMode.SAMPLES) {
            drawer.draw(m, model, modelIntegral, tableOf(model), pool);
            final WeightedSupport d = clearedBufferOtherThan(previousData);
            drawer.subsampleCounts(m, pool, d);
            return d;
        }
        fresh.clear();
        drawer.draw(m, model, modelIntegral, tableOf(model), fresh);
        if (poolLabels.length < poolSize + m) {
            poolLabels = java.util.Arrays.copyOf(poolLabels, Math.max(poolSize + m, 2 * poolLabels.length));
        }
        for (int i = 0; i < fresh.size; i++) {
            final int s = fresh.ids[i];
            final int c = (int) fresh.weight[s];
            java.util.Arrays.fill(poolLabels, poolSize, poolSize + c, s);
            poolSize += c;
            pool.add(s, c);
        }
        final WeightedSupport d = clearedBufferOtherThan(previousData);
        drawer.subsample(m, poolLabels, poolSize, d);
        return d;
    }

    private void fit(WeightedSupport data) {
        final double k = spec.smoothing();
        if (k == 0) {
            model = data;
            modelIntegral = data.total <= LABELS_LIMIT;
            return;
        }
        smoothed.clear();
        for (int j = 0; j < q.length; j++) {
            smoothed.add(j, data.weight[j] + k);
        }
        model = smoothed;
        modelIntegral = false;
    }

    private WeightedSupport clearedBufferOtherThan(WeightedSupport inUse) {
        final WeightedSupport b = inUse == bufferA ? bufferB : bufferA;
        b.clear();
        return b;
    }

    private AliasTable tableOf(WeightedSupport source) {
        return source == original ? originalTable : null;
    }

    private void measure() {
        CategoricalMetrics.measure(model, modelIntegral, q, lnQ, original.size, metrics);
        recordAbsorption();
    }

    /**
     * Absorbed: no later generation can change the model. That needs a delta model without smoothing,
     * no fresh original data in any later generation, and for accumulate-subsample a pool of that one
     * state (the pool keeps every earlier point, and the next subsample may draw any of them); in
     * replace, mix and accumulate the data the delta was fitted to (the pool, for accumulate) are that
     * state, and so is everything drawn from them.
     */
    private void recordAbsorption() {
        if (absorbedAt < 0 && model.size == 1 && absorbing
                && (spec.regime().kind() != Regime.Kind.ACCUMULATE_SUBSAMPLE || pool.size <= 1)) {
            absorbedAt = generation;
            absorbingState = model.ids[0];
        }
        metrics[CategoricalMetrics.ABSORBED] = absorbedAt >= 0 ? 1 : 0;
    }

    @Override
    public int generation() {
        return generation;
    }

    @Override
    public boolean absorbed() {
        return absorbedAt >= 0;
    }

    @Override
    public int absorbedAt() {
        return absorbedAt;
    }

    @Override
    public int absorbingState() {
        return absorbingState;
    }

    @Override
    public double[] metrics() {
        return metrics;
    }

    /**
     * @param out Modified: receives the current model's probabilities p_j for all K states.
     */
    public void readProbabilities(double[] out) {
        java.util.Arrays.fill(out, 0, q.length, 0);
        for (int i = 0; i < model.size; i++) {
            final int s = model.ids[i];
            out[s] = model.weight[s] / model.total;
        }
    }

    /** @return the chain's definition */
    public DiscreteSpec spec() {
        return spec;
    }
}
