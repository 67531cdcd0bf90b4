package org.modelcollapse.gmm;

import org.apache.commons.rng.UniformRandomProvider;
import org.modelcollapse.simd.Kernels;
import org.modelcollapse.simd.MixtureKernels;

/**
 * EM for a k-component Gaussian mixture, as scikit-learn's {@code GaussianMixture} defines it
 * (sklearn/mixture/_base.py and _gaussian_mixture.py), so that runs compare with it: an
 * initialisation gives responsibilities (or, warm, the previous model); then each iteration is an
 * E-step, whose mean log-likelihood of the points is the lower bound, followed by an M-step; EM has
 * converged when the lower bound changed by less than {@code tol}, and stops after {@code maxIter}
 * iterations otherwise. The M-step: n_j = sum_i r_ij + 10 eps, w_j = n_j / sum n, mu_j = sum_i r_ij x_i
 * / n_j, Sigma_j = sum_i r_ij (x_i - mu_j)(x_i - mu_j)^T / n_j + reg I (diagonal: its diagonal;
 * spherical: the diagonal's mean, in every direction).
 *
 * <p>Densities go through the Cholesky factors, and the E-step through log-sum-exp, never an inverse.
 * Where scikit-learn stops with an error, because a component's covariance is not positive definite
 * (with {@code reg = 0}, a component left with fewer than d + 1 distinct points), the rule here is:
 * that component dies (weight 0, left out of every later density, draw and M-step) and EM goes on
 * with the others, renormalising their weights. If every component dies, the data are a single
 * point repeated: the model is then that point mass (component 0, weight 1, zero covariance), and
 * no EM iteration is run.
 */
final class ExpectationMaximisation {
    private static final double TEN_EPS = 10 * Math.ulp(1.0);

    private final int k;
    private final int d;
    private final int stride;
    private final CovarianceType type;
    private final Initialisation init;
    private final double tol;
    private final int maxIter;
    private final double reg;
    private final KMeans kmeans;
    private final MixtureKernels kernels = Kernels.mixture();
    private final Responsibilities points;
    private final double[] covariance;
    private final double[] sums;
    private final int[] seeds;
    /** Components still alive in the current fit: one that dies stays dead. */
    private final boolean[] alive;
    /** If set (by tests), receives the lower bound of each iteration of the last fit. */
    double[] lowerBounds;
    private int[] labels = new int[0];

    ExpectationMaximisation(MixtureSpec spec) {
        k = spec.components();
        d = spec.dim();
        stride = new Mixture(1, d).stride;
        type = spec.covarianceType();
        init = spec.initialisation();
        tol = spec.tolerance();
        maxIter = spec.maxIterations();
        reg = spec.regularisation();
        kmeans = new KMeans(k, d, stride);
        points = new Responsibilities(k, d, stride);
        covariance = new double[d * stride];
        sums = new double[d + 1];
        seeds = new int[k];
        alive = new boolean[k];
    }

    /**
     * Fits {@code model} to the n points (n &gt;= k).
     *
     * @param model Modified: the fit; with {@link Initialisation#WARM} it holds the previous
     *     generation's model on entry and is the starting point (a model that has not been fitted by EM
     *     yet, generation 0's, starts by k-means instead)
     */
    void fit(double[] x, int n, Mixture model, UniformRandomProvider rng) {
        grow(n);
        points.load(x, n);
        for (int j = k; j < model.k; j++) {
            model.weights[j] = 0; // columns kept for an original of more components than the model
        }
        double lowerBound = Double.NEGATIVE_INFINITY;
        if (init == Initialisation.WARM && model.iterations > 0) {
            lowerBound = model.lowerBound;
            for (int j = 0; j < k; j++) {
                alive[j] = model.weights[j] > 0;
            }
        } else {
            java.util.Arrays.fill(alive, true);
            initialResponsibilities(x, n, rng);
            if (!maximise(model)) {
                pointMass(x, model);
                model.iterations = 0;
                return;
            }
        }
        model.converged = false;
        int iteration = 0;
        while (iteration < maxIter) {
            iteration++;
            final double previous = lowerBound;
            lowerBound = points.expect(model) / n;
            if (lowerBounds != null && iteration <= lowerBounds.length) {
                lowerBounds[iteration - 1] = lowerBound;
            }
            if (!maximise(model)) {
                pointMass(x, model);
                model.iterations = iteration;
                return;
            }
            if (Math.abs(lowerBound - previous) < tol) {
                model.converged = true;
                break;
            }
        }
        model.iterations = Math.max(iteration, 1);
        model.lowerBound = lowerBound;
    }

    /** Responsibilities of the initialisation (warm starts too, at generation 1: they have no previous fit). */
    private void initialResponsibilities(double[] x, int n, UniformRandomProvider rng) {
        final double[] r = points.rows;
        final int pitch = points.pitch;
        java.util.Arrays.fill(r, 0, k * pitch, 0);
        switch (init) {
            case KMEANS, WARM -> {
                kmeans.cluster(x, n, rng, seeds, labels);
                for (int i = 0; i < n; i++) {
                    r[labels[i] * pitch + i] = 1;
                }
            }
            case KMEANS_PLUS_PLUS -> {
                kmeans.seed(x, n, rng, seeds);
                for (int j = 0; j < k; j++) {
                    r[j * pitch + seeds[j]] = 1;
                }
            }
            case RANDOM -> {
                for (int i = 0; i < n; i++) {
                    double total = 0;
                    for (int j = 0; j < k; j++) {
                        r[j * pitch + i] = rng.nextDouble();
                        total += r[j * pitch + i];
                    }
                    for (int j = 0; j < k; j++) {
                        r[j * pitch + i] /= total;
                    }
                }
            }
        }
    }

    /**
     * M-step from the responsibilities; components whose covariance is not positive definite die.
     *
     * @return false if every component died
     */
    private boolean maximise(Mixture model) {
        double weightTotal = 0;
        for (int j = 0; j < k; j++) {
            if (!alive[j]) {
                model.weights[j] = 0;
                continue;
            }
            kernels.weightedSums(points.rows, j * points.pitch, points.columns, points.pitch, d, sums);
            final double nk = sums[0] + TEN_EPS;
            final double[] mean = model.means[j];
            for (int c = 0; c < d; c++) {
                mean[c] = sums[1 + c] / nk;
            }
            scatter(j, mean, nk);
            alive[j] = model.factorCovariance(j, covariance);
            model.weights[j] = alive[j] ? nk : 0;
            weightTotal += model.weights[j];
        }
        if (weightTotal == 0) {
            return false;
        }
        for (int j = 0; j < k; j++) {
            model.weights[j] /= weightTotal;
        }
        return true;
    }

    /** Component j's covariance of the covariance type, regularised, into {@link #covariance}. */
    private void scatter(int j, double[] mean, double nk) {
        java.util.Arrays.fill(covariance, 0);
        kernels.weightedScatter(points.rows, j * points.pitch, points.columns, points.pitch, d, mean, type != CovarianceType.FULL,
                covariance, stride);
        double sphere = 0;
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                covariance[a * stride + b] /= nk;
            }
            covariance[a * stride + a] += reg;
            sphere += covariance[a * stride + a];
        }
        if (type == CovarianceType.SPHERICAL) {
            for (int a = 0; a < d; a++) {
                covariance[a * stride + a] = sphere / d;
            }
        }
    }

    /** Every component died: the data are one point repeated, and the model is that point mass. */
    private void pointMass(double[] x, Mixture model) {
        java.util.Arrays.fill(model.weights, 0);
        model.weights[0] = 1;
        java.util.Arrays.fill(model.means[0], 0);
        System.arraycopy(x, 0, model.means[0], 0, d);
        java.util.Arrays.fill(model.factors[0], 0);
        model.logNormaliser[0] = Double.POSITIVE_INFINITY;
        model.converged = true;
        model.lowerBound = Double.POSITIVE_INFINITY;
    }

    private void grow(int n) {
        if (labels.length < n) {
            labels = new int[Math.max(n, 2 * labels.length)];
        }
    }
}
