package org.modelcollapse.gmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;

class ExpectationMaximisationTest {
    /** Two components 10 standard deviations apart: a point is assigned to the wrong one with probability below 1e-20. */
    private static final double[] WEIGHTS = {0.3, 0.7};
    private static final double[] MEANS = {-5, 0, 5, 1};
    private static final double[] COVARIANCES = {1, 0, 0, 0.5, 2, 0.3, 0.3, 1};

    private static MixtureSpec spec(int k, int m, double reg, Initialisation init, CovarianceType type) {
        return new MixtureSpec(2, k, WEIGHTS, MEANS, COVARIANCES, type, init, 1e-8, 2000, reg, SampleSizeSchedule.constant(m),
                Regime.replace(), 10);
    }

    /** n points from the spec's original mixture. */
    private static MixturePoints draw(MixtureSpec spec, int n, long seed) {
        final MixtureFamily family = new MixtureFamily(spec);
        family.reset(RandomSource.L64_X128_MIX.create(seed));
        final MixturePoints points = family.newData();
        family.drawOriginal(n, points);
        return points;
    }

    /**
     * EM on N = 40000 points of a well-separated mixture recovers every weight, mean and covariance entry
     * within 5 standard errors of its estimator (weight: sqrt(w(1 - w)/N); mean: sqrt(Sigma_rr / (w N));
     * covariance entry: sqrt((Sigma_rr Sigma_ss + Sigma_rs^2) / (w N))), for every initialisation, with
     * scikit-learn's default regularisation 1e-6 (k-means++ starts from one point per component, whose
     * covariance is the regularisation alone).
     */
    @ParameterizedTest
    @EnumSource(Initialisation.class)
    void recoversAWellSeparatedMixture(Initialisation init) {
        final long seed = 20241;
        final int n = 40_000;
        final MixtureSpec spec = spec(2, n, 1e-6, init, CovarianceType.FULL);
        final MixturePoints x = draw(spec, n, seed);
        final Mixture model = new Mixture(2, 2);
        new ExpectationMaximisation(spec).fit(x.rows, x.count, model, RandomSource.L64_X128_MIX.create(seed + 1));
        assertTrue(model.converged, "converged (seed " + seed + ")");
        for (int c = 0; c < 2; c++) {
            final int j = Math.abs(model.means[0][0] - MEANS[2 * c]) < 1 ? 0 : 1;
            final double w = WEIGHTS[c];
            assertEquals(w, model.weights[j], 5 * Math.sqrt(w * (1 - w) / n), "weight " + c + " (seed " + seed + ")");
            for (int r = 0; r < 2; r++) {
                final double srr = COVARIANCES[4 * c + 3 * r];
                assertEquals(MEANS[2 * c + r], model.means[j][r], 5 * Math.sqrt(srr / (w * n)), "mean " + c + "," + r + " (seed " + seed + ")");
                for (int s = r; s < 2; s++) {
                    final double rs = COVARIANCES[4 * c + 2 * r + s];
                    final double se = Math.sqrt((srr * COVARIANCES[4 * c + 3 * s] + rs * rs) / (w * n));
                    assertEquals(rs, model.covariance(j, r, s), 5 * se, "covariance " + c + " (" + r + "," + s + ") (seed " + seed + ")");
                }
            }
        }
    }

    /** EM's objective, the mean log-likelihood, never decreases from one iteration to the next (overlapping components, tol 1e-8). */
    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void lowerBoundNeverDecreases(CovarianceType type) {
        final long seed = 77;
        final MixtureSpec spec = spec(3, 500, 1e-6, Initialisation.RANDOM, type).withOriginal(new double[] {0.5, 0.5},
                new double[] {0, 0, 1.5, 0.5}, new double[] {1, 0.2, 0.2, 1, 1, 0, 0, 2});
        final MixturePoints x = draw(spec, 500, seed);
        final ExpectationMaximisation em = new ExpectationMaximisation(spec);
        em.lowerBounds = new double[2000];
        final Mixture model = new Mixture(3, 2);
        em.fit(x.rows, x.count, model, RandomSource.L64_X128_MIX.create(seed + 1));
        assertTrue(model.iterations > 5, "a fit of several iterations: " + model.iterations);
        for (int i = 1; i < model.iterations; i++) {
            final double drop = em.lowerBounds[i - 1] - em.lowerBounds[i];
            assertTrue(drop <= 1e-12 * Math.abs(em.lowerBounds[i]), type + ": lower bound fell at iteration " + (i + 1) + " by " + drop
                    + " (seed " + seed + ")");
        }
    }

    /** Without regularisation, identical points kill every component: the fit is that point mass, recorded, with no NaN. */
    @Test
    void identicalPointsGiveAPointMass() {
        final MixtureSpec spec = spec(2, 20, 0, Initialisation.KMEANS, CovarianceType.FULL);
        final int stride = new Mixture(1, 2).stride;
        final double[] rows = new double[20 * stride];
        for (int i = 0; i < 20; i++) {
            rows[i * stride] = 1.5;
            rows[i * stride + 1] = -2;
        }
        final Mixture model = new Mixture(2, 2);
        new ExpectationMaximisation(spec).fit(rows, 20, model, RandomSource.L64_X128_MIX.create(1L));
        assertTrue(model.pointMass(), "a point mass");
        assertEquals(1, model.alive());
        assertEquals(1.5, model.means[0][0]);
        assertEquals(-2, model.means[0][1]);
        final Mixture regularised = new Mixture(2, 2);
        new ExpectationMaximisation(spec(2, 20, 1e-6, Initialisation.KMEANS, CovarianceType.FULL)).fit(rows, 20, regularised,
                RandomSource.L64_X128_MIX.create(1L));
        assertFalse(regularised.pointMass(), "reg > 0 keeps the components: covariance reg I");
        assertEquals(1e-6, regularised.covariance(0, 0, 0), 1e-12);
    }

    /**
     * A component left on one point repeated dies (reg = 0): the others carry the weight, and nothing is NaN.
     * 60 copies of one point and 60 points of N(5, I), k = 3.
     */
    @Test
    void aCollapsedComponentDiesAndTheFitGoesOn() {
        final MixtureSpec spec = spec(3, 120, 0, Initialisation.KMEANS, CovarianceType.FULL);
        final UniformRandomProvider rng = RandomSource.L64_X128_MIX.create(5L);
        final int stride = new Mixture(1, 2).stride;
        final double[] rows = new double[120 * stride];
        for (int i = 60; i < 120; i++) {
            rows[i * stride] = 5 + gaussian(rng);
            rows[i * stride + 1] = 5 + gaussian(rng);
        }
        final Mixture model = new Mixture(3, 2);
        new ExpectationMaximisation(spec).fit(rows, 120, model, rng);
        assertTrue(model.alive() < 3, "the component on the repeated point died: alive " + model.alive());
        double total = 0;
        for (int j = 0; j < 3; j++) {
            assertTrue(Double.isFinite(model.weights[j]), "weight " + j);
            total += model.weights[j];
        }
        assertEquals(1, total, 1e-12);
    }

    private static double gaussian(UniformRandomProvider rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
