package org.modelcollapse.gmm;

import org.apache.commons.rng.UniformRandomProvider;

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
    private final double[] covariance;
    private final double[] y;
    private final double[] logWeighted;
    private final double[] logWeights;
    private final int[] seeds;
    /** Components still alive in the current fit: one that dies stays dead. */
    private final boolean[] alive;
    private double[] responsibilities = new double[0];
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
        covariance = new double[d * stride];
        y = new double[d];
        logWeighted = new double[k];
        logWeights = new double[k];
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
            if (!maximise(x, n, model)) {
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
            lowerBound = expect(x, n, model);
            if (lowerBounds != null && iteration <= lowerBounds.length) {
                lowerBounds[iteration - 1] = lowerBound;
            }
            if (!maximise(x, n, model)) {
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
        final double[] r = responsibilities;
        switch (init) {
            case KMEANS, WARM -> {
                kmeans.cluster(x, n, rng, seeds, labels);
                java.util.Arrays.fill(r, 0, n * k, 0);
                for (int i = 0; i < n; i++) {
                    r[i * k + labels[i]] = 1;
                }
            }
            case KMEANS_PLUS_PLUS -> {
                kmeans.seed(x, n, rng, seeds);
                java.util.Arrays.fill(r, 0, n * k, 0);
                for (int j = 0; j < k; j++) {
                    r[seeds[j] * k + j] = 1;
                }
            }
            case RANDOM -> {
                for (int i = 0; i < n; i++) {
                    double total = 0;
                    for (int j = 0; j < k; j++) {
                        r[i * k + j] = rng.nextDouble();
                        total += r[i * k + j];
                    }
                    for (int j = 0; j < k; j++) {
                        r[i * k + j] /= total;
                    }
                }
            }
        }
    }

    /**
     * E-step: the responsibilities r_ij = w_j N(x_i; j) / sum_l w_l N(x_i; l), by log-sum-exp.
     *
     * @return the mean over points of ln sum_j w_j N(x_i; j), the lower bound
     */
    private double expect(double[] x, int n, Mixture model) {
        for (int j = 0; j < k; j++) {
            logWeights[j] = model.weights[j] > 0 ? Math.log(model.weights[j]) : Double.NEGATIVE_INFINITY;
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                logWeighted[j] = model.weights[j] > 0 ? logWeights[j] + model.logDensity(j, x, i * stride, y) : Double.NEGATIVE_INFINITY;
                max = Math.max(max, logWeighted[j]);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                final double e = Math.exp(logWeighted[j] - max);
                responsibilities[i * k + j] = e;
                sum += e;
            }
            final double inverse = 1 / sum;
            for (int j = 0; j < k; j++) {
                responsibilities[i * k + j] *= inverse;
            }
            total += max + Math.log(sum);
        }
        return total / n;
    }

    /**
     * M-step from the responsibilities; components whose covariance is not positive definite die.
     *
     * @return false if every component died
     */
    private boolean maximise(double[] x, int n, Mixture model) {
        double weightTotal = 0;
        for (int j = 0; j < k; j++) {
            if (!alive[j]) {
                model.weights[j] = 0;
                continue;
            }
            double nk = TEN_EPS;
            for (int i = 0; i < n; i++) {
                nk += responsibilities[i * k + j];
            }
            final double[] mean = model.means[j];
            java.util.Arrays.fill(mean, 0);
            for (int i = 0; i < n; i++) {
                final double r = responsibilities[i * k + j];
                for (int c = 0; c < d; c++) {
                    mean[c] += r * x[i * stride + c];
                }
            }
            for (int c = 0; c < d; c++) {
                mean[c] /= nk;
            }
            scatter(x, n, j, mean, nk);
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
    private void scatter(double[] x, int n, int j, double[] mean, double nk) {
        java.util.Arrays.fill(covariance, 0);
        for (int i = 0; i < n; i++) {
            final double r = responsibilities[i * k + j];
            if (r == 0) {
                continue;
            }
            for (int a = 0; a < d; a++) {
                final double da = x[i * stride + a] - mean[a];
                if (type == CovarianceType.FULL) {
                    for (int b = a; b < d; b++) {
                        covariance[a * stride + b] += r * da * (x[i * stride + b] - mean[b]);
                    }
                } else {
                    covariance[a * stride + a] += r * da * da;
                }
            }
        }
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
        if (responsibilities.length < n * k) {
            responsibilities = new double[n * k];
            labels = new int[n];
        }
    }
}
