package org.modelcollapse.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The integer-arithmetic conversions equal Java's (double) x bit for bit, at the ends of their ranges and at random. */
class LaneConversionsTest {
    private static final long SEED = 77L;
    private static final VectorSpecies<Long> LONGS = VectorUniformKernels.LONGS;
    private static final VectorSpecies<Double> DOUBLES = VectorSpecies.of(double.class, LONGS.vectorShape());

    @Test
    void unsignedFiftyThreeBitsConvertExactly() {
        final UniformRandomProvider rng = RandomSource.L64_X128_MIX.create(SEED);
        check(new long[] {0, 1, 2, 3, (1L << 52) - 1, 1L << 52, (1L << 52) + 1, (1L << 53) - 1, (1L << 53) - 2}, true);
        for (int i = 0; i < 10_000; i++) {
            final long[] x = new long[LONGS.length()];
            for (int j = 0; j < x.length; j++) {
                x[j] = rng.nextLong() >>> 11 >>> rng.nextInt(53);
            }
            check(x, true);
        }
    }

    @Test
    void signedFiftyOneBitsConvertExactly() {
        final UniformRandomProvider rng = RandomSource.L64_X128_MIX.create(SEED + 1);
        check(new long[] {0, 1, -1, -1023, 1024, -(1L << 51), (1L << 51) - 1, -(1L << 50), 1L << 50}, false);
        for (int i = 0; i < 10_000; i++) {
            final long[] x = new long[LONGS.length()];
            for (int j = 0; j < x.length; j++) {
                x[j] = rng.nextLong() >> 13 >> rng.nextInt(52);
            }
            check(x, false);
        }
    }

    private static void check(long[] values, boolean unsigned) {
        for (int from = 0; from < values.length; from += LONGS.length()) {
            final long[] lanes = new long[LONGS.length()];
            System.arraycopy(values, from, lanes, 0, Math.min(lanes.length, values.length - from));
            final LongVector v = LongVector.fromArray(LONGS, lanes, 0);
            final DoubleVector byExponent = unsigned ? LaneConversions.unsigned53ByExponent(v, DOUBLES) : LaneConversions.signed51ByExponent(v);
            final DoubleVector dispatched = unsigned ? LaneConversions.unsigned53(v, DOUBLES) : LaneConversions.signed51(v);
            for (int j = 0; j < lanes.length; j++) {
                final long expected = Double.doubleToRawLongBits(lanes[j]);
                assertEquals(expected, Double.doubleToRawLongBits(byExponent.lane(j)), "exponent trick, x = " + lanes[j] + ", seed " + SEED);
                assertEquals(expected, Double.doubleToRawLongBits(dispatched.lane(j)), "dispatched, x = " + lanes[j] + ", seed " + SEED);
            }
        }
    }
}
