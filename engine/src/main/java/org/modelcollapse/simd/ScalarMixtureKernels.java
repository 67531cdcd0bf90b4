package org.modelcollapse.simd;

/** Plain-loop implementation of {@link MixtureKernels}: one point at a time, the reference for the Vector API twin. */
public final class ScalarMixtureKernels implements MixtureKernels {
    /** The one instance. */
    public static final ScalarMixtureKernels INSTANCE = new ScalarMixtureKernels();

    private ScalarMixtureKernels() {}

    @Override
    public void logDensities(double[] columns, int pitch, int dim, double[] factor, int stride, double[] mean, double[] reciprocal,
            double constant, double[] scratch, double[] out, int at) {
        for (int i = 0; i < pitch; i++) {
            double q = 0;
            for (int r = 0; r < dim; r++) {
                double v = columns[r * pitch + i] - mean[r];
                for (int s = 0; s < r; s++) {
                    v = Math.fma(-factor[s * stride + r], scratch[s], v);
                }
                v *= reciprocal[r];
                scratch[r] = v;
                q = Math.fma(v, v, q);
            }
            out[at + i] = Math.fma(q, -0.5, constant);
        }
    }

    @Override
    public void normalise(double[] logs, int rows, int pitch, int points, double[] totals) {
        for (int i = 0; i < pitch; i++) {
            double max = logs[i];
            for (int j = 1; j < rows; j++) {
                max = max < logs[j * pitch + i] ? logs[j * pitch + i] : max;
            }
            double sum = 0;
            for (int j = 0; j < rows; j++) {
                final double e = ExpLog.exp(logs[j * pitch + i] - max);
                logs[j * pitch + i] = e;
                sum += e;
            }
            final double inverse = 1 / sum;
            final boolean real = i < points;
            for (int j = 0; j < rows; j++) {
                logs[j * pitch + i] = real ? logs[j * pitch + i] * inverse : 0.0;
            }
            totals[i] = real ? max : 0.0;
            totals[pitch + i] = real ? sum : 1.0;
        }
    }

    @Override
    public double logLikelihood(double[] totals, int pitch) {
        return MixtureKernels.combine(logLikelihoodLane(totals, pitch, 0), logLikelihoodLane(totals, pitch, 1),
                logLikelihoodLane(totals, pitch, 2), logLikelihoodLane(totals, pitch, 3));
    }

    /** @return the partial sum of points lane, lane + BLOCK, ... */
    private static double logLikelihoodLane(double[] totals, int pitch, int lane) {
        double partial = 0;
        for (int i = lane; i < pitch; i += BLOCK) {
            partial += totals[i] + ExpLog.log(totals[pitch + i]);
        }
        return partial;
    }

    @Override
    public void weightedSums(double[] weights, int at, double[] columns, int pitch, int dim, double[] out) {
        out[0] = MixtureKernels.combine(sumLane(weights, at, pitch, 0), sumLane(weights, at, pitch, 1), sumLane(weights, at, pitch, 2),
                sumLane(weights, at, pitch, 3));
        for (int c = 0; c < dim; c++) {
            final int x = c * pitch;
            out[1 + c] = MixtureKernels.combine(dotLane(weights, at, columns, x, pitch, 0), dotLane(weights, at, columns, x, pitch, 1),
                    dotLane(weights, at, columns, x, pitch, 2), dotLane(weights, at, columns, x, pitch, 3));
        }
    }

    private static double sumLane(double[] w, int at, int pitch, int lane) {
        double partial = 0;
        for (int i = lane; i < pitch; i += BLOCK) {
            partial += w[at + i];
        }
        return partial;
    }

    private static double dotLane(double[] w, int at, double[] columns, int x, int pitch, int lane) {
        double partial = 0;
        for (int i = lane; i < pitch; i += BLOCK) {
            partial = Math.fma(w[at + i], columns[x + i], partial);
        }
        return partial;
    }

    @Override
    public void weightedScatter(double[] weights, int at, double[] columns, int pitch, int dim, double[] mean, boolean diagonalOnly,
            double[] scatter, int stride) {
        for (int a = 0; a < dim; a++) {
            for (int b = a; b < (diagonalOnly ? a + 1 : dim); b++) {
                scatter[a * stride + b] = MixtureKernels.combine(scatterLane(weights, at, columns, pitch, a, b, mean, 0),
                        scatterLane(weights, at, columns, pitch, a, b, mean, 1), scatterLane(weights, at, columns, pitch, a, b, mean, 2),
                        scatterLane(weights, at, columns, pitch, a, b, mean, 3));
            }
        }
    }

    private static double scatterLane(double[] w, int at, double[] columns, int pitch, int a, int b, double[] mean, int lane) {
        double partial = 0;
        for (int i = lane; i < pitch; i += BLOCK) {
            final double weighted = w[at + i] * (columns[a * pitch + i] - mean[a]);
            partial = Math.fma(weighted, columns[b * pitch + i] - mean[b], partial);
        }
        return partial;
    }

    @Override
    public String name() {
        return "scalar";
    }
}
