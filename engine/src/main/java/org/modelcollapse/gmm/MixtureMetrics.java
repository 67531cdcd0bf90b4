package org.modelcollapse.gmm;

import java.util.ArrayList;
import java.util.List;
import org.modelcollapse.linalg.Cholesky;

/**
 * The per-generation measurements of a fitted mixture (docs/theory.md §GMM): the squared L2 distance
 * to the original mixture and to generation 1's fit, in closed form, ∫ (f - g)^2 = ∫ f^2 - 2 ∫ f g + ∫ g^2
 * with ∫ f g = sum_ij a_i b_j N(mu_i - mu_j; 0, Sigma_i + Sigma_j) (the product of two normal densities
 * integrates to a normal density at the difference of their means); the mean negative log-likelihood of
 * held-out original points (log-sum-exp over the components); the components alive and their effective
 * number exp(-sum w ln w); EM's iterations and convergence; and per component, sorted by decreasing
 * weight, its weight, tr Sigma_j and ln det Sigma_j (a dead component: weight 0, trace 0, ln det -infinity).
 * The L2 terms cancel when the mixtures nearly agree: the absolute error is about 1e-16 (∫ f^2 + ∫ g^2).
 */
final class MixtureMetrics {
    static final int L2_TO_ORIGINAL = 0;
    static final int L2_TO_FIRST = 1;
    static final int HELDOUT_NLL = 2;
    static final int ALIVE = 3;
    static final int EFFECTIVE = 4;
    static final int ITERATIONS = 5;
    static final int CONVERGED = 6;
    static final int PER_COMPONENT = 7;

    private final int d;
    private final int stride;
    private final int components;
    private final double[] sum;
    private final double[] factor;
    private final double[] diff;
    private final double[] y;
    private final int[] order;

    /** @param components the per-component columns: the larger of the model's and the original's component counts */
    MixtureMetrics(int d, int stride, int components) {
        this.d = d;
        this.stride = stride;
        this.components = components;
        sum = new double[d * stride];
        factor = new double[d * stride];
        diff = new double[d];
        y = new double[d];
        order = new int[components];
    }

    /** @return the metric names for {@code components} per-component columns */
    static List<String> names(int components) {
        final List<String> names = new ArrayList<>(List.of("l2_to_original", "l2_to_first", "heldout_nll", "alive_components",
                "effective_components", "em_iterations", "em_converged"));
        for (String what : new String[] {"weight", "trace", "log_det"}) {
            for (int j = 1; j <= components; j++) {
                names.add(what + "_" + j);
            }
        }
        return List.copyOf(names);
    }

    /**
     * @param first generation 1's fit, or null at generation 0 (its L2 is then NaN: there is no fit yet)
     * @param heldOut the held-out points, weighed against mixtures of {@code components} components
     * @param fitted false for the original (generation 0): no EM ran, its convergence is NaN
     */
    void measure(Mixture model, Mixture original, Mixture first, Responsibilities heldOut, boolean fitted, double[] out) {
        final double self = overlap(model, model);
        out[L2_TO_ORIGINAL] = distance(self, model, original);
        out[L2_TO_FIRST] = first == null ? Double.NaN : distance(self, model, first);
        out[HELDOUT_NLL] = model.pointMass() ? Double.POSITIVE_INFINITY : -heldOut.expect(model) / heldOut.count;
        out[ALIVE] = model.alive();
        out[EFFECTIVE] = model.effectiveComponents();
        out[ITERATIONS] = fitted ? model.iterations : 0;
        out[CONVERGED] = fitted ? (model.converged ? 1 : 0) : Double.NaN;
        // Insertion sort by decreasing weight, stable: k is small, and this allocates nothing.
        for (int j = 0; j < components; j++) {
            int at = j;
            while (at > 0 && model.weights[order[at - 1]] < model.weights[j]) {
                order[at] = order[at - 1];
                at--;
            }
            order[at] = j;
        }
        for (int c = 0; c < components; c++) {
            final int j = order[c];
            final boolean alive = model.weights[j] > 0;
            out[PER_COMPONENT + c] = model.weights[j];
            out[PER_COMPONENT + components + c] = alive ? model.trace(j) : 0;
            out[PER_COMPONENT + 2 * components + c] = alive ? model.logDet(j) : Double.NEGATIVE_INFINITY;
        }
    }

    private double distance(double self, Mixture f, Mixture g) {
        final double value = self - 2 * overlap(f, g) + overlap(g, g);
        return Double.isNaN(value) ? Double.POSITIVE_INFINITY : Math.max(0, value);
    }

    /** @return ∫ f g = sum_ij a_i b_j N(mu_i - mu_j; 0, Sigma_i + Sigma_j), over alive components */
    double overlap(Mixture f, Mixture g) {
        double total = 0;
        for (int i = 0; i < f.k; i++) {
            if (!(f.weights[i] > 0)) {
                continue;
            }
            for (int j = 0; j < g.k; j++) {
                if (g.weights[j] > 0) {
                    total += f.weights[i] * g.weights[j] * productIntegral(f, i, g, j);
                }
            }
        }
        return total;
    }

    /** @return N(mu_i - mu_j; 0, Sigma_i + Sigma_j): infinite for two equal point masses, 0 for two different ones */
    private double productIntegral(Mixture f, int i, Mixture g, int j) {
        boolean same = true;
        for (int r = 0; r < d; r++) {
            diff[r] = f.means[i][r] - g.means[j][r];
            same &= diff[r] == 0;
            for (int s = r; s < d; s++) {
                sum[r * stride + s] = f.covariance(i, r, s) + g.covariance(j, r, s);
            }
        }
        if (Cholesky.factorUpper(sum, d, stride, d, factor) != d) {
            return same ? Double.POSITIVE_INFINITY : 0;
        }
        double logDiagonal = 0;
        double sq = 0;
        for (int r = 0; r < d; r++) {
            double v = diff[r];
            for (int s = 0; s < r; s++) {
                v -= factor[s * stride + r] * y[s];
            }
            v /= factor[r * stride + r];
            y[r] = v;
            sq += v * v;
            logDiagonal += Math.log(factor[r * stride + r]);
        }
        return Math.exp(-0.5 * d * Math.log(2 * Math.PI) - logDiagonal - 0.5 * sq);
    }
}
