package org.modelcollapse.process;

/**
 * The number of points M_n in generation n's training data (SPEC §2): constant, linear
 * (M_n = M + slope n) or power law (M_n = M (n + 1)^exponent), rounded to the nearest integer.
 * The paper notes that sum 1/M_n &lt; infinity (super-linear growth) is what avoids Gaussian collapse.
 *
 * @param kind constant, linear or power
 * @param base M = M_0 &gt;= 1
 * @param rate slope (linear) or exponent (power); ignored for constant
 */
public record SampleSizeSchedule(Kind kind, int base, double rate) {
    /** The schedule shapes. */
    public enum Kind {
        /** M_n = M. */
        CONSTANT,
        /** M_n = M + rate n. */
        LINEAR,
        /** M_n = M (n + 1)^rate. */
        POWER
    }

    /** Validates the parameters. */
    public SampleSizeSchedule {
        if (base < 1) {
            throw new IllegalArgumentException("sample size M must be >= 1: " + base);
        }
        if (!(rate >= 0 && rate < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("schedule rate must be finite and >= 0: " + rate);
        }
    }

    /** @return M_n = M */
    public static SampleSizeSchedule constant(int m) {
        return new SampleSizeSchedule(Kind.CONSTANT, m, 0);
    }

    /** @return M_n = M + slope n */
    public static SampleSizeSchedule linear(int m, double slope) {
        return new SampleSizeSchedule(Kind.LINEAR, m, slope);
    }

    /** @return M_n = M (n + 1)^exponent */
    public static SampleSizeSchedule power(int m, double exponent) {
        return new SampleSizeSchedule(Kind.POWER, m, exponent);
    }

    /**
     * @param n generation of the data (0 for the data the first model is fitted to)
     * @return M_n, at least 1; throws if it exceeds Integer.MAX_VALUE
     */
    public int sizeAt(long n) {
        final double m = switch (kind) {
            case CONSTANT -> base;
            case LINEAR -> base + rate * n;
            case POWER -> base * Math.pow(n + 1, rate);
        };
        final double r = Math.rint(m);
        if (r > Integer.MAX_VALUE) {
            throw new IllegalStateException("sample size schedule " + this + " exceeds 2^31 - 1 points at generation " + n);
        }
        return (int) r;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case CONSTANT -> "constant(" + base + ")";
            case LINEAR -> "linear(" + base + " + " + rate + " n)";
            case POWER -> "power(" + base + " (n + 1)^" + rate + ")";
        };
    }
}
