package org.modelcollapse.gaussian;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.eig.symm.SymmetricQrAlgorithm_DDRM;
import org.ejml.dense.row.decomposition.hessenberg.TridiagonalDecompositionHouseholder_DDRM;
import org.modelcollapse.discrete.SamplingMode;
import org.modelcollapse.experiment.Chain;
import org.modelcollapse.simd.AffineKernels;
import org.modelcollapse.simd.Kernels;
import org.modelcollapse.simd.LxmLanes;
import org.modelcollapse.simd.MomentKernels;
import org.modelcollapse.simd.NormalKernels;

/**
 * The Gaussian collapse chain in the replace regime (SPEC §3–§5): each generation fits mean and
 * covariance to M_n points drawn from the current model N(mu_n, Sigma_n).
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
 * A rank-deficient model stays so (zero columns of L propagate); its ln det is -infinity and nothing
 * becomes NaN. A model whose covariance has become exactly zero is absorbing.
 *
 * <p>{@link #step()} advances the state only; {@link #readMetrics} measures it (the eigenvalues cost
 * O(d^3) with a large constant, so a caller that needs only the model pays nothing for them). A step
 * allocates nothing once the buffers have grown to the largest M_n.
 */
public final class GaussianChain implements Chain {
    /** Metric names, in the order {@link #readMetrics} writes them. */
    public static final List<String> METRICS = List.of(
            "mean_sq_distance", "trace", "log_det", "min_eigenvalue", "max_eigenvalue", "w2_squared", "rank");

    private final GaussianSpec spec;
    private final int d;
    private final int stride;
    private final boolean exact;
    private final double[] mu0;
    private final double[] u0;
    private final double trace0;
    private final boolean standardStart;

    private final double[] mu;
    private double[] u;
    private double[] uNext;
    private final double[] factor;
    private final double[] zbar;
    private final double[] zeros;
    private final double[] normals;
    private double[] points = new double[0];
    private final double[] sum;
    private final double[] scatter;

    private final DMatrixRMaj sigma;
    private final DMatrixRMaj h;
    private final DMatrixRMaj u0Matrix;
    private final DMatrixRMaj uMatrix;
    private final TridiagonalDecompositionHouseholder_DDRM tridiagonal = new TridiagonalDecompositionHouseholder_DDRM();
    private final SymmetricQrAlgorithm_DDRM qr = new SymmetricQrAlgorithm_DDRM();
    private final double[] diagonal;
    private final double[] offDiagonal;
    private final double[] eigenvalues;
    private final double[] metrics = new double[METRICS.size()];
    private boolean metricsCurrent;

    private final AffineKernels affine = Kernels.affine();
    private final NormalKernels normalKernels = Kernels.normal();
    private final MomentKernels moments = Kernels.moments();
    private final LxmLanes lanes = LxmLanes.unseeded();
    private ChiSquareSampler chiSquare;
    private int generation;
    private int absorbedAt;

    private GaussianChain(GaussianSpec spec) {
        this.spec = spec;
        d = spec.dim();
        stride = MomentKernels.stride(d);
        exact = spec.resolvedMode() == SamplingMode.EXACT;
        mu0 = new double[stride];
        System.arraycopy(spec.mean(), 0, mu0, 0, d);
        final double[] cov = spec.covariance();
        final double[] padded = new double[d * stride];
        double trace = 0;
        boolean identity = true;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                padded[i * stride + j] = cov[i * d + j];
                identity &= cov[i * d + j] == (i == j ? 1 : 0);
            }
            trace += cov[i * d + i];
        }
        trace0 = trace;
        standardStart = identity;
        u0 = new double[d * stride];
        Cholesky.factorUpper(padded, d, stride, d, u0);
        mu = new double[stride];
        u = new double[d * stride];
        uNext = new double[d * stride];
        factor = new double[d * stride];
        zbar = new double[stride];
        zeros = new double[stride];
        normals = new double[NormalKernels.padded(d + d * (d - 1) / 2)];
        sum = new double[d];
        scatter = new double[d * stride];
        sigma = new DMatrixRMaj(d, d);
        h = new DMatrixRMaj(d, d);
        uMatrix = new DMatrixRMaj(d, d);
        u0Matrix = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                u0Matrix.set(i, j, u0[i * stride + j]);
            }
        }
        diagonal = new double[d];
        offDiagonal = new double[d];
        eigenvalues = new double[d];
        qr.setFastEigenvalues(true);
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

    @Override
    public List<String> metricNames() {
        return METRICS;
    }

    @Override
    public void reset(UniformRandomProvider rng) {
        lanes.reseed(rng);
        chiSquare = new ChiSquareSampler(rng);
        restart();
    }

    /** Returns to generation 0 (the original distribution), continuing the same random stream; allocation-free. */
    public void restart() {
        System.arraycopy(mu0, 0, mu, 0, stride);
        System.arraycopy(u0, 0, u, 0, u0.length);
        generation = 0;
        absorbedAt = -1;
        metricsCurrent = false;
    }

    @Override
    public void step() {
        if (absorbedAt >= 0) {
            return;
        }
        final int m = spec.samples().sizeAt(generation);
        final double scale = 1 / Math.sqrt(spec.estimator().divisor(m));
        if (exact) {
            drawExact(m, scale);
        } else {
            drawSamples(m, scale);
        }
        // mu_{n+1} = mu_n + L_n zbar, then U_{n+1} = (L_n A s)^T = (A s)^T U_n: row i of the new factor
        // is sum_s factor[i][s] u[s][.], the affine kernel with zero shift.
        affine.apply(zbar, 1, d, stride, u, mu, mu);
        affine.apply(factor, d, d, stride, u, zeros, uNext);
        final double[] t = u;
        u = uNext;
        uNext = t;
        generation++;
        metricsCurrent = false;
        if (traceOf(u) == 0) {
            absorbedAt = generation;
        }
    }

    /** zbar ~ N(0, I/M); factor = (A s)^T with A the Bartlett factor of Wishart_d(M - 1, I). */
    private void drawExact(int m, double scale) {
        final int dof = m - 1;
        normalKernels.fillStandardNormals(lanes, normals, d + d * (d - 1) / 2);
        final double meanScale = 1 / Math.sqrt(m);
        for (int r = 0; r < d; r++) {
            zbar[r] = normals[r] * meanScale;
        }
        int next = d;
        for (int j = 0; j < d; j++) {
            // Row j of factor = column j of A: the diagonal, then the normals below it (zero beyond rank).
            final int row = j * stride;
            factor[row + j] = Math.sqrt(chiSquare.sample(dof - j)) * scale;
            for (int i = j + 1; i < d; i++) {
                factor[row + i] = j < dof ? normals[next] * scale : 0;
                next++;
            }
        }
    }

    /** M standard normal points: zbar and the centred scatter S_z, factorised as (A s)^T = U_S s. */
    private void drawSamples(int m, double scale) {
        final int values = m * stride;
        if (points.length < NormalKernels.padded(values)) {
            points = new double[NormalKernels.padded(values)];
        }
        normalKernels.fillStandardNormals(lanes, points, values);
        java.util.Arrays.fill(sum, 0);
        java.util.Arrays.fill(scatter, 0);
        moments.accumulate(points, m, d, stride, sum, scatter);
        for (int r = 0; r < d; r++) {
            zbar[r] = sum[r] / m;
        }
        for (int r = 0; r < d; r++) {
            for (int s = r; s < d; s++) {
                scatter[r * stride + s] -= m * zbar[r] * zbar[s];
            }
        }
        Cholesky.factorUpper(scatter, d, stride, Math.min(d, m - 1), factor);
        for (int r = 0; r < d; r++) {
            for (int s = r; s < d; s++) {
                factor[r * stride + s] *= scale;
            }
        }
    }

    private double traceOf(double[] upper) {
        double t = 0;
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                final double v = upper[i * stride + j];
                t += v * v;
            }
        }
        return t;
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

    /**
     * Writes ||mu - mu_0||^2, tr Sigma, ln det Sigma (-infinity when singular), the smallest and largest
     * eigenvalue of Sigma (symmetric QR algorithm; rounding below 0 shown as 0), the exact
     * W2^2 to N(mu_0, Sigma_0) and the rank of Sigma. W2^2 = ||mu - mu_0||^2 + tr Sigma + tr Sigma_0
     * - 2 tr (Sigma_0^(1/2) Sigma Sigma_0^(1/2))^(1/2), the last trace being the sum of the square roots of
     * the eigenvalues of H^T H with H = U U_0^T (similar to Sigma_0^(1/2) Sigma Sigma_0^(1/2)).
     */
    @Override
    public void readMetrics(double[] out) {
        if (!metricsCurrent) {
            measure();
            metricsCurrent = true;
        }
        System.arraycopy(metrics, 0, out, 0, metrics.length);
    }

    private void measure() {
        double dist = 0;
        for (int r = 0; r < d; r++) {
            final double e = mu[r] - mu0[r];
            dist += e * e;
        }
        double logDet = 0;
        int rank = 0;
        for (int i = 0; i < d; i++) {
            final double diagonal = u[i * stride + i];
            logDet += 2 * Math.log(diagonal);
            rank += diagonal > 0 ? 1 : 0;
        }
        final double trace = traceOf(u);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                uMatrix.set(i, j, u[i * stride + j]);
            }
        }
        CommonOps_DDRM.multInner(uMatrix, sigma);
        final boolean converged = eigenvalues(sigma);
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        double rootSum = 0;
        for (int i = 0; i < d; i++) {
            min = Math.min(min, eigenvalues[i]);
            max = Math.max(max, eigenvalues[i]);
            rootSum += Math.sqrt(eigenvalues[i]);
        }
        boolean rootsConverged = converged;
        if (!standardStart) {
            CommonOps_DDRM.multTransB(uMatrix, u0Matrix, h);
            CommonOps_DDRM.multInner(h, sigma);
            rootsConverged = eigenvalues(sigma);
            rootSum = 0;
            for (int i = 0; i < d; i++) {
                rootSum += Math.sqrt(eigenvalues[i]);
            }
        }
        if (!converged) {
            min = Double.NaN;
            max = Double.NaN;
        }
        if (!rootsConverged) {
            rootSum = Double.NaN;
        }
        metrics[0] = dist;
        metrics[1] = trace;
        metrics[2] = logDet;
        metrics[3] = min;
        metrics[4] = max;
        metrics[5] = Math.max(0, dist + trace + trace0 - 2 * rootSum);
        metrics[6] = rank;
    }

    /**
     * Eigenvalues of a symmetric matrix into {@link #eigenvalues} (rounding below 0 shown as 0):
     * Householder tridiagonalisation and the implicit symmetric QR algorithm, EJML's classes used
     * directly because its {@code EigenDecomposition} allocates a {@code Complex_F64} per value read.
     *
     * @param symmetric destroyed
     * @return false if the QR iterations did not converge (never seen; the values are then NaN)
     */
    private boolean eigenvalues(DMatrixRMaj symmetric) {
        tridiagonal.decompose(symmetric);
        tridiagonal.getDiagonal(diagonal, offDiagonal);
        qr.setQ(null);
        final boolean converged = qr.process(d, diagonal, offDiagonal);
        for (int i = 0; i < d; i++) {
            eigenvalues[i] = converged ? Math.max(0, qr.getEigenvalue(i)) : Double.NaN;
        }
        return converged;
    }

    /** @return a copy of the current mean mu_n */
    public double[] mean() {
        return java.util.Arrays.copyOf(mu, d);
    }

    /** @return the current covariance Sigma_n = U^T U, d x d row-major (allocates) */
    public double[] covariance() {
        final double[] c = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double v = 0;
                for (int k = 0; k <= Math.min(i, j); k++) {
                    v += u[k * stride + i] * u[k * stride + j];
                }
                c[i * d + j] = v;
            }
        }
        return c;
    }
}
