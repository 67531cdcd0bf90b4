package org.modelcollapse.discrete;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.modelcollapse.process.ModelFamily;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;
import org.modelcollapse.process.SamplingMode;
import org.modelcollapse.random.AliasTable;

/**
 * The categorical family: data are counts per state, drawn exactly (multinomial counts) or point by
 * point as {@link DataDrawer} chooses, the fit counts them (with optional add-k smoothing), and the
 * metrics compare the model with q ({@link CategoricalMetrics}). A delta model without smoothing is
 * absorbing.
 *
 * <p>With a sampling bias, the model's points are drawn from decode(p) ({@link DecodingMap}) by the
 * same paths, and with curation each is the Bradley–Terry choice among K candidates drawn from it
 * ({@link BradleyTerrySelection}); the model is measured as fitted, and fresh original data are drawn
 * from q itself. A delta decodes to itself and every candidate of a delta is that state, so absorption
 * is unchanged.
 */
final class CategoricalFamily implements ModelFamily<CategoricalModel, CategoricalData> {
    /** Data larger than this are resampled through an alias table instead of a list of labels. */
    private static final double LABELS_LIMIT = 1 << 26;

    private final int states;
    private final double smoothing;
    private final double[] q;
    private final double[] lnQ;
    private final WeightedSupport original;
    private final AliasTable originalTable = AliasTable.create();
    /** Metrics of q itself, measured once: generation 0 costs nothing per replicate. */
    private final double[] originalMetrics = new double[CategoricalMetrics.NAMES.size()];
    private final WeightedSupport fresh;
    private final WeightedSupport smoothed;
    private final DataDrawer drawer;
    /** accumulate-subsample in samples mode: the pool keeps a label per point. */
    private final boolean labelledPool;
    /** The sampling bias, or null for none. */
    private final DecodingMap decoding;
    /** What generation 0's points are drawn from: q, or decode(q), computed once, with its table. */
    private final WeightedSupport originalSource;
    private final AliasTable originalSourceTable;
    /** Bradley–Terry curation of the model's points, or null for none. */
    private final BradleyTerrySelection curation;
    private UniformRandomProvider rng;

    CategoricalFamily(DiscreteSpec spec) {
        states = spec.initial().states();
        smoothing = spec.smoothing();
        q = spec.initial().probabilities();
        lnQ = new double[states];
        original = new WeightedSupport(states);
        for (int j = 0; j < states; j++) {
            lnQ[j] = Math.log(q[j]);
            original.add(j, q[j]);
        }
        originalTable.build(original.ids, original.size, original.weight, original.total);
        CategoricalMetrics.measureWeights(original, false, q, lnQ, original.size, originalMetrics);
        fresh = new WeightedSupport(states);
        smoothed = new WeightedSupport(states);
        final SampleSizeSchedule schedule = spec.schedule();
        final boolean resamplesOwnSize = schedule.kind() == SampleSizeSchedule.Kind.CONSTANT && spec.regime().kind() == Regime.Kind.REPLACE;
        drawer = new DataDrawer(states, spec.mode(), schedule.sizeAt(0), resamplesOwnSize ? schedule.base() : 0);
        labelledPool = spec.regime().kind() == Regime.Kind.ACCUMULATE_SUBSAMPLE && spec.mode() == SamplingMode.SAMPLES;
        decoding = spec.decoding().isIdentity() ? null : new DecodingMap(spec.decoding(), states);
        if (decoding == null) {
            originalSource = original;
            originalSourceTable = originalTable;
        } else {
            final WeightedSupport decoded = decoding.apply(original);
            originalSource = new WeightedSupport(states);
            for (int i = 0; i < decoded.size; i++) {
                originalSource.add(decoded.ids[i], decoded.weight[decoded.ids[i]]);
            }
            originalSourceTable = AliasTable.create();
            originalSourceTable.build(originalSource.ids, originalSource.size, originalSource.weight, originalSource.total);
        }
        curation = spec.curation() == null ? null : new BradleyTerrySelection(spec.curation());
    }

    @Override
    public List<String> metricNames() {
        return CategoricalMetrics.NAMES;
    }

    @Override
    public CategoricalModel newModel() {
        return new CategoricalModel();
    }

    @Override
    public CategoricalData newData() {
        return new CategoricalData(states);
    }

    @Override
    public void reset(UniformRandomProvider rng) {
        this.rng = rng;
        drawer.reset(rng);
    }

    @Override
    public void original(CategoricalModel out) {
        out.support = original;
        out.integral = false;
    }

    /** The original is always a distribution, q (read from a file of counts or not). */
    @Override
    public boolean originalData(CategoricalData out) {
        return false;
    }

    /**
     * accumulate-subsample in samples mode lays the new points out as labels, state by state in the
     * order of the draw, for {@link #subsample} to shuffle.
     */
    @Override
    public void draw(CategoricalModel model, int n, CategoricalData out) {
        if (!labelledPool) {
            drawFromModel(model, n, out.counts);
            return;
        }
        fresh.clear();
        drawFromModel(model, n, fresh);
        for (int i = 0; i < fresh.size; i++) {
            final int s = fresh.ids[i];
            final int c = (int) fresh.weight[s];
            out.appendLabels(s, c);
            out.counts.add(s, c);
        }
    }

    /**
     * The model's points: from the model, or from its decoding (generation 0's computed once), plainly
     * or curated.
     */
    private void drawFromModel(CategoricalModel model, int n, WeightedSupport dest) {
        WeightedSupport source = model.support;
        boolean integral = model.integral;
        AliasTable table = null;
        if (source == original) {
            source = originalSource;
            table = originalSourceTable;
        } else if (decoding != null) {
            source = decoding.apply(model.support);
            integral &= source == model.support; // the decoded weights are not counts
        }
        if (curation != null) {
            curation.draw(n, source, table, rng, dest);
        } else {
            drawer.draw(n, source, integral, table, dest);
        }
    }

    @Override
    public void drawOriginal(int n, CategoricalData out) {
        drawer.draw(n, original, false, originalTable, out.counts);
    }

    @Override
    public void resample(CategoricalData from, int n, CategoricalData out) {
        drawer.draw(n, from.counts, true, null, out.counts);
    }

    /**
     * Exact and automatic modes draw the counts (conditional hypergeometrics); samples mode draws
     * labels by a partial shuffle of the pool's list.
     */
    @Override
    public void subsample(CategoricalData pool, int n, CategoricalData out) {
        if (labelledPool) {
            drawer.subsample(n, pool.labels, pool.labelled, out.counts);
        } else {
            drawer.subsampleCounts(n, pool.counts, out.counts);
        }
    }

    @Override
    public void fit(CategoricalData data, CategoricalModel out) {
        if (smoothing == 0) {
            out.support = data.counts;
            out.integral = data.counts.total <= LABELS_LIMIT;
            return;
        }
        smoothed.clear();
        for (int j = 0; j < states; j++) {
            smoothed.add(j, data.counts.weight[j] + smoothing);
        }
        out.support = smoothed;
        out.integral = false;
    }

    /** q's metrics were measured once, directly, so that the per-generation dispatch never sees q ({@link CategoricalMetrics#measureWeights}). */
    @Override
    public void measure(CategoricalModel model, boolean absorbed, double[] out) {
        if (model.support == original) {
            System.arraycopy(originalMetrics, 0, out, 0, out.length);
        } else {
            CategoricalMetrics.measure(model.support, model.integral, q, lnQ, original.size, out);
        }
        out[CategoricalMetrics.ABSORBED] = absorbed ? 1 : 0;
    }

    /**
     * A delta model: the data it was fitted to (the pool, for accumulate) are that one state, and so
     * is everything drawn from them; for accumulate-subsample the pool must be that state too, since
     * the next subsample may draw any pooled point.
     */
    @Override
    public boolean absorbing(CategoricalModel model, CategoricalData pool) {
        return model.support.size == 1 && (pool == null || pool.counts.size <= 1);
    }

    @Override
    public int absorbingState(CategoricalModel model) {
        return model.support.ids[0];
    }

    /** @param out Modified: receives the model's probabilities p_j for all K states. */
    void readProbabilities(CategoricalModel model, double[] out) {
        java.util.Arrays.fill(out, 0, states, 0);
        for (int i = 0; i < model.support.size; i++) {
            final int s = model.support.ids[i];
            out[s] = model.support.weight[s] / model.support.total;
        }
    }
}
