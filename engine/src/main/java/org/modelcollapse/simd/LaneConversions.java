package org.modelcollapse.simd;

/**
 * How the vector kernels turn 64-bit lanes into doubles, bit-identical to Java's {@code (double) x}
 * in both ways. On AVX-512 hardware (which has the instruction, also for the 256-bit vectors of
 * {@link VectorWidth}) by the Vector API's {@code L2D}. On narrower hardware (AVX2) C2 does not intrinsify {@code L2D}: the kernel then runs
 * the Vector API's Java fallback, which allocates every vector (a categorical step at K = M = 1000
 * allocated 31-56 KB; seen on an AMD EPYC without AVX-512). There the conversion is done in integers
 * instead, by the exponent trick: for 0 &lt;= h &lt; 2^52 the double with exponent 52 and mantissa h is
 * 2^52 + h exactly, so subtracting 2^52 leaves h; an unsigned 53-bit n is 2 h + b with h = n &gt;&gt; 1,
 * and a signed value below 2^51 in magnitude is shifted by 1.5 2^52 instead.
 *
 * <p>The kernels write the conversion out in their own loops rather than calling a helper: a vector
 * passed to a method that C2 does not inline is boxed, and their loops are too large for C2 to keep
 * inlining (seen: the normal kernel allocated 6.6 KB per Gaussian step once a recompilation had left a
 * helper out of line). Each kernel takes the way as a constructor argument, so that tests run both
 * where the hardware has both (AVX-512). Not on AVX2: a JVM that has run the L2D way there keeps its
 * un-intrinsified path in the kernel's compiled code, and that boxes the vectors of every call.
 */
final class LaneConversions {
    /** True where the hardware converts 64-bit lanes to doubles (it prefers 512-bit vectors: AVX-512). */
    static final boolean NATIVE = jdk.incubator.vector.LongVector.SPECIES_PREFERRED.vectorBitSize() >= 512;
    /** The bits of 2^52: or-ed with h &lt; 2^52 they make the double 2^52 + h. */
    static final long TWO_POW_52_BITS = Double.doubleToRawLongBits(0x1.0p52);
    /** The bits of 1.5 2^52: added to x, |x| &lt; 2^51, they make the double 1.5 2^52 + x. */
    static final long ONE_AND_HALF_TWO_POW_52_BITS = Double.doubleToRawLongBits(0x1.8p52);

    private LaneConversions() {}
}
