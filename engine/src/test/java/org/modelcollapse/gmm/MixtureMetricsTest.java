package org.modelcollapse.gmm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MixtureMetricsTest {
    /** @param covariances d x d row-major per component */
    private static Mixture mixture(int d, double[] weights, double[] means, double[] covariances) {
        final Mixture m = new Mixture(weights.length, d);
        final double[] c = new double[d * m.stride];
        for (int j = 0; j < weights.length; j++) {
            m.weights[j] = weights[j];
            System.arraycopy(means, j * d, m.means[j], 0, d);
            for (int r = 0; r < d; r++) {
                System.arraycopy(covariances, j * d * d + r * d, c, r * m.stride, d);
            }
            m.factorCovariance(j, c);
        }
        return m;
    }

    /** The mixture's density at x, in one or two dimensions, by the textbook formulas (explicit 2 x 2 determinant and inverse). */
    private static double density(Mixture m, double[] x) {
        double p = 0;
        for (int j = 0; j < m.k; j++) {
            if (m.weights[j] == 0) {
                continue;
            }
            final double[] mu = m.means[j];
            if (m.d == 1) {
                final double v = m.covariance(j, 0, 0);
                p += m.weights[j] * Math.exp(-0.5 * (x[0] - mu[0]) * (x[0] - mu[0]) / v) / Math.sqrt(2 * Math.PI * v);
            } else {
                final double a = m.covariance(j, 0, 0);
                final double b = m.covariance(j, 0, 1);
                final double c = m.covariance(j, 1, 1);
                final double det = a * c - b * b;
                final double u = x[0] - mu[0];
                final double w = x[1] - mu[1];
                final double q = (c * u * u - 2 * b * u * w + a * w * w) / det;
                p += m.weights[j] * Math.exp(-0.5 * q) / (2 * Math.PI * Math.sqrt(det));
            }
        }
        return p;
    }

    /** In one dimension the closed-form squared L2 distance equals Simpson's rule on [-30, 30] (400000 panels) to 1e-10 relative. */
    @Test
    void l2MatchesQuadratureInOneDimension() {
        final Mixture f = mixture(1, new double[] {0.4, 0.6}, new double[] {-1, 2}, new double[] {0.5, 2});
        final Mixture g = mixture(1, new double[] {0.2, 0.5, 0.3}, new double[] {-2, 0.5, 3}, new double[] {1, 0.3, 1.5});
        final int panels = 400_000;
        final double a = -30;
        final double h = 60.0 / panels;
        double integral = 0;
        final double[] x = new double[1];
        for (int i = 0; i <= panels; i++) {
            x[0] = a + i * h;
            final double diff = density(f, x) - density(g, x);
            integral += (i == 0 || i == panels ? 1 : i % 2 == 1 ? 4 : 2) * diff * diff;
        }
        integral *= h / 3;
        final MixtureMetrics metrics = new MixtureMetrics(1, f.stride, 3);
        final double closed = metrics.overlap(f, f) - 2 * metrics.overlap(f, g) + metrics.overlap(g, g);
        assertEquals(integral, closed, 1e-10 * integral);
    }

    /**
     * In two dimensions, with correlated components, it equals the trapezoidal rule on [-15, 15]^2 with
     * step 0.01 (spectrally accurate for these smooth, decaying integrands) to 1e-8 relative.
     */
    @Test
    void l2MatchesQuadratureInTwoDimensions() {
        final Mixture f = mixture(2, new double[] {0.5, 0.5}, new double[] {0, 0, 2, 1}, new double[] {1, 0.5, 0.5, 1, 0.7, -0.2, -0.2, 0.4});
        final Mixture g = mixture(2, new double[] {1}, new double[] {0.5, 0.3}, new double[] {1.5, 0.2, 0.2, 0.8});
        final double step = 0.01;
        final int points = (int) Math.round(30 / step);
        final double[] x = new double[2];
        double integral = 0;
        for (int i = 0; i <= points; i++) {
            x[0] = -15 + i * step;
            for (int j = 0; j <= points; j++) {
                x[1] = -15 + j * step;
                final double diff = density(f, x) - density(g, x);
                integral += diff * diff;
            }
        }
        integral *= step * step;
        final MixtureMetrics metrics = new MixtureMetrics(2, f.stride, 2);
        final double closed = metrics.overlap(f, f) - 2 * metrics.overlap(f, g) + metrics.overlap(g, g);
        assertEquals(integral, closed, 1e-8 * integral);
    }

    /** The held-out negative log-likelihood is -mean ln f(x_i), here against the densities computed directly. */
    @Test
    void heldOutNegativeLogLikelihood() {
        final Mixture f = mixture(2, new double[] {0.3, 0.7}, new double[] {0, 0, 3, -1}, new double[] {1, 0.2, 0.2, 0.5, 2, 0, 0, 1});
        final double[][] xy = {{0.1, 0.2}, {2.5, -0.5}, {-1, 3}};
        final double[] points = new double[3 * f.stride];
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            points[i * f.stride] = xy[i][0];
            points[i * f.stride + 1] = xy[i][1];
            expected -= Math.log(density(f, xy[i])) / 3;
        }
        final MixtureMetrics metrics = new MixtureMetrics(2, f.stride, 2);
        final double[] out = new double[MixtureMetrics.names(2).size()];
        final Responsibilities heldOut = new Responsibilities(2, 2, f.stride);
        heldOut.load(points, 3);
        metrics.measure(f, f, null, heldOut, false, out);
        assertEquals(expected, out[MixtureMetrics.HELDOUT_NLL], 1e-13 * Math.abs(expected));
        assertEquals(0, out[MixtureMetrics.L2_TO_ORIGINAL], 1e-15);
        assertEquals(0.7, out[MixtureMetrics.PER_COMPONENT], "weights sorted, largest first");
        assertEquals(3, out[MixtureMetrics.PER_COMPONENT + 2], 1e-14, "tr Sigma of the heavier component");
    }
}
