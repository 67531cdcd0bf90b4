package org.modelcollapse.discrete;

import java.util.Arrays;

/**
 * The original categorical distribution p_0 = q over K states: uniform, Zipf, or explicit
 * probabilities or counts. Immutable; validated on construction.
 */
public final class InitialDistribution {
    /** Largest |sum - 1| accepted for explicit probabilities, which are then renormalised (and the description says so). */
    public static final double SUM_TOLERANCE = 1e-6;

    private final double[] q;
    private final String description;

    private InitialDistribution(double[] q, String description) {
        this.q = q;
        this.description = description;
    }

    /** Uniform over {@code k} states. */
    public static InitialDistribution uniform(int k) {
        checkStates(k);
        final double[] q = new double[k];
        Arrays.fill(q, 1.0 / k);
        return new InitialDistribution(q, "uniform(" + k + ")");
    }

    /** Zipf: q_j proportional to (j + 1)^-s, j = 0..k-1. */
    public static InitialDistribution zipf(int k, double s) {
        checkStates(k);
        if (!(s >= 0 && s < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("Zipf exponent must be finite and >= 0: " + s);
        }
        final double[] q = new double[k];
        double total = 0;
        for (int j = 0; j < k; j++) {
            q[j] = Math.pow(j + 1, -s);
            total += q[j];
        }
        for (int j = 0; j < k; j++) {
            q[j] /= total;
        }
        return new InitialDistribution(q, "zipf(" + k + ", " + s + ")");
    }

    /**
     * @param probabilities Not modified. Each finite and &gt;= 0, summing to 1 within {@value #SUM_TOLERANCE}.
     */
    public static InitialDistribution ofProbabilities(double[] probabilities) {
        checkStates(probabilities.length);
        double total = 0;
        for (int j = 0; j < probabilities.length; j++) {
            final double p = probabilities[j];
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probability of state " + j + " must be in [0, 1]: " + p);
            }
            total += p;
        }
        if (!(Math.abs(total - 1) <= SUM_TOLERANCE)) {
            throw new IllegalArgumentException("probabilities must sum to 1 (within " + SUM_TOLERANCE + "): sum is " + total);
        }
        final double[] q = new double[probabilities.length];
        for (int j = 0; j < q.length; j++) {
            q[j] = probabilities[j] / total;
        }
        return new InitialDistribution(q, "probabilities(" + q.length + (total == 1 ? ")" : "; renormalised, their sum was " + total + ")"));
    }

    /** @param counts Not modified. Each &gt;= 0, at least one &gt; 0; q_j = counts_j / total. */
    public static InitialDistribution ofCounts(long[] counts) {
        checkStates(counts.length);
        double total = 0;
        for (int j = 0; j < counts.length; j++) {
            if (counts[j] < 0) {
                throw new IllegalArgumentException("count of state " + j + " must be >= 0: " + counts[j]);
            }
            total += counts[j];
        }
        if (total == 0) {
            throw new IllegalArgumentException("counts must not all be zero");
        }
        final double[] q = new double[counts.length];
        for (int j = 0; j < q.length; j++) {
            q[j] = counts[j] / total;
        }
        return new InitialDistribution(q, "counts(" + q.length + ")");
    }

    private static void checkStates(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("number of states must be >= 1: " + k);
        }
    }

    /** @return K */
    public int states() {
        return q.length;
    }

    /** @return q_j */
    public double probability(int j) {
        return q[j];
    }

    /** @return a copy of q */
    public double[] probabilities() {
        return q.clone();
    }

    /** @return sum of q_j^2 (the homozygosity of p_0) */
    public double sumOfSquares() {
        double s = 0;
        for (double p : q) {
            s += p * p;
        }
        return s;
    }

    @Override
    public String toString() {
        return description;
    }
}
