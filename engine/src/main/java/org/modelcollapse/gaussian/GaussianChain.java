package org.modelcollapse.gaussian;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.RegimeChain;
import org.modelcollapse.process.SampleSizeSchedule;
import org.modelcollapse.process.SamplingMode;
import org.modelcollapse.simd.MomentKernels;
import org.modelcollapse.simd.NormalKernels;

/**
 * The Gaussian collapse chain (SPEC §2–§5): each generation fits mean and covariance to M_n points
 * drawn from the current model N(mu_n, Sigma_n) ({@code replace}), or to those mixed with fresh points
 * from the original distribution and points resampled from the previous data ({@code mix}), or to every
 * point drawn so far ({@code accumulate}), or to M points subsampled from them ({@code accumulate-subsample});
 * the regimes are {@link RegimeChain}'s.
 *
 * <p>The model is carried as mu_n and the upper factor U_n = L_n^T of Sigma_n = L_n L_n^T, never by
 * refactorising an estimated covariance ({@link BlockFamily}: exact draws of the sufficient statistics,
 * or M points); mix with beta &gt; 0 and accumulate-subsample draw earlier points again and keep them
 * ({@link PointFamily}, samples mode). A rank-deficient model stays so in replace (zero columns of L
 * propagate); its ln det is -infinity and nothing becomes NaN. A model whose covariance has become
 * exactly zero is absorbing.
 *
 * <p>{@link #step()} advances the state only; {@link #metrics()} (and {@link #readMetrics}) measures it
 * (the eigenvalues cost O(d^3) with a large constant, so a caller that needs only the model pays nothing
 * for them). A step allocates nothing once the buffers have grown to the largest M_n
 * (accumulate-subsample's pool grows by M points per generation, its buffer by doubling).
 */
public final class GaussianChain extends RegimeChain<GaussianModel, GaussianData> {
    /** Metric names, in the order of {@link #metrics()} ({@link GaussianMetric}). */
    public static final List<String> METRICS = GaussianMetric.NAMES;

    private GaussianChain(GaussianSpec spec, GaussianFamily family, UniformRandomProvider rng) {
        super(family, spec.regime(), spec.samples(), canAbsorb(spec), rng);
    }

    /**
     * @param spec the chain's definition
     * @param rng the replicate's random stream
     * @return a chain at generation 0
     */
    public static GaussianChain create(GaussianSpec spec, UniformRandomProvider rng) {
        final GaussianFamily family = GaussianSpec.needsPoints(spec.regime()) ? new PointFamily(spec) : new BlockFamily(spec);
        return new GaussianChain(spec, family, rng);
    }

    /**
     * Adds what the chains of a run hold ({@link org.modelcollapse.experiment.MemoryEstimate}): per chain
     * some twenty d x d matrices (factors, scatters, the metrics' workspace), in samples mode a
     * generation's points (M_n x d, four buffers in the point regimes), and the accumulate-subsample
     * pool, which grows by M_n points every generation.
     *
     * @param resolvedMode exact or samples ({@link GaussianSpec#resolve})
     * @param dataPoints points of the user's D_0 (0 for none)
     * @param generations the run's last generation (the largest M_n drawn is M_(generations-1): sizes never decrease)
     * @param chains chains held at once (one per worker thread)
     */
    public static void estimate(int d, SamplingMode resolvedMode, Regime regime, SampleSizeSchedule samples, int dataPoints,
                                int generations, int chains, org.modelcollapse.experiment.MemoryEstimate estimate) {
        final double stride = MomentKernels.stride(d);
        estimate.array("dim", "a d x d matrix", d * stride, 8, 20.0 * chains + 6);
        estimate.add("data", 24.0 * dataPoints * d);
        if (resolvedMode == SamplingMode.EXACT) {
            return;
        }
        final int lastData = Math.max(0, generations - 1); // generation n's data are M_n points, n < generations
        final double m = samples.firstOverflow(lastData) >= 0 ? Integer.MAX_VALUE : samples.sizeAt(lastData);
        final boolean points = GaussianSpec.needsPoints(regime);
        estimate.array("samples", "a generation's points (M x d)", m * stride + NormalKernels.BLOCK, 8, (points ? 4 : 1) * (double) chains);
        if (regime.kind() == Regime.Kind.ACCUMULATE_SUBSAMPLE) {
            estimate.array("generations", "the accumulated pool of points", samples.totalUpTo(generations) * stride, 8, 2.0 * chains);
        }
    }

    /**
     * @return true if a replicate of this spec can reach an absorbing state, a covariance of exactly
     *     zero that no later generation changes: only when no generation draws from the model or fresh
     *     from the original (mix with alpha = gamma = 0, resampling the previous data alone, the
     *     Wright–Fisher chain on points). Points drawn from a Gaussian of non-zero covariance are distinct
     *     with probability 1, so every other chain's covariance tends to zero only in the limit (Theorem 3.1).
     */
    public static boolean canAbsorb(GaussianSpec spec) {
        return spec.regime().neverDrawsFresh(spec.samples()) && spec.regime().neverDrawsFromModel(spec.samples());
    }

    /**
     * @param out Modified: receives the current mean mu_n, d values.
     */
    public void readMean(double[] out) {
        System.arraycopy(model().mu, 0, out, 0, model().d);
    }

    /**
     * @param out Modified: receives the current covariance Sigma_n, d x d row-major; entries below the
     *     range of doubles are 0 (ln det and the other metrics are exact beyond it: {@link #metrics()}).
     */
    public void readCovariance(double[] out) {
        final GaussianModel model = model();
        final int d = model.d;
        final int stride = model.stride;
        final double[] u = model.u;
        final int e = model.clampedExponent();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double v = 0;
                for (int k = 0; k <= Math.min(i, j); k++) {
                    v += u[k * stride + i] * u[k * stride + j];
                }
                out[i * d + j] = Math.scalb(v, 2 * e);
            }
        }
    }
}
