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

    /** @return true if M_n grows without bound (linear or power with a rate above 0); sizes never decrease */
    public boolean grows() {
        return kind != Kind.CONSTANT && rate > 0;
    }

    /**
     * @return the first generation n &lt;= last whose M_n exceeds 2^31 - 1 points, or -1 if none does
     *     (sizes never decrease, so it is found by bisection)
     */
    public long firstOverflow(long last) {
        if (exact(last) <= Integer.MAX_VALUE) {
            return -1;
        }
        long lo = -1;
        long hi = last;
        while (hi - lo > 1) {
            final long mid = (lo + hi) >>> 1;
            if (exact(mid) > Integer.MAX_VALUE) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /**
     * @return the sum of M_n over generations 0..last-1 (the points an accumulating pool holds after
     *     {@code last} generations), as a double: exact below 2^53
     */
    public double totalUpTo(long last) {
        if (kind == Kind.CONSTANT || rate == 0) {
            return (double) base * last;
        }
        double total = 0;
        for (long n = 0; n < last; n++) {
            total += exact(n);
        }
        return total;
    }

    private double exact(long n) {
        return Math.rint(switch (kind) {
            case CONSTANT -> base;
            case LINEAR -> base + rate * n;
            case POWER -> base * Math.pow(n + 1, rate);
        });
    }

    /**
     * @param n generation of the data (0 for the data the first model is fitted to)
     * @return M_n, at least 1; throws if it exceeds Integer.MAX_VALUE
     */
    public int sizeAt(long n) {
        final double r = exact(n);
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
