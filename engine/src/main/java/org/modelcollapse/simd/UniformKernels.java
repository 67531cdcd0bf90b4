package org.modelcollapse.simd;

/**
 * Bulk uniform variates from {@link LxmLanes}. Two implementations give bit-identical output:
 * {@link ScalarUniformKernels} (plain loops) and {@link VectorUniformKernels} (Vector API);
 * {@link Kernels#uniform()} chooses one at start-up. Kernels do not validate arguments.
 */
public interface UniformKernels {
    /**
     * Fills {@code out[0..n)} with uniform doubles in [0, 1): {@code (z >>> 11) * 2^-53} for each
     * 64-bit output z.
     *
     * @param lanes Modified: advanced ceil(n / 8) steps.
     * @param out Modified.
     */
    void fillDoubles(LxmLanes lanes, double[] out, int n);

    /**
     * Fills {@code out[0..n)} with indices in [0, bound): {@code min(floor((z >>> 11) * (bound * 2^-53)), bound - 1)},
     * whose bias relative to a uniform index is below bound * 2^-53.
     *
     * @param lanes Modified: advanced ceil(n / 8) steps.
     * @param out Modified.
     * @param bound in [1, 2^31)
     */
    void fillIndices(LxmLanes lanes, int[] out, int n, int bound);

    /** @return a short name for logs and manifests */
    String name();
}
