package org.modelcollapse.simd;

/**
 * The loops of EM for a Gaussian mixture over points stored by coordinate: log-densities through an
 * upper Cholesky factor, log-sum-exp normalisation into responsibilities, and weighted sums and
 * scatters. Two implementations give bit-identical output: {@link ScalarMixtureKernels} (plain loops)
 * and {@link VectorMixtureKernels} (Vector API, across points).
 *
 * <p>Layout: coordinate c of point i is {@code columns[c * pitch + i]}, a per-point row (log-densities,
 * responsibilities, weights) of row j is {@code rows[j * pitch + i]}; {@code pitch} is a multiple of
 * {@value #BLOCK} (use {@link #pitch(int)}), and every kernel runs over all {@code pitch} points, so the
 * padding points after the real ones must hold finite coordinates (zeros, say) and, as weights, zero.
 * Per-point arithmetic is written once as a fixed sequence of operations (fused where it says so;
 * exp and ln by {@link ExpLog}). A sum over points is kept in {@value #BLOCK} partial sums, point i in
 * partial i mod {@value #BLOCK}, each in point order, then added as (p0 + p1) + (p2 + p3): the order both
 * implementations follow, whatever the vector width.
 */
public interface MixtureKernels {
    /** Points per block: the partial sums of every reduction. */
    int BLOCK = 4;

    /** @return the pitch of {@code points} points: rounded up to a whole number of blocks */
    static int pitch(int points) {
        return (points + BLOCK - 1) / BLOCK * BLOCK;
    }

    /**
     * out[at + i] = fma(q_i, -1/2, constant) with q_i = |y_i|^2 and U^T y_i = x_i - mu by forward
     * substitution: y_r = (x_ir - mu_r + sum_{s &lt; r} -U_sr y_s) * reciprocal_r, the sum as fused
     * multiply-adds in order s = 0, 1, ..., then q = fma(y_r, y_r, q) in order r = 0, 1, ....
     *
     * @param factor U, upper triangular, row r at {@code r * stride}; unchanged
     * @param reciprocal 1 / U_rr, {@code dim} values; unchanged
     * @param scratch Modified: {@code 2 * dim * BLOCK} values of workspace
     * @param out Modified: {@code pitch} values from {@code at}
     */
    void logDensities(double[] columns, int pitch, int dim, double[] factor, int stride, double[] mean, double[] reciprocal,
            double constant, double[] scratch, double[] out, int at);

    /**
     * Turns {@code rows} rows of log-values l_ji into responsibilities in place: per point, m = max_j l_ji
     * (in row order, m replaced by l_ji when m &lt; l_ji), e_j = exp(l_ji - m), s = e_0 + e_1 + ... in row order, r_ji = e_j * (1 / s); the
     * responsibilities of padding points (i &gt;= points) are set to 0. A row of -infinity (a dead component)
     * gets responsibility 0.
     *
     * @param totals Modified: m_i at {@code [0, pitch)} and s_i at {@code [pitch, 2 pitch)}, for {@link #logLikelihood};
     *     0 and 1 for padding points, whose m + ln s is then exactly 0
     */
    void normalise(double[] logs, int rows, int pitch, int points, double[] totals);

    /**
     * @param totals as {@link #normalise} left them
     * @return sum over the points of m_i + ln s_i (the log-likelihood of the real ones), a reduction of this interface
     */
    double logLikelihood(double[] totals, int pitch);

    /**
     * out[0] = sum_i w_i and out[1 + c] = sum_i w_i x_ic (fused: fma(w_i, x_ic, partial)), reductions of this
     * interface, for the weights of row {@code weights[at, at + pitch)}.
     *
     * @param out Modified: {@code dim + 1} values
     */
    void weightedSums(double[] weights, int at, double[] columns, int pitch, int dim, double[] out);

    /**
     * scatter[a * stride + b] = sum_i w_i (x_ia - mu_a)(x_ib - mu_b), as fma(w_i (x_ia - mu_a), x_ib - mu_b,
     * partial), for a &lt;= b (or only a = b if {@code diagonalOnly}); other entries are left alone.
     */
    void weightedScatter(double[] weights, int at, double[] columns, int pitch, int dim, double[] mean, boolean diagonalOnly,
            double[] scatter, int stride);

    /** @return a short name for logs and manifests */
    String name();

    /** @return the partial sums added in the order of this interface */
    static double combine(double p0, double p1, double p2, double p3) {
        return (p0 + p1) + (p2 + p3);
    }
}
