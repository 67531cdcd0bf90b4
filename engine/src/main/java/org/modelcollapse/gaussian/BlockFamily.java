package org.modelcollapse.gaussian;

import org.modelcollapse.linalg.Cholesky;
import org.modelcollapse.linalg.TriangularFactor;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SamplingMode;
import org.modelcollapse.simd.AffineKernels;
import org.modelcollapse.simd.Kernels;
import org.modelcollapse.simd.LxmLanes;
import org.modelcollapse.simd.MomentKernels;
import org.modelcollapse.simd.NormalKernels;
import org.modelcollapse.simd.UniformKernels;

/**
 * The Gaussian family for replace, mix without resampling (beta = 0) and accumulate, whose data sets
 * are blocks of points from one Gaussian each, kept as count, mean and an upper factor of the scatter
 * and merged in square-root form (Chan et al.; Givens rotations): no regime here forms or factorises an
 * estimated covariance.
 *
 * <p>With standard normal points z_i, x_i = mu_n + L_n z_i, so a block's mean is mu_n + L_n zbar and its
 * scatter factor A^T U_n for any A with A A^T = S_z, the scatter of the z_i. Only S_z, well conditioned
 * whatever Sigma_n has become, is ever factorised.
 * <ul>
 *   <li>{@code exact}: zbar ~ N(0, I/M) and, independently, S_z ~ Wishart_d(M - 1, I) drawn as A A^T
 *   by the Bartlett decomposition (A lower triangular, A_jj^2 ~ chi-square(M - 1 - j), A_ij ~ N(0, 1)
 *   below the diagonal; for M - 1 &lt; d the singular Wishart, columns j &gt;= M - 1 of A zero). Cost
 *   O(d^3), independent of M.</li>
 *   <li>{@code samples}: M x d standard normals, their sums and scatter (SIMD kernels), S_z
 *   factorised by Cholesky keeping rank min(d, M - 1). Cost O(M d^2).</li>
 * </ul>
 * In replace the block is the next model, U_{n+1} = A^T U_n / sqrt(D), drawn in units of the model's
 * power of two so that a collapsing factor never underflows; mix and accumulate draw in absolute
 * coordinates, where the model's block meets the original's or the pool's.
 */
final class BlockFamily extends GaussianFamily {
    private final boolean exact;
    /** replace: every fit is the model's own block, carried in the model's units. */
    private final boolean carried;
    private final double[] dataMean;
    private final double[] dataFactor;
    /** A second block drawn into a non-empty one, before the merge. */
    private final Block drawn;
    private final double[] row;
    private final double[] factor;
    private final double[] zbar;
    private final double[] zeros;
    private final double[] normals;
    private final double[] sum;
    private final double[] scatter;
    private int[] indices = new int[0];
    private double[] points = new double[0];
    private final AffineKernels affine = Kernels.affine();
    private final NormalKernels normalKernels = Kernels.normal();
    private final MomentKernels moments = Kernels.moments();
    private final UniformKernels uniformKernels = Kernels.uniform();

    BlockFamily(GaussianSpec spec) {
        super(spec);
        exact = spec.resolvedMode() == SamplingMode.EXACT;
        carried = regime.kind() == Regime.Kind.REPLACE;
        dataMean = new double[stride];
        dataFactor = new double[d * stride];
        if (data != null) {
            System.arraycopy(data.mean(), 0, dataMean, 0, d);
            Cholesky.factorUpper(padded(data.scatter(), d, stride), d, stride, d, dataFactor);
        }
        drawn = newData();
        row = new double[stride];
        factor = new double[d * stride];
        zbar = new double[stride];
        zeros = new double[stride];
        normals = new double[NormalKernels.padded(d + d * (d - 1) / 2)];
        sum = new double[d];
        scatter = new double[d * stride];
    }

    @Override
    public Block newData() {
        return new Block(d, stride);
    }

    /** D_0 as a block: its points' count, mean and scatter factor. */
    @Override
    public boolean originalData(GaussianData out) {
        if (data == null) {
            return false;
        }
        final Block b = (Block) out;
        b.count = data.count();
        System.arraycopy(dataMean, 0, b.mean, 0, stride);
        System.arraycopy(dataFactor, 0, b.factor, 0, dataFactor.length);
        return true;
    }

    /** A block drawn from the model, merged after the points already in {@code out} (the pool, in accumulate). */
    @Override
    public void draw(GaussianModel model, int n, GaussianData out) {
        if (n == 0) {
            return;
        }
        final Block b = (Block) out;
        final Block target = b.count == 0 ? b : drawn;
        if (carried) {
            drawBlock(n, model.mu, model.u, model.clampedExponent(), target);
        } else {
            drawBlock(n, model.mu, model.absoluteFactor(), 0, target);
        }
        if (target == drawn) {
            merge(b, drawn);
        }
    }

    /**
     * Fresh original points (resampled from D_0 when the original is the user's points), merged before
     * the points already in {@code out}: mix's original block is the first of the merge.
     */
    @Override
    public void drawOriginal(int n, GaussianData out) {
        if (n == 0) {
            return;
        }
        final Block b = (Block) out;
        final Block target = b.count == 0 ? b : drawn;
        if (data != null) {
            resampleData(n, target);
        } else {
            drawBlock(n, mu0, u0, 0, target);
        }
        if (target == drawn) {
            merge(drawn, b);
            b.count = drawn.count;
            System.arraycopy(drawn.mean, 0, b.mean, 0, stride);
            System.arraycopy(drawn.factor, 0, b.factor, 0, drawn.factor.length);
        }
    }

    /** Blocks keep no points: mix resamples none here (beta = 0); the regimes that draw earlier points again run on {@link PointFamily}. */
    @Override
    public void resample(GaussianData from, int n, GaussianData out) {
        if (n == 0) {
            return;
        }
        throw new IllegalStateException("a block of sufficient statistics cannot be resampled: mix with beta > 0 keeps the points");
    }

    /** Blocks keep no points: accumulate-subsample runs on {@link PointFamily}. */
    @Override
    public void subsample(GaussianData pool, int n, GaussianData out) {
        throw new IllegalStateException("a block of sufficient statistics cannot be subsampled: accumulate-subsample keeps the points");
    }

    /**
     * The model is the data's mean and scatter factor; in replace the factor is taken over from the
     * block (exchanged, not copied: the block is drawn afresh next generation).
     */
    @Override
    public void fit(GaussianData data, GaussianModel out) {
        final Block b = (Block) data;
        System.arraycopy(b.mean, 0, out.mu, 0, stride);
        if (carried) {
            final double[] t = out.u;
            out.u = b.factor;
            b.factor = t;
        } else {
            System.arraycopy(b.factor, 0, out.u, 0, b.factor.length);
        }
        finishFit(out, b.count, carried, factor, 0);
    }

    /**
     * Merges block b into block a (Chan, Golub and LeVeque, "Algorithms for computing the sample
     * variance", Am. Stat. 37 (1983) 242–247): mean (na meanA + nb meanB)/(na + nb), scatter S_A + S_B +
     * na nb/(na + nb) delta delta^T, delta = meanA - meanB, in square-root form ({@link TriangularFactor}).
     */
    private void merge(Block a, Block b) {
        final long na = a.count;
        final long nb = b.count;
        final double total = (double) na + nb;
        final double weight = Math.sqrt(na * (nb / total));
        for (int r = 0; r < d; r++) {
            row[r] = weight * (a.mean[r] - b.mean[r]);
            a.mean[r] = (na * a.mean[r] + nb * b.mean[r]) / total;
        }
        TriangularFactor.addRow(a.factor, d, stride, row, 0);
        TriangularFactor.addFactor(a.factor, b.factor, d, stride, row);
        a.count = na + nb;
    }

    /**
     * The sufficient statistics of k &gt; 0 points from N(mean, 4^e U^T U) into {@code out}: their mean, and
     * an upper factor R of their centred scatter (4^e R^T R = S). With x_i = mean + 2^e L z_i, the mean is
     * mean + 2^e L zbar and R = A^T U for any A A^T = S_z. Exact mode draws zbar ~ N(0, I/k) and A by the
     * Bartlett decomposition of Wishart_d(k - 1, I); samples mode draws the k z_i. k = 1 gives a zero factor.
     *
     * @param e the factor's binary exponent (0 for a factor in absolute scale)
     */
    private void drawBlock(int k, double[] mean, double[] upper, int e, Block out) {
        if (exact) {
            bartlett(k);
        } else {
            scatterOfPoints(k);
        }
        if (e != 0) {
            for (int r = 0; r < d; r++) {
                zbar[r] = Math.scalb(zbar[r], e);
            }
        }
        affine.apply(zbar, 1, d, stride, upper, mean, out.mean);
        affine.apply(factor, d, d, stride, upper, zeros, out.factor);
        out.count = k;
    }

    /**
     * The statistics of k points resampled with replacement from the user's data: their mean, and the
     * factor of their scatter (computed about the data's mean, so far-off data keep their precision).
     */
    private void resampleData(int k, Block out) {
        if (indices.length < UniformKernels.padded(k)) {
            indices = new int[UniformKernels.padded(k)];
        }
        if (points.length < k * stride) {
            points = new double[NormalKernels.padded(k * stride)];
        }
        uniformKernels.fillIndices(lanes, indices, k, data.count());
        data.copyPoints(indices, k, dataMean, points, 0, stride);
        java.util.Arrays.fill(sum, 0);
        java.util.Arrays.fill(scatter, 0);
        moments.accumulate(points, k, d, stride, sum, scatter);
        for (int r = 0; r < d; r++) {
            zbar[r] = sum[r] / k;
            out.mean[r] = dataMean[r] + zbar[r];
        }
        for (int r = 0; r < d; r++) {
            for (int s = r; s < d; s++) {
                scatter[r * stride + s] -= k * zbar[r] * zbar[s];
            }
        }
        Cholesky.factorUpper(scatter, d, stride, Math.min(d, k - 1), out.factor);
        out.count = k;
    }

    /** zbar ~ N(0, I/k); factor = A^T with A the Bartlett factor of Wishart_d(k - 1, I). */
    private void bartlett(int k) {
        final int dof = k - 1;
        normalKernels.fillStandardNormals(lanes, normals, d + d * (d - 1) / 2);
        final double meanScale = 1 / Math.sqrt(k);
        for (int r = 0; r < d; r++) {
            zbar[r] = normals[r] * meanScale;
        }
        int next = d;
        for (int j = 0; j < d; j++) {
            // Row j of factor = column j of A: the diagonal, then the normals below it (zero beyond rank).
            final int at = j * stride;
            factor[at + j] = Math.sqrt(chiSquare.sample(dof - j));
            for (int i = j + 1; i < d; i++) {
                factor[at + i] = j < dof ? normals[next] : 0;
                next++;
            }
        }
    }

    /**
     * k standard normal points: zbar and the centred scatter S_z, factorised as factor^T factor (rank
     * min(d, k - 1)). Rows of {@value LxmLanes#LANES} or more values go through the SIMD scatter kernel;
     * fewer dimensions are drawn packed (a padded row would waste most of its normals) and summed in two
     * plain passes.
     */
    private void scatterOfPoints(int k) {
        if (d < LxmLanes.LANES) {
            packedScatter(k);
        } else {
            paddedScatter(k);
        }
        Cholesky.factorUpper(scatter, d, stride, Math.min(d, k - 1), factor);
    }

    /** zbar and S_z of k points drawn packed, point i at [i d, i d + d); the scatter about zbar (two passes). */
    private void packedScatter(int k) {
        final int values = k * d;
        if (points.length < NormalKernels.padded(values)) {
            points = new double[NormalKernels.padded(values)];
        }
        normalKernels.fillStandardNormals(lanes, points, values);
        for (int r = 0; r < d; r++) {
            double total = 0;
            for (int i = 0; i < k; i++) {
                total += points[i * d + r];
            }
            zbar[r] = total / k;
        }
        for (int r = 0; r < d; r++) {
            for (int s = r; s < d; s++) {
                double acc = 0;
                for (int i = 0; i < k; i++) {
                    acc = Math.fma(points[i * d + r] - zbar[r], points[i * d + s] - zbar[s], acc);
                }
                scatter[r * stride + s] = acc;
            }
        }
    }

    /** zbar and S_z of k points in padded rows, by the SIMD scatter kernel. */
    private void paddedScatter(int k) {
        final int values = k * stride;
        if (points.length < NormalKernels.padded(values)) {
            points = new double[NormalKernels.padded(values)];
        }
        normalKernels.fillStandardNormals(lanes, points, values);
        java.util.Arrays.fill(sum, 0);
        java.util.Arrays.fill(scatter, 0);
        moments.accumulate(points, k, d, stride, sum, scatter);
        for (int r = 0; r < d; r++) {
            zbar[r] = sum[r] / k;
        }
        for (int r = 0; r < d; r++) {
            for (int s = r; s < d; s++) {
                scatter[r * stride + s] -= k * zbar[r] * zbar[s];
            }
        }
    }
}
