package org.modelcollapse.simd;

/**
 * Sums and scatter (sums of outer products) of a block of points, the sufficient statistics of a
 * Gaussian fit. Two implementations give bit-identical output: {@link ScalarMomentKernels} (plain
 * loops) and {@link VectorMomentKernels} (Vector API, register-blocked like a BLAS {@code dsyrk}).
 *
 * <p>Layout: point i occupies {@code y[i * stride .. i * stride + dim)}, the scatter matrix entry
 * (r, s) is {@code scatter[r * stride + s]}; {@code stride} is a multiple of {@value LxmLanes#LANES}
 * and at least {@code dim} (use {@link #stride(int)}); the values in a row's padding are ignored, and
 * scatter entries in padding columns are left unspecified. The kernels <em>add</em> to {@code sum} and
 * {@code scatter}, so blocks of one sample can be accumulated call by call. Rows are taken in chunks of
 * {@value #CHUNK}; each entry is a sum over a chunk's rows in order (one fused multiply-add per row)
 * added to the running total, the order both implementations follow. Centring and merging of partial
 * results are left to {@code Moments} in the Gaussian package.
 */
public interface MomentKernels {
    /** Rows per chunk: a chunk of 128-dimensional points (64 KiB) stays in the L2 cache. */
    int CHUNK = 64;

    /**
     * Adds sum_i y_i to {@code sum[0..dim)} and sum_i y_i y_i^T to the upper triangle (r &lt;= s) of
     * {@code scatter}, then copies the upper triangle to the lower.
     *
     * @param y {@code rows * stride} values; unchanged
     * @param sum Modified: {@code dim} entries
     * @param scatter Modified: {@code dim * stride} entries
     */
    void accumulate(double[] y, int rows, int dim, int stride, double[] sum, double[] scatter);

    /** @return dim rounded up to a whole number of {@value LxmLanes#LANES}-value blocks */
    static int stride(int dim) {
        return (dim + LxmLanes.LANES - 1) / LxmLanes.LANES * LxmLanes.LANES;
    }

    /** @return a short name for logs and manifests */
    String name();

    /** Copies the upper triangle of a dim x dim matrix (row stride {@code stride}) to the lower. */
    static void mirrorUpper(double[] matrix, int dim, int stride) {
        for (int r = 1; r < dim; r++) {
            for (int s = 0; s < r; s++) {
                matrix[r * stride + s] = matrix[s * stride + r];
            }
        }
    }
}
