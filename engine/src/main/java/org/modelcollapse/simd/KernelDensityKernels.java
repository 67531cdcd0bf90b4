package org.modelcollapse.simd;

/**
 * The hot loop of a Gaussian kernel density estimate's held-out log-likelihood: for each point x_k, the
 * log-sum-exp over the n centres c_j of l_kj = scale * ||x_k - c_j||^2 (scale = -1/(2 h^2)), i.e.
 * ln f(x_k) + ln n + (d/2) ln(2 pi h^2), in O(n H d). Two implementations give bit-identical output:
 * {@link ScalarKernelDensityKernels} (plain loops) and {@link VectorKernelDensityKernels} (Vector API,
 * across centres).
 *
 * <p>Layout: coordinate r of centre j is {@code centres[r * pitch + j]}, {@code pitch} a multiple of
 * {@value #BLOCK} ({@link #pitch(int)}) whose padding entries are +infinity (a centre infinitely far: l = -infinity); point k is
 * {@code points[k * dim, (k + 1) * dim)}. Per centre: q = +0, then v = x_r - c_jr and q = fma(v, v, q) for
 * r = 0, 1, ... in order, then l = q * scale. Per point: m = max_j l_kj, s = sum_j exp(l_kj - m) (exp by
 * {@link ExpLog}) kept in {@value #BLOCK} partial sums, centre j in partial j mod {@value #BLOCK}, each in
 * centre order, added as (p0 + p1) + (p2 + p3) ({@link MixtureKernels#combine}); lse_k = m + ln s (ln by
 * {@link ExpLog}). The maximum is exact, so its order does not matter; a padding centre adds exp(-infinity) =
 * +0 to its partial, which leaves it unchanged. The points' values are added in point order.
 *
 * <p>A block of {@value #BLOCK} centres whose every l_kj is below m - {@link #cutoff}(n) adds nothing: each
 * of its terms is below e^-40 / n of the largest, so that all of them together change s, which is at
 * least 1, by less than e^-40 = 4.2e-18 of itself, under a fiftieth of its last bit. The exps are the
 * costly part, and a caller that orders the centres along a coordinate ({@code KdeMetrics}) makes the far
 * centres of a point come in whole blocks.
 */
public interface KernelDensityKernels {
    /** Centres per block: the partial sums of the reduction over centres. */
    int BLOCK = MixtureKernels.BLOCK;

    /** @return the pitch of {@code centres} centres: rounded up to a whole number of blocks */
    static int pitch(int centres) {
        return MixtureKernels.pitch(centres);
    }

    /**
     * @param centres {@code dim * pitch} values, by coordinate; unchanged
     * @param count the real centres n, in [1, pitch]
     * @param scale -1/(2 h^2), finite and negative
     * @param points {@code pointCount * dim} values, by point; unchanged
     * @param scratch Modified: {@code pitch} values of workspace
     * @return sum over the points of lse_k, in point order
     */
    double logSumExpTotal(double[] centres, int pitch, int count, int dim, double scale, double[] points, int pointCount, double[] scratch);

    /** @return 40 + ln n, computed the same way by every implementation (StrictMath) */
    static double cutoff(int centres) {
        return 40 + StrictMath.log(centres);
    }

    /** @return a short name for logs and manifests */
    String name();
}
