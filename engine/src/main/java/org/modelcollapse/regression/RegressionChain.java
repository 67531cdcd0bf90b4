package org.modelcollapse.regression;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.modelcollapse.experiment.MemoryEstimate;
import org.modelcollapse.process.RegimeChain;
import org.modelcollapse.process.SamplingMode;

/**
 * The linear-regression collapse chain (Gerstgrasser et al. 2024; Kazdan et al. 2024; Dey and Donoho
 * 2024): generation 0 is w*, generation t the t-th least-squares fit, the first on real labels; every
 * regime is {@link RegimeChain}'s, with rows as the points. Exact mode draws the least-squares
 * statistics ({@link StatisticFamily}); samples mode builds the rows and solves by QR ({@link RowFamily}).
 * A step allocates nothing once the buffers have grown to the largest data (an accumulating pool grows
 * by doubling).
 */
public final class RegressionChain extends RegimeChain<Weights, RegressionData> {
    private final RegressionFamily family;

    private RegressionChain(RegressionSpec spec, RegressionFamily family, UniformRandomProvider rng) {
        super(family, spec.regime(), spec.samples(), false, rng);
        this.family = family;
    }

    /** @return a chain of {@code spec} at generation 0 drawing from {@code rng} */
    public static RegressionChain create(RegressionSpec spec, UniformRandomProvider rng) {
        return new RegressionChain(spec, spec.resolvedMode() == SamplingMode.EXACT ? new StatisticFamily(spec) : new RowFamily(spec), rng);
    }

    /** @return the metric names of a chain of {@code spec} */
    public static List<String> metricNames(RegressionSpec spec) {
        return RegressionMetric.names(spec.testPoints());
    }

    /**
     * Adds what the chains of a run hold: in exact mode some ten d x d matrices; in samples mode three data
     * sets of the largest T_n rows, the QR's copy of them, a fixed design, and the accumulating regimes'
     * pool of every row so far; the test points in both.
     */
    public static void estimate(RegressionSpec spec, int generations, int chains, MemoryEstimate estimate) {
        final int d = spec.dim();
        estimate.array("dim", "a d x d matrix", (double) d * d, 8, 12.0 * chains);
        estimate.add("test", 8.0 * (d + 1) * spec.testPoints() * chains);
        if (spec.resolvedMode() == SamplingMode.EXACT) {
            return;
        }
        final int lastData = Math.max(0, generations - 1);
        final double t = spec.samples().firstOverflow(lastData) >= 0 ? Integer.MAX_VALUE : spec.samples().sizeAt(lastData);
        estimate.array("samples", "a generation's rows (T x (d + 1))", t * (d + 1), 8, 5.0 * chains);
        if (spec.regime().keepsEarlierData()) {
            estimate.array("generations", "the accumulated pool of rows", spec.samples().totalUpTo(generations) * (d + 1), 8, 2.0 * chains);
        }
    }

    /** @param out Modified: receives the current weights w_t, d values */
    public void readWeights(double[] out) {
        System.arraycopy(model().w, 0, out, 0, out.length);
    }

    /** @param out Modified: receives the replicate's w*, d values */
    public void readTrueWeights(double[] out) {
        System.arraycopy(family.trueWeights, 0, out, 0, out.length);
    }
}
