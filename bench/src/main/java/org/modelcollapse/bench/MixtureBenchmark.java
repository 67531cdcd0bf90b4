package org.modelcollapse.bench;

import java.util.SplittableRandom;
import org.modelcollapse.simd.MixtureKernels;
import org.modelcollapse.simd.ScalarMixtureKernels;
import org.modelcollapse.simd.VectorMixtureKernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One EM iteration of k = 2 components in d = 2
 * over n points, as {@code ExpectationMaximisation} runs it (log-densities, normalisation, log-likelihood,
 * weighted sums and scatters), by the Vector API kernels or their scalar twins ({@link MixtureStepBenchmark}: a whole generation).
 */
public class MixtureBenchmark extends BenchmarkBase {
    private static final int K = 2;
    private static final int D = 2;
    private static final int STRIDE = 4;

    @Param({"vector", "scalar"})
    public String kernels;

    @Param({"1000"})
    public int points;

    private MixtureKernels implementation;
    private int pitch;
    private double[] columns;
    private double[][] factors;
    private double[][] means;
    private double[][] reciprocals;
    private double[] constants;
    private double[] scratch;
    private double[] rows;
    private double[] totals;
    private double[] sums;
    private double[] scatter;

    @Setup
    public void setUp() {
        implementation = kernels.equals("vector") ? VectorMixtureKernels.INSTANCE : ScalarMixtureKernels.INSTANCE;
        pitch = MixtureKernels.pitch(points);
        columns = new double[D * pitch];
        final SplittableRandom random = new SplittableRandom(SEED);
        for (int c = 0; c < D; c++) {
            for (int i = 0; i < points; i++) {
                columns[c * pitch + i] = random.nextGaussian();
            }
        }
        factors = new double[][] {{1, 0.3, 0, 0, 0, 0.9, 0, 0}, {0.8, -0.2, 0, 0, 0, 1.1, 0, 0}};
        means = new double[][] {{-0.5, 0.1}, {0.6, -0.2}};
        reciprocals = new double[K][D];
        constants = new double[K];
        for (int j = 0; j < K; j++) {
            for (int r = 0; r < D; r++) {
                reciprocals[j][r] = 1 / factors[j][r * STRIDE + r];
            }
            constants[j] = Math.log(0.5) - Math.log(2 * Math.PI) - Math.log(factors[j][0] * factors[j][STRIDE + 1]);
        }
        scratch = new double[2 * D * MixtureKernels.BLOCK];
        rows = new double[K * pitch];
        totals = new double[2 * pitch];
        sums = new double[D + 1];
        scatter = new double[D * STRIDE];
    }

    @Benchmark
    public double emIteration() {
        for (int j = 0; j < K; j++) {
            implementation.logDensities(columns, pitch, D, factors[j], STRIDE, means[j], reciprocals[j], constants[j], scratch, rows, j * pitch);
        }
        implementation.normalise(rows, K, pitch, points, totals);
        double check = implementation.logLikelihood(totals, pitch);
        for (int j = 0; j < K; j++) {
            implementation.weightedSums(rows, j * pitch, columns, pitch, D, sums);
            implementation.weightedScatter(rows, j * pitch, columns, pitch, D, means[j], false, scatter, STRIDE);
            check += sums[0] + scatter[0];
        }
        return check;
    }
}
