package org.modelcollapse.simd;

/**
 * The affine map x_i = mu + L z_i of standard normal points z_i to N(mu, L L^T), for a lower-triangular
 * L: X = 1 mu^T + Z L^T. Two implementations give bit-identical output: {@link ScalarAffineKernels}
 * (plain loops) and {@link VectorAffineKernels} (Vector API, register-blocked).
 *
 * <p>Layout as in {@link MomentKernels}: point i at {@code [i * stride, i * stride + dim)}, and L given
 * transposed, {@code lt[s * stride + r] = L[r][s]}, zero for s &gt; r. Entry r of x_i is computed as
 * acc = +0, then acc = fma(z_is, L[r][s], acc) for s = 0, 1, ..., r in order, then acc + mu_r. The
 * accumulator never becomes -0 (a sum with +0 of a zero is +0), so the zero terms s &gt; r that a SIMD
 * tile may add leave it unchanged: both implementations agree to the bit. Padding columns of the
 * output are left unspecified.
 */
public interface AffineKernels {
    /**
     * @param z {@code rows * stride} standard normal values; unchanged
     * @param lt L transposed, {@code dim * stride} values; unchanged
     * @param mu {@code stride} values (padding ignored); unchanged
     * @param x Modified: {@code rows * stride} values; may be {@code mu} (with rows = 1), not {@code z} or {@code lt}
     */
    void apply(double[] z, int rows, int dim, int stride, double[] lt, double[] mu, double[] x);

    /** @return a short name for logs and manifests */
    String name();
}
