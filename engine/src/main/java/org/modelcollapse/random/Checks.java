package org.modelcollapse.random;

/**
 * Argument checks shared by the engine's factories. Each returns the checked value, is NaN-safe
 * and names the parameter, the value and what is allowed.
 */
public final class Checks {
    private Checks() {}

    /** @return {@code value} if it is at least {@code min}. */
    public static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ": " + value);
        }
        return value;
    }

    /** @return {@code value} if it is at least {@code min}. */
    public static long atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ": " + value);
        }
        return value;
    }

    /** @return {@code value} if it lies in [0, 1]. */
    public static double probability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be a probability in [0, 1]: " + value);
        }
        return value;
    }

    /** @return {@code value} if it is finite and not negative. */
    public static double nonNegative(String name, double value) {
        if (!(value >= 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0: " + value);
        }
        return value;
    }

    /** @return {@code value} if it is finite and strictly positive. */
    public static double positive(String name, double value) {
        if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name + " must be finite and > 0: " + value);
        }
        return value;
    }
}
