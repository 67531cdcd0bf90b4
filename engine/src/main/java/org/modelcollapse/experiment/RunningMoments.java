package org.modelcollapse.experiment;

/** Welford moments of a vector of metrics over a stream of replicates (one accumulator). */
final class RunningMoments {
    final double[] mean;
    final double[] m2;
    final long[] positiveInfinite;
    final long[] negativeInfinite;
    long count;

    RunningMoments(int metrics) {
        mean = new double[metrics];
        m2 = new double[metrics];
        positiveInfinite = new long[metrics];
        negativeInfinite = new long[metrics];
    }

    void add(double[] x) {
        final double inv = 1.0 / ++count;
        for (int k = 0; k < mean.length; k++) {
            final double v = x[k];
            if (v == Double.POSITIVE_INFINITY) {
                positiveInfinite[k]++;
                continue;
            }
            if (v == Double.NEGATIVE_INFINITY) {
                negativeInfinite[k]++;
                continue;
            }
            final double d = v - mean[k];
            mean[k] += d * inv;
            m2[k] += d * (v - mean[k]);
        }
    }
}
