package org.modelcollapse.gmm;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.modelcollapse.experiment.MemoryEstimate;
import org.modelcollapse.process.RegimeChain;
import org.modelcollapse.simd.MomentKernels;

/**
 * The Gaussian-mixture collapse chain (Shumailov et al. 2024, the GMM experiment): each generation
 * fits a k-component mixture by EM to M_n points assembled by the regime ({@link RegimeChain}) and
 * measures it against the original mixture and generation 1's fit ({@link MixtureFamily}). Generation
 * 0 is the original mixture itself.
 */
public final class MixtureChain extends RegimeChain<Mixture, MixturePoints> {
    private MixtureChain(MixtureSpec spec, UniformRandomProvider rng) {
        super(new MixtureFamily(spec), spec.regime(), spec.samples(), canAbsorb(spec), rng);
    }

    /** @return a chain of {@code spec} at generation 0 drawing from {@code rng} */
    public static MixtureChain create(MixtureSpec spec, UniformRandomProvider rng) {
        return new MixtureChain(spec, rng);
    }

    /** @return the metric names of a chain of {@code spec}: per-component columns for the larger of k and p_0's count */
    public static List<String> metricNames(MixtureSpec spec) {
        return MixtureMetrics.names(Math.max(spec.components(), spec.originalComponents()));
    }

    /**
     * @return true if a replicate can reach an absorbing state, a single point repeated: no fresh original
     *     data in any generation and no covariance regularisation (which spreads a point mass out again)
     */
    public static boolean canAbsorb(MixtureSpec spec) {
        return spec.regime().neverDrawsFresh(spec.samples()) && spec.regularisation() == 0;
    }

    /**
     * Adds what the chains of a run hold: per chain three data sets of the largest M_n points, EM's
     * copy of them by coordinate with their responsibilities, the held-out points (twice, with theirs), and the accumulating regimes' pool of every point so far.
     */
    public static void estimate(MixtureSpec spec, int generations, int chains, MemoryEstimate estimate) {
        final int stride = MomentKernels.stride(spec.dim());
        final int lastData = Math.max(0, generations - 1);
        final double m = spec.samples().firstOverflow(lastData) >= 0 ? Integer.MAX_VALUE : spec.samples().sizeAt(lastData);
        estimate.array("samples", "a generation's points (M x d)", m * stride, 8, 4.0 * chains);
        estimate.array("samples", "EM's points by coordinate, responsibilities and totals (M x (d + k + 2))",
                m * (spec.dim() + spec.components() + 2), 8, chains);
        final int capacity = Math.max(spec.components(), spec.originalComponents());
        estimate.add("heldout", 8.0 * (stride + spec.dim() + capacity + 2) * spec.heldOut() * chains);
        if (spec.data() != null) {
            estimate.add("data", 8.0 * stride * (spec.data().trainingCount() + spec.data().heldOutCount()) * (chains + 1));
        }
        if (spec.regime().keepsEarlierData()) {
            estimate.array("generations", "the accumulated pool of points", spec.samples().totalUpTo(generations) * stride, 8, chains);
        }
    }

    /** @return the current model's components (alive or dead; the original's count if larger) */
    public int components() {
        return model().k;
    }

    /** @param out Modified: receives the current model's weights, {@link #components()} values (0 for a dead component) */
    public void readWeights(double[] out) {
        System.arraycopy(model().weights, 0, out, 0, model().k);
    }

    /** @param out Modified: receives component j's mean, d values */
    public void readMean(int j, double[] out) {
        System.arraycopy(model().means[j], 0, out, 0, model().d);
    }

    /** @param out Modified: receives component j's covariance, d x d row-major */
    public void readCovariance(int j, double[] out) {
        final Mixture m = model();
        for (int r = 0; r < m.d; r++) {
            for (int s = 0; s < m.d; s++) {
                out[r * m.d + s] = m.covariance(j, r, s);
            }
        }
    }

    /**
     * Draws n points from the current model with a stream of the caller's (the chain's own streams are
     * untouched, so its later generations do not change): a component by its weight, then mu_j + L_j z.
     * For pictures of a generation (scatter snapshots), not the hot path.
     *
     * @param out Modified: n x d, row-major
     */
    public void sample(int n, UniformRandomProvider rng, double[] out) {
        final Mixture m = model();
        final ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        final double[] z = new double[m.d];
        int last = m.k - 1;
        while (last > 0 && m.weights[last] == 0) {
            last--;
        }
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            int j = 0;
            while (j < last && (m.weights[j] == 0 || u >= m.weights[j])) {
                u -= m.weights[j];
                j++;
            }
            for (int r = 0; r < m.d; r++) {
                z[r] = normal.sample();
            }
            for (int r = 0; r < m.d; r++) {
                double v = m.means[j][r];
                for (int s = 0; s <= r; s++) {
                    v += m.factors[j][s * m.stride + r] * z[s];
                }
                out[i * m.d + r] = v;
            }
        }
    }
}
