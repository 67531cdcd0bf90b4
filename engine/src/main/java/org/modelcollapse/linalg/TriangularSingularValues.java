package org.modelcollapse.linalg;

import org.modelcollapse.simd.Kernels;
import org.modelcollapse.simd.RotationKernels;

/**
 * Singular values of an upper-triangular d x d matrix U, to high relative accuracy, so that the
 * eigenvalues of Sigma = U^T U (their squares) are right to the last digits even when Sigma's condition
 * number is far beyond 1 / epsilon; Sigma is never formed. Allocation-free after construction.
 *
 * <ul>
 *   <li>d = 1: |u_00|.</li>
 *   <li>d = 2: for U = [[f, g], [0, h]], sigma_max + sigma_min = sqrt((|f| + |h|)^2 + g^2) and
 *   sigma_max - sigma_min = sqrt((|f| - |h|)^2 + g^2) (both sums of squares, no cancellation), and
 *   sigma_min = |f h| / sigma_max, accurate in relative terms however small (J. Demmel and W. Kahan,
 *   "Accurate singular values of bidiagonal matrices", SIAM J. Sci. Stat. Comput. 11 (1990) 873-912, §6).</li>
 *   <li>d &gt;= 3: Householder bidiagonalisation with the rows sorted by decreasing norm
 *   ({@link Bidiagonalisation}), then dqds on the bidiagonal ({@link Dqds}), which is accurate in
 *   relative terms for every value. The bidiagonalisation is accurate in relative terms for the
 *   factors a chain produces, U = D B with D diagonal (their rows shrink at different exponential
 *   rates): checked against a 50-digit oracle on such factors of condition number up to 1e15, and
 *   on column-graded ones (TriangularSingularValuesTest).</li>
 *   <li>Where that path does not apply (a bidiagonal entry whose square underflows: a factor spanning
 *   more than ~1e150, or dependent non-zero rows), one-sided Jacobi (M. R. Hestenes, J. SIAM 6 (1958)
 *   51-90), about three times slower at d = 32, orthogonalises the rows of U by plane rotations until every pair
 *   has |cos angle| &lt;= d epsilon; the singular values are then the row norms. Each rotation acts on
 *   whole rows, so for U = D B the error in every value is about epsilon kappa(B) in relative terms,
 *   whatever kappa(D) is (J. Demmel and K. Veselić, "Jacobi's method is more accurate than QR", SIAM J.
 *   Matrix Anal. Appl. 13 (1992) 1204-1245). Pairs are visited in the round-robin order of R. P. Brent
 *   and F. T. Luk (SIAM J. Sci. Stat. Comput. 6 (1985) 69-84): a round's pairs are disjoint, so their
 *   rotations are planned together and overlap in the processor. Row norms are recomputed from the
 *   rotated rows, never updated by formula (that update cancels for nearly parallel rows).</li>
 * </ul>
 * Squared values below about 1e-308 of the largest round to 0, like any double.
 */
public final class TriangularSingularValues {
    /** Sweeps after which Jacobi is deemed not to converge (typical: 3 to 8). */
    private static final int MAX_SWEEPS = 40;
    private static final int GROUP = RotationKernels.GROUP;

    private final int d;
    private final int stride;
    private final double squaredTolerance;
    private final double[] work;
    private final double[] squaredNorms;
    private final double[] sigma;
    /** The first column (a multiple of GROUP) from which each working row may hold non-zeros. */
    private final int[] lead;
    /** Row pairs, two entries each, in round-robin order: one sweep. */
    private final int[] pairs;
    /** Where each round's pairs start in {@link #pairs}; one more entry for the end. */
    private final int[] roundStart;
    private final int rounds;
    /** The planned rotation of each pair of a round, by pair index; sine 0 for none. */
    private final double[] cosine;
    private final double[] sine;
    /** The kernels' partial sums: a round's dot products, {@value RotationKernels#PARTIALS} per pair, or a rotation's norms. */
    private final double[] partials;
    private final RotationKernels kernels;
    private final Bidiagonalisation bidiagonalisation;
    private final Dqds dqds;
    /** Diagonal entries below this have squares near the bottom of the normal doubles. */
    private static final double SMALLEST_SQUARABLE = 1e-150;
    private int sweeps;

    /**
     * @param d the matrix's order
     * @param stride its row stride, a multiple of {@value RotationKernels#GROUP} and at least d
     */
    public TriangularSingularValues(int d, int stride) {
        this(d, stride, Kernels.rotation());
    }

    /** As {@link #TriangularSingularValues(int, int)}, with the rotation kernels given (tests compare the twins). */
    public TriangularSingularValues(int d, int stride, RotationKernels kernels) {
        if (d < 1 || stride < d || stride % GROUP != 0) {
            throw new IllegalArgumentException("order " + d + " and stride " + stride
                    + ": need d >= 1 and a stride >= d that is a multiple of " + GROUP);
        }
        this.d = d;
        this.stride = stride;
        this.kernels = kernels;
        final double tolerance = d * Math.ulp(1.0);
        squaredTolerance = tolerance * tolerance;
        work = new double[d * stride];
        squaredNorms = new double[d];
        sigma = new double[d];
        lead = new int[d];
        rounds = d + (d & 1) - 1;
        pairs = new int[d * (d - 1)];
        roundStart = new int[rounds + 1];
        cosine = new double[d * (d - 1) / 2];
        sine = new double[d * (d - 1) / 2];
        partials = new double[Math.max(2, d * (d - 1) / 2) * RotationKernels.PARTIALS];
        schedule();
        bidiagonalisation = new Bidiagonalisation(d, stride, kernels);
        dqds = new Dqds(d);
    }

    /**
     * Computes the singular values of U.
     *
     * @param u d x d, row stride {@code stride}; only entries on and above the diagonal are read; unchanged
     * @return false if Jacobi did not converge in {@value #MAX_SWEEPS} sweeps (never seen); the values are then NaN
     */
    public boolean compute(double[] u) {
        sweeps = 0;
        if (d == 1) {
            sigma[0] = Math.abs(u[0]);
            return true;
        }
        if (d == 2) {
            twoByTwo(Math.abs(u[0]), u[1], Math.abs(u[stride + 1]));
            return true;
        }
        return bidiagonal(u) || jacobi(u);
    }

    /**
     * The singular values by one-sided Jacobi alone: the fallback of {@link #compute}, and what tests
     * check it against.
     *
     * @return false if Jacobi did not converge; the values are then NaN
     */
    boolean jacobi(double[] u) {
        for (int i = 0; i < d; i++) {
            final int row = i * stride;
            java.util.Arrays.fill(work, row, row + i, 0);
            System.arraycopy(u, row + i, work, row + i, d - i);
            java.util.Arrays.fill(work, row + d, row + stride, 0);
            lead[i] = i / GROUP * GROUP;
            kernels.dot(work, row, row, lead[i], stride, partials, 0);
            squaredNorms[i] = RotationKernels.finish(partials, 0);
        }
        final boolean converged = sweep();
        for (int i = 0; i < d; i++) {
            sigma[i] = converged ? Math.sqrt(squaredNorms[i]) : Double.NaN;
        }
        return converged;
    }

    /**
     * The fast path: bidiagonalisation and dqds, O(d^3) with a small constant.
     *
     * @return false where it does not apply (a zero or underflowing diagonal entry of the bidiagonal
     *     other than those of zero rows, which the bidiagonalisation puts last: a factor spanning more
     *     than ~1e150, or one whose non-zero rows are dependent) or did not converge; Jacobi then runs
     */
    private boolean bidiagonal(double[] u) {
        final int nonZeroRows = bidiagonalisation.compute(u);
        final double[] a = bidiagonalisation.diagonal();
        for (int i = 0; i < nonZeroRows; i++) {
            if (!(Math.abs(a[i]) > SMALLEST_SQUARABLE)) {
                return false;
            }
        }
        if (!dqds.compute(a, bidiagonalisation.superdiagonal(), d)) {
            return false;
        }
        for (int i = 0; i < d; i++) {
            final double value = dqds.eigenvalue(i);
            if (!(value >= 0 && value < Double.POSITIVE_INFINITY)) {
                return false;
            }
            sigma[i] = Math.sqrt(value);
        }
        return true;
    }

    private boolean sweep() {
        while (sweeps < MAX_SWEEPS) {
            sweeps++;
            boolean rotated = false;
            for (int round = 0; round < rounds; round++) {
                rotated |= round(round);
            }
            if (!rotated) {
                return true;
            }
        }
        return false;
    }

    /**
     * One round of disjoint pairs: first every pair's rotation (independent of each other, so their
     * divisions and square roots overlap in the processor), then the rotations.
     *
     * @return true if any pair was rotated
     */
    private boolean round(int round) {
        final int first = roundStart[round];
        final int end = roundStart[round + 1];
        for (int p = first; p < end; p += 2) {
            final int i = pairs[p];
            final int j = pairs[p + 1];
            kernels.dot(work, i * stride, j * stride, Math.max(lead[i], lead[j]), stride, partials, (p - first) * 2);
        }
        boolean any = false;
        for (int p = first; p < end; p += 2) {
            any |= plan(p, RotationKernels.finish(partials, (p - first) * 2));
        }
        if (!any) {
            return false;
        }
        for (int p = first; p < end; p += 2) {
            final double sin = sine[p >> 1];
            if (sin != 0) {
                apply(pairs[p], pairs[p + 1], cosine[p >> 1], sin);
            }
        }
        return true;
    }

    /**
     * The rotation making rows i and j orthogonal, unless they are so already (sine 0): x' = c x - s y
     * and y' = s x + c y with t = s / c the root of t^2 + 2 zeta t - 1 = 0 of smaller magnitude,
     * zeta = (beta - alpha) / (2 gamma).
     *
     * @param gamma the rows' dot product
     * @return true if the pair needs rotating
     */
    private boolean plan(int p, double gamma) {
        final int i = pairs[p];
        final int j = pairs[p + 1];
        final double alpha = squaredNorms[i];
        final double beta = squaredNorms[j];
        sine[p >> 1] = 0;
        if (alpha == 0 || beta == 0) {
            return false;
        }
        // |cos angle| > tolerance, squared: alpha beta > 0 cannot overflow (entries below 2 d).
        if (!(gamma * gamma > squaredTolerance * alpha * beta)) {
            return false;
        }
        final double zeta = (beta - alpha) / (2 * gamma);
        final double magnitude = Math.abs(zeta);
        final double t = magnitude > 1e150 ? 0.5 / zeta
                : (zeta >= 0 ? 1 : -1) / (magnitude + Math.sqrt(1 + zeta * zeta));
        final double c = 1 / Math.sqrt(1 + t * t);
        cosine[p >> 1] = c;
        sine[p >> 1] = c * t;
        return true;
    }

    private void apply(int i, int j, double c, double s) {
        final int from = Math.min(lead[i], lead[j]);
        kernels.rotate(work, i * stride, j * stride, from, stride, c, s, partials, 0);
        lead[i] = from;
        lead[j] = from;
        squaredNorms[i] = RotationKernels.finish(partials, 0);
        squaredNorms[j] = RotationKernels.finish(partials, RotationKernels.PARTIALS);
    }

    private void twoByTwo(double f, double g, double h) {
        final double sumOfValues = Math.sqrt((f + h) * (f + h) + g * g);
        final double differenceOfValues = Math.sqrt((f - h) * (f - h) + g * g);
        final double largest = (sumOfValues + differenceOfValues) / 2;
        sigma[0] = largest;
        sigma[1] = largest == 0 ? 0 : f * h / largest;
    }

    /**
     * The round-robin ("circle") schedule for d rows: d - 1 rounds (d rounded up to even, the extra
     * row a bye) of disjoint pairs, each pair of rows once per sweep. Fills {@link #pairs} and
     * {@link #roundStart}.
     */
    private void schedule() {
        final int n = d + (d & 1);
        final int[] seat = new int[n];
        for (int k = 0; k < n; k++) {
            seat[k] = k;
        }
        int next = 0;
        for (int round = 0; round < rounds; round++) {
            roundStart[round] = next;
            for (int k = 0; k < n / 2; k++) {
                final int x = seat[k];
                final int y = seat[n - 1 - k];
                if (x < d && y < d) {
                    pairs[next++] = Math.min(x, y);
                    pairs[next++] = Math.max(x, y);
                }
            }
            final int last = seat[n - 1];
            System.arraycopy(seat, 1, seat, 2, n - 2);
            seat[1] = last;
        }
        roundStart[rounds] = next;
    }

    /** @return the i-th singular value, in no particular order */
    public double value(int i) {
        return sigma[i];
    }

    /** @return the largest singular value */
    public double largest() {
        double max = 0;
        for (int i = 0; i < d; i++) {
            max = Math.max(max, sigma[i]);
        }
        return max;
    }

    /** @return the smallest singular value */
    public double smallest() {
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < d; i++) {
            min = Math.min(min, sigma[i]);
        }
        return min;
    }

    /** @return the sum of the singular values (the nuclear norm), added in row order */
    public double sum() {
        double total = 0;
        for (int i = 0; i < d; i++) {
            total += sigma[i];
        }
        return total;
    }

    /** @return sweeps the last {@link #compute} took (0 for d &lt;= 2) */
    public int sweeps() {
        return sweeps;
    }
}
