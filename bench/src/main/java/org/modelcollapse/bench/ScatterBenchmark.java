package org.modelcollapse.bench;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.modelcollapse.simd.MomentKernels;
import org.modelcollapse.simd.VectorMomentKernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Mean and centred scatter of M points in d dimensions. Ours: the Vector API sums-and-scatter kernel
 * on the raw points, then the O(d^2) centring S - M xbar xbar^T. Baseline, as a competent EJML user
 * writes it: column means, subtract them ({@code CommonOps_DDRM}), then {@code multInner} (Y^T Y).
 * Both produce the full symmetric d x d matrix. The report converts times to GFLOP/s with the
 * {@code dsyrk} count M d (d + 1).
 */
@Measurement(iterations = 5, time = 4)
public class ScatterBenchmark extends BenchmarkBase {
    @Param({"32:1000", "128:10000"})
    public String dm;

    private int dim;
    private int rows;
    private int stride;
    private double[] points;
    private double[] sum;
    private double[] scatter;
    private DMatrixRMaj matrix;
    private DMatrixRMaj centred;
    private DMatrixRMaj means;
    private DMatrixRMaj inner;

    @Setup
    public void setUp() {
        final String[] parts = dm.split(":");
        dim = Integer.parseInt(parts[0]);
        rows = Integer.parseInt(parts[1]);
        stride = MomentKernels.stride(dim);
        points = new double[rows * stride];
        matrix = new DMatrixRMaj(rows, dim);
        final SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < rows; i++) {
            for (int s = 0; s < dim; s++) {
                final double v = 1 + random.nextGaussian();
                points[i * stride + s] = v;
                matrix.set(i, s, v);
            }
        }
        sum = new double[dim];
        scatter = new double[dim * stride];
        centred = new DMatrixRMaj(rows, dim);
        means = new DMatrixRMaj(1, dim);
        inner = new DMatrixRMaj(dim, dim);
    }

    @Benchmark
    public double[] ours() {
        java.util.Arrays.fill(sum, 0);
        java.util.Arrays.fill(scatter, 0);
        VectorMomentKernels.INSTANCE.accumulate(points, rows, dim, stride, sum, scatter);
        for (int r = 0; r < dim; r++) {
            final double meanR = sum[r] / rows;
            for (int s = 0; s < dim; s++) {
                scatter[r * stride + s] -= rows * meanR * (sum[s] / rows);
            }
        }
        return scatter;
    }

    @Benchmark
    public DMatrixRMaj baselineEjmlMultInner() {
        CommonOps_DDRM.sumCols(matrix, means);
        CommonOps_DDRM.divide(means, rows);
        centred.setTo(matrix);
        for (int i = 0; i < rows; i++) {
            for (int s = 0; s < dim; s++) {
                centred.data[i * dim + s] -= means.data[s];
            }
        }
        CommonOps_DDRM.multInner(centred, inner);
        return inner;
    }
}
