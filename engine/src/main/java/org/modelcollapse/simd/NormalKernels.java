package org.modelcollapse.simd;

/**
 * Bulk standard normal variates from {@link LxmLanes} by the Box–Muller transform (G. E. P. Box and
 * M. E. Muller, "A note on the generation of random normal deviates", Ann. Math. Statist. 29 (1958)
 * 610–611): from one 64-bit output z1 of a lane the radius sqrt(-2 ln u), u = ((z1 &gt;&gt;&gt; 12) + 1/2)
 * 2^-52 in (0, 1), and from the lane's next output z2 the angle 2 pi (z2 &gt;&gt;&gt; 11) 2^-53; the two
 * normals are the radius times the angle's cosine and sine. One uniform per normal, no rejection, so a
 * fill advances every lane by a fixed number of steps. The largest |value| is sqrt(106 ln 2) = 8.57.
 *
 * <p>Two implementations give bit-identical output: {@link ScalarNormalKernels} (plain loops) and
 * {@link VectorNormalKernels} (Vector API). Both evaluate ln, sin and cos with the same polynomials
 * and the same sequence of IEEE operations ({@link BoxMuller}), not with {@code Math.log} or the
 * Vector API's transcendental operators, whose results differ in the last bit between the two.
 *
 * <p>Kernels write whole blocks of {@value #BLOCK} values: {@code out} must hold {@link #padded(int)
 * padded(n)} elements, and values beyond n are to be ignored. In block b, lane i writes its cosine
 * normal to {@code 16 b + i} and its sine normal to {@code 16 b + 8 + i}.
 */
public interface NormalKernels {
    /** Values per block: a cosine and a sine normal from each lane. */
    int BLOCK = 2 * LxmLanes.LANES;

    /**
     * Fills {@code out[0..n)} with independent standard normal variates.
     *
     * @param lanes Modified: advanced 2 ceil(n / 16) steps.
     * @param out Modified: {@code padded(n)} values written.
     */
    void fillStandardNormals(LxmLanes lanes, double[] out, int n);

    /** @return n rounded up to whole blocks: the capacity a fill of n needs */
    static int padded(int n) {
        return (n + BLOCK - 1) / BLOCK * BLOCK;
    }

    /** @return a short name for logs and manifests */
    String name();
}
