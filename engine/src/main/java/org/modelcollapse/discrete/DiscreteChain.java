package org.modelcollapse.discrete;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.modelcollapse.process.RegimeChain;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;
import org.modelcollapse.process.SamplingMode;
import org.modelcollapse.simd.LxmLanes;

/**
 * The categorical collapse chain (SPEC §2–§5): each generation draws M_n points according to the
 * regime ({@link RegimeChain}), fits the next model by counting (with optional add-k smoothing) and
 * measures it against the original distribution q ({@link CategoricalFamily}). In the replace regime
 * without smoothing this is exactly the neutral K-allele haploid Wright–Fisher model with population M;
 * its absorbing states are the delta distributions.
 *
 * <p>Generation 0 is q itself; generation n is the model after n fit-and-sample steps. A step
 * allocates nothing once the chain's buffers have grown to the largest M_n (constant schedules:
 * after the first step), except accumulate-subsample in samples mode, whose pool of labels grows
 * by M points each generation.
 */
public final class DiscreteChain extends RegimeChain<CategoricalModel, CategoricalData> {
    /** The chain's metric names, as {@link #metricNames()} returns them. */
    public static final List<String> METRICS = CategoricalMetrics.NAMES;

    private final DiscreteSpec spec;
    private final CategoricalFamily family;

    private DiscreteChain(DiscreteSpec spec, CategoricalFamily family, UniformRandomProvider rng) {
        super(family, spec.regime(), spec.schedule(), canAbsorb(spec), rng);
        this.spec = spec;
        this.family = family;
    }

    /**
     * @param spec the chain's definition
     * @param rng the replicate's random stream
     * @return a chain at generation 0
     */
    public static DiscreteChain create(DiscreteSpec spec, UniformRandomProvider rng) {
        return new DiscreteChain(spec, new CategoricalFamily(spec), rng);
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
        estimate(states, schedule, regime, mode, false, generations, chains, estimate);
    }

    /**
     * As {@link #estimate(int, SampleSizeSchedule, Regime, SamplingMode, int, int, org.modelcollapse.experiment.MemoryEstimate)},
     * and with a sampling bias or curation ({@link DiscreteSpec#biased}) the decoding's workspace: keys,
     * positions and a heap, two supports and an alias table over the K states (curation holds nothing of
     * the order of M: it draws point by point).
     */
    public static void estimate(int states, SampleSizeSchedule schedule, Regime regime, SamplingMode mode, boolean biased, int generations,
                                int chains, org.modelcollapse.experiment.MemoryEstimate estimate) {
        if (biased) {
            estimate.array("decoding", "a chain's decoding workspace over the K states", states, 8 + 4 + 8 + 2 * 12 + 24 + 3 * 4, chains + 1);
        }
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

    /**
     * @param out Modified: receives the current model's probabilities p_j for all K states.
     */
    public void readProbabilities(double[] out) {
        family.readProbabilities(model(), out);
    }

    /** @return the chain's definition */
    public DiscreteSpec spec() {
        return spec;
    }
}
