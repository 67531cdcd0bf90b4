package org.modelcollapse.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters that say what is allowed: an integer option's range ("must be an integer from 1
 * to 2147483647"), a number's form. The option and the value are put in front of the message by
 * {@link CollapseCommand#commandLine()}, so that every error reads "OPTION VALUE: what is allowed".
 */
final class Converters {
    private Converters() {}

    /** An int of at least {@code min}. */
    abstract static class IntAtLeast implements ITypeConverter<Integer> {
        private final int min;

        IntAtLeast(int min) {
            this.min = min;
        }

        @Override
        public Integer convert(String value) {
            final String allowed = String.format(Locale.ROOT, "must be an integer from %d to %d", min, Integer.MAX_VALUE);
            final long v;
            try {
                v = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException(allowed);
            }
            if (v < min || v > Integer.MAX_VALUE) {
                throw new TypeConversionException(allowed);
            }
            return (int) v;
        }
    }

    /** An int of at least 0. */
    static final class NonNegative extends IntAtLeast {
        NonNegative() {
            super(0);
        }
    }

    /** An int of at least 1. */
    static final class Positive extends IntAtLeast {
        Positive() {
            super(1);
        }
    }

    /** An int of at least 2. */
    static final class AtLeastTwo extends IntAtLeast {
        AtLeastTwo() {
            super(2);
        }
    }

    /** A double in Java's syntax (NaN and infinities are left for the option's own check). */
    static final class Number implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                return Double.valueOf(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("must be a number");
            }
        }
    }

    /** A long seed. */
    static final class Seed implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Long.valueOf(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException(String.format(Locale.ROOT, "must be an integer from %d to %d", Long.MIN_VALUE, Long.MAX_VALUE));
            }
        }
    }
}
