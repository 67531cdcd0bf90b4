package org.modelcollapse.simd;

/**
 * Dot products, combinations, reflections and plane rotations of rows of a row-major matrix: the inner loops of
 * Householder bidiagonalisation and one-sided Jacobi ({@link org.modelcollapse.linalg.TriangularSingularValues}). Two implementations give
 * bit-identical output: {@link ScalarRotationKernels} (plain loops) and {@link VectorRotationKernels}
 * (Vector API).
 *
 * <p>Rows start at offsets {@code a} and {@code b}; columns run over {@code [from, to)}, both multiples
 * of {@value #GROUP}. Every sum is accumulated in {@value #GROUP} partial sums p_0..p_7, column k into
 * partial {@code k % GROUP} in column order (one fused multiply-add per column); the kernels write the
 * {@value #PARTIALS} values q_l = p_l + p_(l+4) and the caller finishes with {@link #finish}, so that
 * no kernel extracts vector lanes one by one. Both implementations follow this order and agree bit for bit.
 */
public interface RotationKernels {
    /** Partial sums per reduction, and the column granularity of every range. */
    int GROUP = 8;

    /** Partial sums a kernel writes per sum. */
    int PARTIALS = 4;

    /** Writes the partials of sum over k in [from, to) of m[a + k] m[b + k] to {@code out[at .. at + 4)}. */
    void dot(double[] m, int a, int b, int from, int to, double[] out, int at);

    /**
     * The combination of rows {@code first..last-1} (row r at {@code r * stride}) with coefficients
     * {@code c[r]}, into the row at {@code h}: m[h + k] = sum_r c[r] m[r stride + k] over [from, to),
     * each column summed in row order by fused multiply-adds from 0 (the left Householder reflection's
     * w = v^T A).
     */
    void combineRows(double[] m, int h, int first, int last, int stride, int from, int to, double[] c);

    /** m[r stride + k] = fma(g[r], m[h + k], m[r stride + k]) for rows first..last-1 and k in [from, to). */
    void addToRows(double[] m, int h, int first, int last, int stride, int from, int to, double[] g);

    /**
     * The right Householder reflection of rows first..last-1 by the vector at {@code h}: for each row x,
     * f = -(x . v) / beta (the dot product in the partial-sum order above), then x = fma(f, v, x)
     * elementwise over [from, to).
     *
     * @param partials Modified: scratch, {@value #PARTIALS} values per row (row r's at r * {@value #PARTIALS})
     */
    void reflectRows(double[] m, int h, int first, int last, int stride, int from, int to, double beta, double[] partials);

    /**
     * Replaces rows x (at {@code a}) and y (at {@code b}) over [from, to) by x' = c x - s y and
     * y' = s x + c y (elementwise {@code fma(-s, y, c x)} and {@code fma(s, x, c y)}), and writes the
     * partials of ||x'||^2 over the range to {@code out[at .. at + 4)} and of ||y'||^2 to
     * {@code out[at + 4 .. at + 8)}.
     */
    void rotate(double[] m, int a, int b, int from, int to, double c, double s, double[] out, int at);

    /** @return a short name for logs and manifests */
    String name();

    /** @return the sum whose partials start at {@code q[at]}: (q_0 + q_2) + (q_1 + q_3) */
    static double finish(double[] q, int at) {
        return (q[at] + q[at + 2]) + (q[at + 1] + q[at + 3]);
    }
}
