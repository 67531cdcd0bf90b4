package org.modelcollapse.linalg;

import org.modelcollapse.simd.RotationKernels;

/**
 * Golub-Kahan bidiagonalisation of a square matrix by Householder reflections from both sides
 * (G. H. Golub and W. Kahan, "Calculating the singular values and pseudo-inverse of a matrix",
 * J. SIAM Numer. Anal. 2 (1965) 205-224; G. H. Golub and C. F. Van Loan, Matrix Computations, 4th ed.,
 * Algorithm 5.4.2): Q^T A P = B, upper bidiagonal, with the singular values of A. The rows are first
 * sorted by decreasing norm, which leaves the singular values as they are and keeps reflections from
 * the left, which combine rows k..d-1, from mixing a small row into a large one's rounding error (the
 * row sorting of A. J. Cox and N. J. Higham, "Stability of Householder QR factorization for weighted
 * least squares problems", 1998). Row-major with a row stride; every update is a loop along rows.
 * Allocation-free after construction.
 */
final class Bidiagonalisation {
    private final int d;
    private final int stride;
    private final double[] work;
    private final double[] v;
    /** The left reflection's coefficients -v_r / beta. */
    private final double[] g;
    private final double[] diagonal;
    private final double[] superdiagonal;
    private final double[] rowNorms;
    private final int[] order;
    private final RotationKernels kernels;
    private final double[] partials;

    Bidiagonalisation(int d, int stride, RotationKernels kernels) {
        this.d = d;
        this.kernels = kernels;
        this.stride = stride;
        work = new double[(d + 1) * stride]; // and a spare row for the right reflections' vectors
        v = new double[d];
        g = new double[d];
        partials = new double[d * RotationKernels.PARTIALS];
        diagonal = new double[d];
        superdiagonal = new double[Math.max(1, d - 1)];
        rowNorms = new double[d];
        order = new int[d];
    }

    /**
     * Bidiagonalises an upper-triangular U.
     *
     * @param u d x d, row stride {@code stride}; entries on and above the diagonal are read; unchanged
     * @return the number of rows of U that are not zero: the bidiagonal's rows from there on are zero
     */
    int compute(double[] u) {
        sortRows(u);
        for (int r = 0; r < d; r++) {
            final int i = order[r];
            final int row = r * stride;
            java.util.Arrays.fill(work, row, row + i, 0);
            System.arraycopy(u, i * stride + i, work, row + i, d - i);
            java.util.Arrays.fill(work, row + d, row + stride, 0);
        }
        for (int k = 0; k < d; k++) {
            diagonal[k] = reflectColumn(k);
            if (k < d - 1) {
                superdiagonal[k] = reflectRow(k);
            }
        }
        int nonZero = 0;
        while (nonZero < d && rowNorms[nonZero] > 0) {
            nonZero++;
        }
        return nonZero;
    }

    /** Fills {@link #order} with U's rows by decreasing norm (insertion sort: d is small). */
    private void sortRows(double[] u) {
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int j = i; j < d; j++) {
                s = Math.fma(u[i * stride + j], u[i * stride + j], s);
            }
            int k = i;
            while (k > 0 && rowNorms[k - 1] < s) {
                rowNorms[k] = rowNorms[k - 1];
                order[k] = order[k - 1];
                k--;
            }
            rowNorms[k] = s;
            order[k] = i;
        }
    }

    /** The left reflection zeroing column k below the diagonal; @return the new diagonal entry. */
    private double reflectColumn(int k) {
        double scale = 0;
        for (int r = k; r < d; r++) {
            scale = Math.max(scale, Math.abs(work[r * stride + k]));
        }
        double below = 0;
        for (int r = k + 1; r < d; r++) {
            below = Math.max(below, Math.abs(work[r * stride + k]));
        }
        if (below == 0) {
            return work[k * stride + k]; // nothing to zero; the reflection would be the identity
        }
        double norm2 = 0;
        for (int r = k; r < d; r++) {
            final double x = work[r * stride + k] / scale;
            v[r] = x;
            norm2 += x * x;
        }
        final double alpha = -Math.copySign(Math.sqrt(norm2), v[k]);
        // H = I - v v^T / (alpha (alpha - x_k)) ... written with v_k = x_k - alpha and beta = v^T v / 2.
        v[k] -= alpha;
        final double beta = -alpha * v[k];
        // w = v^T A(k.., k..), a combination of rows, into the spare row; then A -= v w^T / beta. The
        // rows run from the group boundary below k, where they are zero; column k itself is set below.
        final int h = d * stride;
        final int from = k / RotationKernels.GROUP * RotationKernels.GROUP;
        kernels.combineRows(work, h, k, d, stride, from, stride, v);
        for (int r = k; r < d; r++) {
            g[r] = -v[r] / beta;
        }
        kernels.addToRows(work, h, k, d, stride, from, stride, g);
        for (int r = k + 1; r < d; r++) {
            work[r * stride + k] = 0; // what the reflection made zero, so that later dot products may start early
        }
        return alpha * scale;
    }

    /** The right reflection zeroing row k beyond the superdiagonal; @return the new superdiagonal entry. */
    private double reflectRow(int k) {
        final int row = k * stride;
        final int first = k + 1;
        double scale = 0;
        for (int c = first; c < d; c++) {
            scale = Math.max(scale, Math.abs(work[row + c]));
        }
        double beyond = 0;
        for (int c = first + 1; c < d; c++) {
            beyond = Math.max(beyond, Math.abs(work[row + c]));
        }
        if (beyond == 0) {
            return work[row + first];
        }
        // The reflector's vector goes into the spare row, zero outside [first, d), so that the dot
        // products below may run from the group boundary below first (the rows are zero there too).
        final int h = d * stride;
        final int aligned = first / RotationKernels.GROUP * RotationKernels.GROUP;
        java.util.Arrays.fill(work, h + aligned, h + first, 0);
        double norm2 = 0;
        for (int c = first; c < d; c++) {
            final double x = work[row + c] / scale;
            work[h + c] = x;
            norm2 += x * x;
        }
        final double alpha = -Math.copySign(Math.sqrt(norm2), work[h + first]);
        work[h + first] -= alpha;
        final double beta = -alpha * work[h + first];
        // Rows below k: A(r, first..) -= (A(r, first..) . v) v^T / beta.
        kernels.reflectRows(work, h, k + 1, d, stride, aligned, stride, beta, partials);
        return alpha * scale;
    }

    /** @return the bidiagonal's diagonal, d values (signs arbitrary) */
    double[] diagonal() {
        return diagonal;
    }

    /** @return the bidiagonal's superdiagonal, d - 1 values (signs arbitrary) */
    double[] superdiagonal() {
        return superdiagonal;
    }
}
