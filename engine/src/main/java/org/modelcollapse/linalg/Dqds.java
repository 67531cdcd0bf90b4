package org.modelcollapse.linalg;

/**
 * Singular values of an upper bidiagonal matrix to high relative accuracy by the differential
 * quotient-difference algorithm with shifts (K. V. Fernando and B. N. Parlett, "Accurate singular
 * values and differential qd algorithms", Numer. Math. 67 (1994) 191-229): on q_i = a_i^2 and
 * e_i = b_i^2 each transform computes the qd array of B^T B - tau I without subtractions of like
 * quantities, so every eigenvalue keeps its relative accuracy however small. The shift is the smaller
 * eigenvalue of the trailing 2 x 2 block of B^T B (as Wilkinson's shift in the QR algorithm), capped
 * by the last transform's smallest d (an upper bound of the smallest eigenvalue), and stops just short
 * of it; a transform that would make a value non-positive is retried with half the shift, and after a
 * few tries with none (always safe). The bottom value deflates when its coupling e_(m-1) can move it by
 * no more than 2e-14 relative to the whole eigenvalue. Allocation-free after construction.
 */
final class Dqds {
    /** Transforms after which the values are deemed not to converge (typical: 2 to 4 per value). */
    private static final int MAX_TRANSFORMS_PER_VALUE = 60;
    private static final double EPS = Math.ulp(1.0) / 2;
    /**
     * The bottom value deflates once e_(m-1) &lt;= (100 epsilon)^2 lambda: dropping it moves sqrt(lambda - S)
     * by at most sqrt(e_(m-1)), hence lambda by at most 2 * 100 epsilon lambda (LAPACK's dlasq2 tolerance).
     */
    private static final double DEFLATION = (100 * EPS) * (100 * EPS);
    /** Shifts stop short of the estimate by this share: a shift equal to an eigenvalue fails by rounding. */
    private static final double SHORT = 1.0 / 1024;

    private final double[] q;
    private final double[] e;
    private final double[] qNext;
    private final double[] eNext;
    private final double[] eigenvalues;
    private double dMin;

    Dqds(int n) {
        q = new double[n];
        e = new double[Math.max(1, n)];
        qNext = new double[n];
        eNext = new double[Math.max(1, n)];
        eigenvalues = new double[n];
    }

    /**
     * @param a the diagonal, n values (non-zero, and with squares that do not underflow)
     * @param b the superdiagonal, n - 1 values
     * @return false if it did not converge; the squared singular values are then unspecified
     */
    boolean compute(double[] a, double[] b, int n) {
        // Rows in order of decreasing size converge bottom-first; reverse a matrix graded the other way
        // (J B^T J is upper bidiagonal with the same singular values).
        final boolean reverse = 1.5 * Math.abs(a[0]) < Math.abs(a[n - 1]);
        for (int i = 0; i < n; i++) {
            final double ai = reverse ? a[n - 1 - i] : a[i];
            q[i] = ai * ai;
            if (i < n - 1) {
                final double bi = reverse ? b[n - 2 - i] : b[i];
                e[i] = bi * bi;
            }
        }
        double shiftTotal = 0;
        double tau = 0;
        int m = n;
        int transforms = 0;
        while (m > 0) {
            if (m == 1) {
                eigenvalues[0] = shiftTotal + q[0];
                return true;
            }
            final double value = shiftTotal + q[m - 1];
            if (e[m - 2] <= DEFLATION * value) {
                eigenvalues[m - 1] = value;
                m--;
                tau = m >= 2 ? trailingSmallest(m) * (1 - SHORT) : 0;
                continue;
            }
            if (++transforms > MAX_TRANSFORMS_PER_VALUE * n) {
                return false;
            }
            for (int attempt = 0; !transform(m, tau); attempt++) {
                tau = attempt < 3 ? tau / 2 : 0;
            }
            shiftTotal += tau;
            System.arraycopy(qNext, 0, q, 0, m);
            System.arraycopy(eNext, 0, e, 0, m - 1);
            tau = Math.min(dMin, trailingSmallest(m)) * (1 - SHORT);
        }
        return true;
    }

    /**
     * @return the smaller eigenvalue of the trailing 2 x 2 block [[x, y], [y, z]] of B^T B, x = q_(m-2)
     *     + e_(m-3), y^2 = q_(m-2) e_(m-2), z = q_(m-1) + e_(m-2), as (x z - y^2) / (larger eigenvalue)
     */
    private double trailingSmallest(int m) {
        final double x = q[m - 2] + (m >= 3 ? e[m - 3] : 0);
        final double z = q[m - 1] + e[m - 2];
        final double larger = ((x + z) + Math.sqrt((x - z) * (x - z) + 4 * q[m - 2] * e[m - 2])) / 2;
        // x z - y^2 = q_(m-2) q_(m-1) + e_(m-3) z: no cancellation.
        final double determinant = q[m - 2] * q[m - 1] + (m >= 3 ? e[m - 3] : 0) * z;
        return larger > 0 ? determinant / larger : 0;
    }

    /**
     * One dqds transform of the leading m values with shift tau into qNext, eNext; sets dMin.
     *
     * @return false if a value came out non-positive (tau too large; nothing is kept)
     */
    private boolean transform(int m, double tau) {
        double d = q[0] - tau;
        if (!(d > 0) && tau > 0) {
            return false;
        }
        double min = d;
        for (int i = 0; i < m - 1; i++) {
            final double qi = d + e[i];
            qNext[i] = qi;
            final double t = q[i + 1] / qi;
            eNext[i] = e[i] * t;
            d = d * t - tau;
            if (!(d > 0) && tau > 0) {
                return false;
            }
            min = Math.min(min, d);
        }
        qNext[m - 1] = d;
        dMin = Math.max(0, min);
        return true;
    }

    /** @return the i-th eigenvalue of B^T B (squared singular value), in no particular order */
    double eigenvalue(int i) {
        return eigenvalues[i];
    }
}
