package org.modelcollapse.kde;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.modelcollapse.experiment.MemoryEstimate;
import org.modelcollapse.process.RegimeChain;

/**
 * The kernel-density collapse chain (Kazdan et al. 2024, arXiv 2410.16713): each generation's model is the
 * Gaussian KDE, bandwidth h, on the M_n points the regime assembled ({@link RegimeChain}), and is sampled
 * exactly by picking one of them uniformly and adding h N(0, I) ({@link KdeFamily}). Generation 0 is the
 * original distribution, or with the user's points the KDE on D_0 (and generation 1 the same model).
 */
public final class KdeChain extends RegimeChain<KernelDensity, KdePoints> {
    private KdeChain(KdeSpec spec, UniformRandomProvider rng) {
        super(new KdeFamily(spec), spec.regime(), spec.samples(), canAbsorb(spec), rng);
    }

    /** @return a chain of {@code spec} at generation 0 drawing from {@code rng} */
    public static KdeChain create(KdeSpec spec, UniformRandomProvider rng) {
        return new KdeChain(spec, rng);
    }

    /** @return the metric names of a chain ({@link KdeMetric}) */
    public static List<String> metricNames(KdeSpec spec) {
        return KdeMetric.NAMES;
    }

    /**
     * @return true if a replicate can reach an absorbing state, one point repeated whose KDE draws it again: no fresh
     *     original data in any generation, and either a rule (whose h is 0 on data without spread) or no draws from
     *     the model at all (a fixed h &gt; 0 spreads a point out again), so that only resampling makes the data one point
     */
    public static boolean canAbsorb(KdeSpec spec) {
        return spec.regime().neverDrawsFresh(spec.samples())
                && (spec.rule() != BandwidthRule.FIXED || spec.regime().neverDrawsFromModel(spec.samples()));
    }

    /**
     * Adds what the chains of a run hold: per chain three data sets of the largest M_n points, the centres again by
     * coordinate with the kernel's scratch row, the held-out points, the user's points, and the accumulating
     * regimes' pool of every point so far.
     */
    public static void estimate(KdeSpec spec, int generations, int chains, MemoryEstimate estimate) {
        final int d = spec.dim();
        final int lastData = Math.max(0, generations - 1);
        final double m = spec.samples().firstOverflow(lastData) >= 0 ? Integer.MAX_VALUE : spec.samples().sizeAt(lastData);
        estimate.array("samples", "a generation's points (M x d)", m * d, 8, 3.0 * chains);
        final double centres = spec.regime().keepsEarlierData() ? spec.samples().totalUpTo(generations) : m;
        estimate.array("samples", "the centres by coordinate and a scratch row (n x (d + 1))", centres * (d + 1), 8, chains);
        estimate.add("heldout", 8.0 * d * spec.heldOut() * chains);
        if (spec.data() != null) {
            estimate.add("data", 8.0 * d * (spec.data().trainingCount() + spec.data().heldOutCount()) * (chains + 1));
        }
        if (spec.regime().keepsEarlierData()) {
            estimate.array("generations", "the accumulated pool of points", spec.samples().totalUpTo(generations) * d, 8, chains);
        }
    }

    /** @return the current model's bandwidth (NaN at generation 0 of a distribution) */
    public double bandwidth() {
        return model().bandwidth;
    }
}
