package org.modelcollapse.linalg;

/**
 * Updates of an upper-triangular factor R of a scatter matrix S = R^T R by Givens rotations: adding
 * a row w gives the factor of S + w w^T, and adding every row of another factor merges two scatters,
 * without ever forming S (whose condition number is the square of R's). G. H. Golub and C. F. Van Loan,
 * Matrix Computations, 4th ed. (2013), §6.5 (updating the QR factorisation). Row-major with a row
 * stride; allocation-free.
 */
public final class TriangularFactor {
    private TriangularFactor() {}

    /**
     * R := factor of R^T R + w w^T, keeping R's diagonal non-negative.
     *
     * @param w Modified: entries [from, dim) are the row (entries before {@code from} must be zero); destroyed
     */
    public static void addRow(double[] r, int dim, int stride, double[] w, int from) {
        for (int j = from; j < dim; j++) {
            final double b = w[j];
            if (b == 0) {
                continue;
            }
            final int row = j * stride;
            final double a = r[row + j];
            final double h = Math.hypot(a, b);
            final double c = a / h;
            final double s = b / h;
            r[row + j] = h;
            for (int k = j + 1; k < dim; k++) {
                final double t = r[row + k];
                r[row + k] = c * t + s * w[k];
                w[k] = c * w[k] - s * t;
            }
        }
    }

    /**
     * R := factor of R^T R + Q^T Q for another upper-triangular Q.
     *
     * @param scratch at least {@code dim} values
     */
    public static void addFactor(double[] r, double[] q, int dim, int stride, double[] scratch) {
        for (int i = 0; i < dim; i++) {
            for (int k = 0; k < dim; k++) {
                scratch[k] = k < i ? 0 : q[i * stride + k];
            }
            addRow(r, dim, stride, scratch, i);
        }
    }
}
