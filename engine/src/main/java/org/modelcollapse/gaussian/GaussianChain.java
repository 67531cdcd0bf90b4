package org.modelcollapse.gaussian;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.modelcollapse.experiment.Chain;
import org.modelcollapse.process.Regime;
import org.modelcollapse.process.SampleSizeSchedule;
import org.modelcollapse.process.SamplingMode;
import org.modelcollapse.simd.AffineKernels;
import org.modelcollapse.simd.Kernels;
import org.modelcollapse.simd.LxmLanes;
import org.modelcollapse.simd.MomentKernels;
import org.modelcollapse.simd.NormalKernels;
import org.modelcollapse.simd.UniformKernels;

/**
 * The Gaussian collapse chain (SPEC §2–§5): each generation fits mean and covariance to M_n points
 * drawn from the current model N(mu_n, Sigma_n) ({@code replace}), or to those mixed with fresh points
 * from the original distribution and points resampled from the previous data ({@code mix}), or to every
 * point drawn so far ({@code accumulate}), or to M points subsampled from them ({@code accumulate-subsample}).
 *
 * <p>The model is carried as mu_n and the upper factor U_n = L_n^T of Sigma_n = L_n L_n^T, never by
 * refactorising an estimated covariance: with standard normal points z_i, x_i = mu_n + L_n z_i, so
 * the fit is mu_{n+1} = mu_n + L_n zbar and Sigma_{n+1} = L_n S_z L_n^T / D (D = M - 1 or M), and
 * L_{n+1} = L_n A / sqrt(D) for any A with A A^T = S_z, the scatter of the z_i. Only S_z, well
 * conditioned whatever Sigma_n has become, is ever factorised.
 * <ul>
 *   <li>{@code exact}: zbar ~ N(0, I/M) and, independently, S_z ~ Wishart_d(M - 1, I) drawn as A A^T
 *   by the Bartlett decomposition (A lower triangular, A_jj^2 ~ chi-square(M - 1 - j), A_ij ~ N(0, 1)
 *   below the diagonal; for M - 1 &lt; d the singular Wishart, columns j &gt;= M - 1 of A zero). Cost
 *   O(d^3), independent of M.</li>
 *   <li>{@code samples}: M x d standard normals, their sums and scatter (SIMD kernels), S_z
 *   factorised by Cholesky keeping rank min(d, M - 1). Cost O(M d^2).</li>
 * </ul>
 * The data sets of mix (beta = 0) and accumulate are handled as blocks of points from one Gaussian
 * each, summarised by count, mean and an upper factor of the scatter, merged in square-root form
 * (Chan et al.; Givens rotations), so these regimes never form or factorise an estimated covariance
 * either. mix with beta &gt; 0 and accumulate-subsample draw earlier points again and keep them
 * ({@link PointRegime}, samples mode). A rank-deficient
 * model stays so in replace (zero columns of L propagate); its ln det is -infinity and nothing becomes
 * NaN. A model whose covariance has become exactly zero is absorbing.
 *
 * <p>{@link #step()} advances the state only; {@link #metrics()} (and {@link #readMetrics}) measures it (the eigenvalues cost
 * O(d^3) with a large constant, so a caller that needs only the model pays nothing for them). A step
 * allocates nothing once the buffers have grown to the largest M_n (accumulate-subsample's pool grows
 * by M points per generation, its buffer by doubling).
 */
public final class GaussianChain implements Chain {
    /** Metric names, in the order of {@link #metrics()}. */
    public static final List<String> METRICS = List.of(
            "mean_sq_distance", "trace", "log_det", "min_eigenvalue", "max_eigenvalue", "w2_squared", "rank");

    private final GaussianSpec spec;
    private final int d;
    private final int stride;
    private final boolean exact;
    private final double[] mu0;
    private final double[] u0;

    private final double[] mu;
    /** The model's factor up to a power of two: Sigma_n = 4^exponent U^T U (see {@link #renormalise}). */
    private double[] u;
    private long exponent;
    /**
     * ln u_ii of the factor in absolute scale. In replace it is carried as a sum of logs, because the
     * directions of a long run collapse at different rates (the product of Bartlett factors has distinct
     * Lyapunov exponents): U's smallest diagonal entries eventually fall below 2^-1074 times its largest,
     * which no single exponent keeps, while ln det and the rank must stay exact.
     */
    private final double[] logDiagonal;
    private static final double LN2 = Math.log(2);
    private double[] uNext;
    /** 2^exponent U, for the regimes that draw points in absolute coordinates. */
    private final double[] absoluteFactor;
    private final double[] factor;
    private final double[] otherMean;
    private final double[] otherFactor;
    private final double[] poolMean;
    private final double[] poolFactor;
    private final double[] row;
    private long poolCount;
    private final OriginalData data;
    private final double[] dataMean;
    private final double[] dataFactor;
    private int[] indices = new int[0];
    private final double[] zbar;
    private final double[] zeros;
    private final double[] normals;
    private double[] points = new double[0];
    private final double[] sum;
    private final double[] scatter;

    private final GaussianMetrics measurement;
    private static final int MIN_EIGENVALUE = METRICS.indexOf("min_eigenvalue");
    private static final int MAX_EIGENVALUE = METRICS.indexOf("max_eigenvalue");
    private static final int W2_SQUARED = METRICS.indexOf("w2_squared");
    /** False when no metric that needs the singular values is read ({@link #requireMetrics}). */
    private boolean spectral = true;
    private final double[] metrics = new double[METRICS.size()];
    private boolean metricsCurrent;

    private final AffineKernels affine = Kernels.affine();
    private final NormalKernels normalKernels = Kernels.normal();
    private final MomentKernels moments = Kernels.moments();
    private final UniformKernels uniformKernels = Kernels.uniform();
    private final LxmLanes lanes = LxmLanes.unseeded();
    private ChiSquareSampler chiSquare;
    private UniformRandomProvider rng;
    /** The regimes that draw earlier points again; null for the others. */
    private final PointRegime pointRegime;
    private int generation;
    private int absorbedAt;
    /** No model draws and no fresh data in any generation: a model of covariance zero can be absorbing ({@link #recordAbsorption}). */
    private final boolean absorbing;

    private GaussianChain(GaussianSpec spec) {
        this.spec = spec;
        absorbing = canAbsorb(spec);
        d = spec.dim();
        stride = MomentKernels.stride(d);
        exact = spec.resolvedMode() == SamplingMode.EXACT;
        mu0 = new double[stride];
        System.arraycopy(spec.mean(), 0, mu0, 0, d);
        final double[] cov = spec.covariance();
        final double[] padded = new double[d * stride];
        for (int i = 0; i < d; i++) {
            System.arraycopy(cov, i * d, padded, i * stride, d);
        }
        u0 = new double[d * stride];
        Cholesky.factorUpper(padded, d, stride, d, u0);
        mu = new double[stride];
        u = new double[d * stride];
        uNext = new double[d * stride];
        absoluteFactor = new double[d * stride];
        logDiagonal = new double[d];
        factor = new double[d * stride];
        otherMean = new double[stride];
        otherFactor = new double[d * stride];
        poolMean = new double[stride];
        poolFactor = new double[d * stride];
        row = new double[stride];
        data = spec.data();
        dataMean = new double[stride];
        dataFactor = new double[d * stride];
        if (data != null) {
            System.arraycopy(data.mean(), 0, dataMean, 0, d);
            final double[] s = data.scatter();
            final double[] paddedScatter = new double[d * stride];
            for (int i = 0; i < d; i++) {
                System.arraycopy(s, i * d, paddedScatter, i * stride, d);
            }
            Cholesky.factorUpper(paddedScatter, d, stride, d, dataFactor);
        }
        zbar = new double[stride];
        zeros = new double[stride];
        normals = new double[NormalKernels.padded(d + d * (d - 1) / 2)];
        sum = new double[d];
        scatter = new double[d * stride];
        measurement = new GaussianMetrics(d, stride, mu0, cov);
        pointRegime = GaussianSpec.needsPoints(spec.regime()) ? new PointRegime(spec.regime(), d, stride, data, mu0, u0, lanes) : null;
    }

    /**
     * @param spec the chain's definition
     * @param rng the replicate's random stream
     * @return a chain at generation 0
     */
    public static GaussianChain create(GaussianSpec spec, UniformRandomProvider rng) {
        final GaussianChain chain = new GaussianChain(spec);
        chain.reset(rng);
        return chain;
    }

    /**
     * Adds what the chains of a run hold ({@link org.modelcollapse.experiment.MemoryEstimate}): per chain
     * some twenty d x d matrices (factors, scatters, the metrics' workspace), in samples mode a
     * generation's points (M_n x d, four buffers in the point regimes), and the accumulate-subsample
     * pool, which grows by M_n points every generation.
     *
     * @param resolvedMode exact or samples ({@link GaussianSpec#resolve})
     * @param dataPoints points of the user's D_0 (0 for none)
     * @param generations the run's last generation (the largest M_n drawn is M_(generations-1): sizes never decrease)
     * @param chains chains held at once (one per worker thread)
     */
    public static void estimate(int d, SamplingMode resolvedMode, Regime regime, SampleSizeSchedule samples, int dataPoints,
                                int generations, int chains, org.modelcollapse.experiment.MemoryEstimate estimate) {
        final double stride = MomentKernels.stride(d);
        estimate.array("dim", "a d x d matrix", d * stride, 8, 20.0 * chains + 6);
        estimate.add("data", 24.0 * dataPoints * d);
        if (resolvedMode == SamplingMode.EXACT) {
            return;
        }
        final int lastData = Math.max(0, generations - 1); // generation n's data are M_n points, n < generations
        final double m = samples.firstOverflow(lastData) >= 0 ? Integer.MAX_VALUE : samples.sizeAt(lastData);
        final boolean points = GaussianSpec.needsPoints(regime);
        estimate.array("samples", "a generation's points (M x d)", m * stride + NormalKernels.BLOCK, 8, (points ? 4 : 1) * (double) chains);
        if (regime.kind() == Regime.Kind.ACCUMULATE_SUBSAMPLE) {
            estimate.array("generations", "the accumulated pool of points", samples.totalUpTo(generations) * stride, 8, 2.0 * chains);
        }
    }

    /** Without the smallest and largest eigenvalue and W2^2, no singular values are computed (their values are then NaN). */
    @Override
    public void requireMetrics(java.util.BitSet needed) {
        spectral = needed.get(MIN_EIGENVALUE) || needed.get(MAX_EIGENVALUE) || needed.get(W2_SQUARED);
        metricsCurrent = false;
    }

    @Override
    public List<String> metricNames() {
        return METRICS;
    }

    @Override
    public void reset(UniformRandomProvider rng) {
        this.rng = rng;
        lanes.reseed(rng);
        chiSquare = new ChiSquareSampler(rng);
        restart();
    }

    /** Returns to generation 0 (the original distribution), continuing the same random stream; allocation-free. */
    public void restart() {
        if (pointRegime != null) {
            pointRegime.restart();
        }
        poolCount = 0;
        if (data != null) {
            // accumulate: D_0, the user's points, is the pool's first block.
            poolCount = data.count();
            System.arraycopy(dataMean, 0, poolMean, 0, stride);
            System.arraycopy(dataFactor, 0, poolFactor, 0, dataFactor.length);
        }
        System.arraycopy(mu0, 0, mu, 0, stride);
        System.arraycopy(u0, 0, u, 0, u0.length);
        exponent = 0;
        for (int i = 0; i < d; i++) {
            logDiagonal[i] = Math.log(u0[i * stride + i]);
        }
        generation = 0;
        absorbedAt = -1;
        metricsCurrent = false;
    }

    /**
     * @return true if a replicate of this spec can reach an absorbing state, a covariance of exactly
     *     zero that no later generation changes: only when no generation draws from the model or fresh
     *     from the original (mix with alpha = gamma = 0, resampling the previous data alone, the
     *     Wright–Fisher chain on points). Points drawn from a Gaussian of non-zero covariance are distinct
     *     with probability 1, so every other chain's covariance tends to zero only in the limit (Theorem 3.1).
     */
    public static boolean canAbsorb(GaussianSpec spec) {
        return spec.regime().neverDrawsFresh(spec.samples()) && spec.regime().neverDrawsFromModel(spec.samples());
    }

    @Override
    public void step() {
        if (absorbedAt >= 0) {
            generation++;
            return;
        }
        if (data != null && generation == 0) {
            // The first fit is to the user's D_0 itself: deterministic, and already the model of generation 0.
            generation++;
            return;
        }
        final int m = spec.samples().sizeAt(generation);
        final long n = switch (spec.regime().kind()) {
            case REPLACE -> {
                // The fitted model is the block itself: mean into mu, factor into uNext (at U's exponent).
                drawBlock(m, mu, u, clampedExponent(), mu, uNext);
                yield m;
            }
            case MIX -> spec.regime().beta() > 0 ? pointRegime.step(m, mu, u, clampedExponent(), uNext, rng) : mix(m);
            case ACCUMULATE -> accumulate(m);
            case ACCUMULATE_SUBSAMPLE -> pointRegime.step(m, mu, absoluteFactor(), 0, uNext, rng);
        };
        final double scale = 1 / Math.sqrt(spec.estimator().divisor(n));
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                uNext[i * stride + j] *= scale;
            }
        }
        final double[] t = u;
        u = uNext;
        uNext = t;
        final boolean carried = spec.regime().kind() == Regime.Kind.REPLACE;
        if (carried) {
            // U_{n+1} = A^T U_n / sqrt(D): triangular, so its diagonal is the product of the diagonals.
            final double logScale = Math.log(scale);
            for (int i = 0; i < d; i++) {
                logDiagonal[i] += Math.log(factor[i * stride + i]) + logScale;
            }
        } else {
            // The block regimes and accumulate-subsample fit data in absolute coordinates; mix with
            // resampling in units of the model's power of two.
            exponent = pointRegime != null ? pointRegime.exponent() : 0;
        }
        renormalise();
        if (!carried) {
            for (int i = 0; i < d; i++) {
                logDiagonal[i] = Math.log(u[i * stride + i]) + exponent * LN2;
            }
        }
        generation++;
        metricsCurrent = false;
        recordAbsorption();
    }

    /**
     * Scales U by a power of two so that its largest entry lies in [1, 2), moving the power into
     * {@link #exponent}: exact (every entry is multiplied by a power of two, without rounding), so that
     * ln det and W2 stay exact after the covariance has left the range of doubles. In replace,
     * E ln sigma^2 falls by psi((M-1)/2) + ln(2/(M-1)) per generation, 1.27 at M = 2: without this the
     * factor would underflow after some 560 generations and the chain would look absorbed. Done every
     * generation rather than when the entries stray far, so that no branch is first taken thousands
     * of generations into a run (the JIT compiler would then recompile the step).
     */
    private void renormalise() {
        double max = 0;
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                max = Math.max(max, Math.abs(u[i * stride + j]));
            }
        }
        if (max == 0) {
            return; // a zero covariance: absorbing where the regime allows (recordAbsorption)
        }
        final int k = Math.getExponent(max);
        final double scale = Math.scalb(1.0, -k);
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                u[i * stride + j] *= scale;
            }
        }
        exponent += k;
    }

    /**
     * Absorbed: the covariance is exactly zero (every entry of U; never by underflow, see
     * {@link #renormalise}), no later generation draws fresh original data, and for
     * accumulate-subsample the pool holds no spread either (it keeps every earlier point).
     */
    private void recordAbsorption() {
        if (!absorbing || absorbedAt >= 0) {
            return;
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                if (u[i * stride + j] != 0) {
                    return;
                }
            }
        }
        if (spec.regime().kind() == Regime.Kind.ACCUMULATE_SUBSAMPLE && pointRegime.poolHasSpread()) {
            return;
        }
        absorbedAt = generation;
    }

    /** @return 2^exponent U, in {@link #absoluteFactor} (U itself when the exponent is 0) */
    private double[] absoluteFactor() {
        if (exponent == 0) {
            return u;
        }
        final int e = clampedExponent();
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                absoluteFactor[i * stride + j] = Math.scalb(u[i * stride + j], e);
            }
        }
        return absoluteFactor;
    }

    /** @return the exponent within int range: beyond +-4096, 2^exponent times any double is 0 or infinite anyway */
    private int clampedExponent() {
        return (int) Math.max(-4096, Math.min(4096, exponent));
    }

    /**
     * mix: alpha M points from the model and the remaining gamma M from the original distribution
     * (beta = 0, checked by the spec); the fit sees both blocks, merged.
     *
     * @return the points fitted
     */
    private int mix(int m) {
        final int fromModel = spec.regime().modelPoints(m);
        final int fromOriginal = spec.regime().freshPoints(m);
        drawBlock(fromModel, mu, absoluteFactor(), 0, otherMean, otherFactor);
        if (data != null) {
            resampleData(fromOriginal, poolMean, poolFactor);
        } else {
            drawBlock(fromOriginal, mu0, u0, 0, poolMean, poolFactor);
        }
        merge(fromOriginal, poolMean, poolFactor, fromModel, otherMean, otherFactor);
        System.arraycopy(poolMean, 0, mu, 0, stride);
        System.arraycopy(poolFactor, 0, uNext, 0, poolFactor.length);
        return m;
    }

    /**
     * accumulate: M model points join the pool of every earlier generation's points, summarised by
     * its count, mean and scatter factor; the fit sees the whole pool.
     *
     * @return the points fitted (the pool's size)
     */
    private long accumulate(int m) {
        drawBlock(m, mu, absoluteFactor(), 0, otherMean, otherFactor);
        merge(poolCount, poolMean, poolFactor, m, otherMean, otherFactor);
        poolCount += m;
        System.arraycopy(poolMean, 0, mu, 0, stride);
        System.arraycopy(poolFactor, 0, uNext, 0, poolFactor.length);
        return poolCount;
    }

    /**
     * Merges block (nb, meanB, factorB) into block (na, meanA, factorA) (Chan, Golub and LeVeque,
     * "Algorithms for computing the sample variance", Am. Stat. 37 (1983) 242–247): mean (na meanA +
     * nb meanB)/(na + nb), scatter S_A + S_B + na nb/(na + nb) delta delta^T, delta = meanA - meanB, in
     * square-root form ({@link TriangularFactor}).
     */
    private void merge(long na, double[] meanA, double[] factorA, long nb, double[] meanB, double[] factorB) {
        if (nb == 0) {
            return;
        }
        if (na == 0) {
            System.arraycopy(meanB, 0, meanA, 0, stride);
            System.arraycopy(factorB, 0, factorA, 0, factorA.length);
            return;
        }
        final double total = (double) na + nb;
        final double weight = Math.sqrt(na * (nb / total));
        for (int r = 0; r < d; r++) {
            row[r] = weight * (meanA[r] - meanB[r]);
            meanA[r] = (na * meanA[r] + nb * meanB[r]) / total;
        }
        TriangularFactor.addRow(factorA, d, stride, row, 0);
        TriangularFactor.addFactor(factorA, factorB, d, stride, row);
    }

    /**
     * The sufficient statistics of k points from N(mean, 4^e U^T U): their mean into {@code outMean} and an
     * upper factor R of their centred scatter (4^e R^T R = S) into {@code outFactor}. With x_i = mean + 2^e L z_i,
     * the mean is mean + 2^e L zbar and R = A^T U for any A A^T = S_z. Exact mode draws zbar ~ N(0, I/k) and A
     * by the Bartlett decomposition of Wishart_d(k - 1, I); samples mode draws the k z_i. k = 0 leaves
     * the outputs unchanged; k = 1 gives a zero factor.
     *
     * @param e the factor's binary exponent (0 for a factor in absolute scale)
     * @param outMean may be {@code mean} (each entry is read before it is written)
     */
    private void drawBlock(int k, double[] mean, double[] upper, int e, double[] outMean, double[] outFactor) {
        if (k == 0) {
            return;
        }
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
        affine.apply(zbar, 1, d, stride, upper, mean, outMean);
        affine.apply(factor, d, d, stride, upper, zeros, outFactor);
    }

    /**
     * The statistics of k points resampled with replacement from the user's data: their mean, and the
     * factor of their scatter (computed about the data's mean, so far-off data keep their precision).
     */
    private void resampleData(int k, double[] outMean, double[] outFactor) {
        if (k == 0) {
            return;
        }
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
            outMean[r] = dataMean[r] + zbar[r];
        }
        for (int r = 0; r < d; r++) {
            for (int s = r; s < d; s++) {
                scatter[r * stride + s] -= k * zbar[r] * zbar[s];
            }
        }
        Cholesky.factorUpper(scatter, d, stride, Math.min(d, k - 1), outFactor);
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

    @Override
    public int generation() {
        return generation;
    }

    @Override
    public boolean absorbed() {
        return absorbedAt >= 0;
    }

    @Override
    public int absorbedAt() {
        return absorbedAt;
    }

    @Override
    public int absorbingState() {
        return -1;
    }

    /** Writes the current model's {@link #METRICS} ({@link GaussianMetrics}), measured once per generation on demand. */
    @Override
    public double[] metrics() {
        if (!metricsCurrent) {
            measurement.measure(mu, u, clampedExponent(), logDiagonal, spectral, metrics);
            metricsCurrent = true;
        }
        return metrics;
    }

    /**
     * @param out Modified: receives the current mean mu_n, d values.
     */
    public void readMean(double[] out) {
        System.arraycopy(mu, 0, out, 0, d);
    }

    /**
     * @param out Modified: receives the current covariance Sigma_n, d x d row-major; entries below the
     *     range of doubles are 0 (ln det and the other metrics are exact beyond it: {@link #metrics()}).
     */
    public void readCovariance(double[] out) {
        final int e = clampedExponent();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double v = 0;
                for (int k = 0; k <= Math.min(i, j); k++) {
                    v += u[k * stride + i] * u[k * stride + j];
                }
                out[i * d + j] = Math.scalb(v, 2 * e);
            }
        }
    }
}
