package org.modelcollapse.simd;

/**
 * Bulk uniform variates from {@link LxmLanes}. Two implementations give bit-identical output:
 * {@link ScalarUniformKernels} (plain loops) and {@link VectorUniformKernels} (Vector API);
 * {@link Kernels#uniform()} chooses one at start-up. Kernels do not validate arguments.
 *
 * <p>Kernels write whole blocks of {@value LxmLanes#LANES} values (no masked tails, which keeps
 * the compiled code free of rarely taken paths): {@code out} must hold {@link #padded(int)
 * padded(n)} elements, and values beyond n are to be ignored.
 */
public interface UniformKernels {
    /**
     * Fills {@code out[0..n)} with uniform doubles in [0, 1): {@code (z >>> 11) * 2^-53} for each
     * 64-bit output z.
     *
     * @param lanes Modified: advanced ceil(n / 8) steps.
     * @param out Modified: {@code padded(n)} values written.
     */
    void fillDoubles(LxmLanes lanes, double[] out, int n);

    /**
     * Fills {@code out[0..n)} with indices in [0, bound): {@code min(floor((z >>> 11) * (bound * 2^-53)), bound - 1)},
     * whose bias relative to a uniform index is below bound * 2^-53.
     *
     * @param lanes Modified: advanced ceil(n / 8) steps.
     * @param out Modified: {@code padded(n)} values written.
     * @param bound in [1, 2^31)
     */
    void fillIndices(LxmLanes lanes, int[] out, int n, int bound);

    /** @return n rounded up to a whole number of lane blocks: the capacity a fill of n needs */
    static int padded(int n) {
        return (n + LxmLanes.LANES - 1) / LxmLanes.LANES * LxmLanes.LANES;
    }

    /** @return a short name for logs and manifests */
    String name();
}
