package org.modelcollapse.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Long-to-double lane conversions for the kernels, bit-identical to Java's {@code (double) x} within
 * the ranges stated. With 512-bit vectors (AVX-512, which has the instruction) they are the Vector
 * API's {@code L2D}. On narrower hardware (AVX2) C2 does not intrinsify {@code L2D}: the kernel then
 * runs the Vector API's Java fallback, which allocates every vector (a categorical step at K = M = 1000
 * allocated 31-56 KB; seen on an AMD EPYC without AVX-512). There the conversion is done in integers
 * instead, by the exponent trick: for 0 &lt;= h &lt; 2^52 the double with exponent 52 and mantissa h is
 * 2^52 + h exactly, so subtracting 2^52 leaves h (signed values are shifted by 2^51 first).
 *
 * <p>Each method is a handful of vector operations, small enough for C2 to inline into the kernel's
 * loop, so that no vector leaves a compiled method (a vector passed to a method that is not inlined
 * is boxed).
 */
final class LaneConversions {
    /** True where the hardware converts 64-bit lanes to doubles (the 512-bit species: AVX-512). */
    static final boolean NATIVE = VectorUniformKernels.LONGS.vectorBitSize() >= 512;

    private static final long TWO_POW_52_BITS = Double.doubleToRawLongBits(0x1.0p52);
    private static final long ONE_AND_HALF_TWO_POW_52_BITS = Double.doubleToRawLongBits(0x1.8p52);

    private LaneConversions() {}

    /**
     * @param n lanes in [0, 2^53)
     * @return the lanes as doubles, exactly
     */
    static DoubleVector unsigned53(LongVector n, VectorSpecies<Double> doubles) {
        return NATIVE ? (DoubleVector) n.convert(VectorOperators.L2D, 0) : unsigned53ByExponent(n, doubles);
    }

    /** {@link #unsigned53} in integer arithmetic, on any hardware. */
    static DoubleVector unsigned53ByExponent(LongVector n, VectorSpecies<Double> doubles) {
        // n = 2 h + b: h (52 bits) and b (1 bit) each exact by the exponent trick, 2 h + b exact below 2^53.
        final DoubleVector h = ((DoubleVector) n.lanewise(VectorOperators.LSHR, 1).or(TWO_POW_52_BITS).viewAsFloatingLanes()).sub(0x1.0p52);
        final DoubleVector b = ((DoubleVector) n.and(1L).or(TWO_POW_52_BITS).viewAsFloatingLanes()).sub(0x1.0p52);
        return h.fma(DoubleVector.broadcast(doubles, 2), b);
    }

    /**
     * @param x lanes in [-2^51, 2^51)
     * @return the lanes as doubles, exactly
     */
    static DoubleVector signed51(LongVector x) {
        return NATIVE ? (DoubleVector) x.convert(VectorOperators.L2D, 0) : signed51ByExponent(x);
    }

    /** {@link #signed51} in integer arithmetic, on any hardware. */
    static DoubleVector signed51ByExponent(LongVector x) {
        return ((DoubleVector) x.add(ONE_AND_HALF_TWO_POW_52_BITS).viewAsFloatingLanes()).sub(0x1.8p52);
    }
}
