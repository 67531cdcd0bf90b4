package org.modelcollapse.gaussian;

/**
 * A fitted Gaussian N(mu, Sigma), carried as mu and an upper factor: Sigma = 4^exponent U^T U with U's
 * largest entry in [1, 2) ({@link #renormalise}), so that a covariance far outside the range of doubles
 * keeps its ln det, rank and W2 exact.
 */
final class GaussianModel {
    private static final double LN2 = Math.log(2);

    final int d;
    final int stride;
    final double[] mu;
    double[] u;
    long exponent;
    /**
     * ln u_ii of the factor in absolute scale. In replace it is carried as a sum of logs, because the
     * directions of a long run collapse at different rates (the product of Bartlett factors has distinct
     * Lyapunov exponents): U's smallest diagonal entries eventually fall below 2^-1074 times its largest,
     * which no single exponent keeps, while ln det and the rank must stay exact.
     */
    final double[] logDiagonal;
    /** 2^exponent U, for the regimes that draw points in absolute coordinates. */
    private final double[] absolute;

    GaussianModel(int d, int stride) {
        this.d = d;
        this.stride = stride;
        mu = new double[stride];
        u = new double[d * stride];
        logDiagonal = new double[d];
        absolute = new double[d * stride];
    }

    /** Makes this N(mu0, U0^T U0), exponent 0. */
    void set(double[] mu0, double[] u0) {
        System.arraycopy(mu0, 0, mu, 0, stride);
        System.arraycopy(u0, 0, u, 0, u0.length);
        exponent = 0;
        for (int i = 0; i < d; i++) {
            logDiagonal[i] = Math.log(u0[i * stride + i]);
        }
    }

    /**
     * Scales U by a power of two so that its largest entry lies in [1, 2), moving the power into
     * {@link #exponent}: exact (every entry is multiplied by a power of two, without rounding), so that
     * ln det and W2 stay exact after the covariance has left the range of doubles. In replace,
     * E ln sigma^2 falls by psi((M-1)/2) + ln(2/(M-1)) per generation, 1.27 at M = 2: without this the
     * factor would underflow after some 560 generations and the chain would look absorbed. Done every
     * generation rather than when the entries stray far, so that no branch is first taken thousands
     * of generations into a run (the JIT compiler would then recompile the step).
     */
    void renormalise() {
        double max = 0;
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                max = Math.max(max, Math.abs(u[i * stride + j]));
            }
        }
        if (max == 0) {
            return; // a zero covariance: absorbing where the regime allows
        }
        final int k = Math.getExponent(max);
        final double scale = Math.scalb(1.0, -k);
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                u[i * stride + j] *= scale;
            }
        }
        exponent += k;
    }

    /** Sets {@link #logDiagonal} from U and the exponent (for a factor that is not carried as a product). */
    void logDiagonalFromFactor() {
        for (int i = 0; i < d; i++) {
            logDiagonal[i] = Math.log(u[i * stride + i]) + exponent * LN2;
        }
    }

    /** @return true if every entry of U is zero (never by underflow, see {@link #renormalise}) */
    boolean zero() {
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                if (u[i * stride + j] != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** @return 2^exponent U (U itself when the exponent is 0) */
    double[] absoluteFactor() {
        if (exponent == 0) {
            return u;
        }
        final int e = clampedExponent();
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                absolute[i * stride + j] = Math.scalb(u[i * stride + j], e);
            }
        }
        return absolute;
    }

    /** @return the exponent within int range: beyond +-4096, 2^exponent times any double is 0 or infinite anyway */
    int clampedExponent() {
        return (int) Math.max(-4096, Math.min(4096, exponent));
    }
}
