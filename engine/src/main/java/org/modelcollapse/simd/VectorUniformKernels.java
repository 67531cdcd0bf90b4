package org.modelcollapse.simd;

import org.apache.commons.rng.UniformRandomProvider;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link UniformKernels}: all {@value LxmLanes#LANES} LXM lanes
 * advance in two vector registers per state word ({@link VectorWidth}: 256 bits, on AVX-512 too).
 */
public final class VectorUniformKernels implements UniformKernels {
    /** The kernels for this hardware (see {@link LaneConversions}). */
    public static final VectorUniformKernels INSTANCE = new VectorUniformKernels(!LaneConversions.NATIVE);

    static final VectorSpecies<Long> LONGS = VectorSpecies.of(long.class, VectorWidth.SHAPE);
    private static final int L = LONGS.length();
    private static final int GROUPS = LxmLanes.LANES / L;
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, VectorShape.forBitSize(L * Integer.SIZE));
    /** 32-bit lanes in the shape of {@link #LONGS}: the two halves of each long lane. */
    private static final VectorSpecies<Integer> HALVES = VectorSpecies.of(int.class, LONGS.vectorShape());
    /** 16-bit lanes in the shape of {@link #LONGS}: the four quarters of each long lane. */
    private static final VectorSpecies<Short> SHORTS = VectorSpecies.of(short.class, LONGS.vectorShape());
    private static final VectorSpecies<Double> DOUBLES = VectorSpecies.of(double.class, LONGS.vectorShape());
    private static final double TWO_POW_M53 = 0x1.0p-53;
    private static final long MIX = 0xdaba0b6eb09322e3L;

    /** Long lanes to doubles in integer arithmetic ({@link LaneConversions}), not by L2D. */
    private final boolean integerConversion;

    private VectorUniformKernels(boolean integerConversion) {
        this.integerConversion = integerConversion;
    }

    /** @return kernels that convert lanes to doubles in integer arithmetic whatever the hardware, for tests */
    static VectorUniformKernels withIntegerConversion() {
        return new VectorUniformKernels(true);
    }

    /** @return true if the kernels can run here: lanes divide evenly into vectors */
    static boolean supported() {
        return L >= 2 && LxmLanes.LANES % L == 0;
    }

    @Override
    public void fillDoubles(LxmLanes lanes, double[] out, int n) {
        fill(lanes, out, null, n, TWO_POW_M53, 0, integerConversion);
    }

    @Override
    public void fillIndices(LxmLanes lanes, int[] out, int n, int bound) {
        fill(lanes, null, out, n, bound * TWO_POW_M53, bound - 1, integerConversion);
    }

    /**
     * The one LXM loop behind both fills: doubles (z &gt;&gt;&gt; 11) * scale into {@code doubles}, or,
     * when that is null, their integer parts capped at {@code maxIndex} into {@code indices}. The
     * test on {@code doubles} is loop-invariant (the JIT unswitches it); every vector stays local to
     * this method, because a vector passed to a method that is not inlined is boxed.
     */
    private static void fill(LxmLanes lanes, double[] doubles, int[] indices, int n, double scale, int maxIndex, boolean integerConversion) {
        final IntVector max = IntVector.broadcast(INTS, maxIndex);
        for (int g = 0; g < GROUPS; g++) {
            final int off = g * L;
            final LongVector add = LongVector.fromArray(LONGS, lanes.add, off);
            LongVector s = LongVector.fromArray(LONGS, lanes.lcg, off);
            LongVector x0 = LongVector.fromArray(LONGS, lanes.x0, off);
            LongVector x1 = LongVector.fromArray(LONGS, lanes.x1, off);
            for (int base = 0; base < n; base += LxmLanes.LANES) {
                // Mix (lea64) of the old state, then the LCG and XBG updates, as in L64X128Mix.next().
                LongVector z = s.add(x0);
                z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 32)).mul(MIX);
                z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 32)).mul(MIX);
                z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 32));
                s = s.mul(LxmLanes.M).add(add);
                final LongVector t = x1.lanewise(VectorOperators.XOR, x0);
                x0 = x0.lanewise(VectorOperators.ROL, 24).lanewise(VectorOperators.XOR, t)
                        .lanewise(VectorOperators.XOR, t.lanewise(VectorOperators.LSHL, 16));
                x1 = t.lanewise(VectorOperators.ROL, 37);
                final LongVector bits53 = z.lanewise(VectorOperators.LSHR, 11);
                final DoubleVector x;
                if (integerConversion) {
                    // 2 h + b, h = bits53 >>> 1 and b = bits53 & 1 each exact by the exponent trick (LaneConversions).
                    final DoubleVector h = ((DoubleVector) bits53.lanewise(VectorOperators.LSHR, 1).or(LaneConversions.TWO_POW_52_BITS)
                            .viewAsFloatingLanes()).sub(0x1.0p52);
                    final DoubleVector b = ((DoubleVector) bits53.and(1L).or(LaneConversions.TWO_POW_52_BITS).viewAsFloatingLanes()).sub(0x1.0p52);
                    x = h.fma(DoubleVector.broadcast(DOUBLES, 2), b);
                } else {
                    x = (DoubleVector) bits53.convert(VectorOperators.L2D, 0);
                }
                final DoubleVector u = x.mul(scale);
                if (doubles != null) {
                    u.intoArray(doubles, base + off);
                } else {
                    ((IntVector) u.convertShape(VectorOperators.D2I, INTS, 0)).min(max).intoArray(indices, base + off);
                }
            }
            s.intoArray(lanes.lcg, off);
            x0.intoArray(lanes.x0, off);
            x1.intoArray(lanes.x1, off);
        }
    }

    /**
     * One pass: each step's words are compared with every interval end's first word (e q, so that
     * no index is computed) and the matches counted; {@code out[c]} holds the count below end c
     * until {@link IntervalCounts#finish}.
     */
    @Override
    public void countIntervals(LxmLanes lanes, UniformRandomProvider fallback, int n, int[] ends, int intervals, int[] out) {
        java.util.Arrays.fill(out, 0, intervals, 0);
        final int total = ends[intervals - 1];
        final int rejected = total <= IntervalCounts.SHORT_TOTAL_MAX
                ? countShort(lanes, n, ends, intervals - 1, total, out)
                : countWide(lanes, n, ends, intervals - 1, total, out);
        IntervalCounts.finish(fallback, n, rejected, ends, intervals, out);
    }

    /** 16-bit words, four per lane and step: word k of lane i is index 32 s + 4 i + k, the short lane 4 i + k. */
    private static int countShort(LxmLanes lanes, int n, int[] ends, int cuts, int total, int[] out) {
        final ShortVector iota = ShortVector.zero(SHORTS).addIndex(1);
        final int q = (int) IntervalCounts.wordsPerIndex(total, 16);
        final short limit = (short) (q * total);
        final boolean rejecting = q * total < 1 << 16;
        int rejected = 0;
        for (int g = 0; g < GROUPS; g++) {
            final int off = g * L;
            final LongVector add = LongVector.fromArray(LONGS, lanes.add, off);
            LongVector s = LongVector.fromArray(LONGS, lanes.lcg, off);
            LongVector x0 = LongVector.fromArray(LONGS, lanes.x0, off);
            LongVector x1 = LongVector.fromArray(LONGS, lanes.x1, off);
            for (int base = 0; base < n; base += IntervalCounts.SHORT_INDICES_PER_STEP) {
                LongVector z = s.add(x0);
                z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 32)).mul(MIX);
                z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 32)).mul(MIX);
                z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 32));
                s = s.mul(LxmLanes.M).add(add);
                final LongVector t = x1.lanewise(VectorOperators.XOR, x0);
                x0 = x0.lanewise(VectorOperators.ROL, 24).lanewise(VectorOperators.XOR, t)
                        .lanewise(VectorOperators.XOR, t.lanewise(VectorOperators.LSHL, 16));
                x1 = t.lanewise(VectorOperators.ROL, 37);
                final ShortVector w = z.reinterpretAsShorts();
                VectorMask<Short> keep = iota.compare(VectorOperators.LT, (short) Math.min(n - base - 4 * off, Short.MAX_VALUE));
                if (rejecting) {
                    final VectorMask<Short> reject = w.compare(VectorOperators.UGE, limit).and(keep);
                    if (reject.anyTrue()) {
                        rejected += reject.trueCount();
                        keep = keep.andNot(reject);
                    }
                }
                for (int c = 0; c < cuts; c++) {
                    out[c] += w.compare(VectorOperators.ULT, (short) (ends[c] * q)).and(keep).trueCount();
                }
            }
            s.intoArray(lanes.lcg, off);
            x0.intoArray(lanes.x0, off);
            x1.intoArray(lanes.x1, off);
        }
        return rejected;
    }

    /** 32-bit words, two per lane and step: word k of lane i is index 16 s + 2 i + k, the int lane 2 i + k. */
    private static int countWide(LxmLanes lanes, int n, int[] ends, int cuts, int total, int[] out) {
        final IntVector iota = IntVector.zero(HALVES).addIndex(1);
        final long q = IntervalCounts.wordsPerIndex(total, 32);
        final int limit = (int) (q * total);
        final boolean rejecting = q * total < 1L << 32;
        int rejected = 0;
        for (int g = 0; g < GROUPS; g++) {
            final int off = g * L;
            final LongVector add = LongVector.fromArray(LONGS, lanes.add, off);
            LongVector s = LongVector.fromArray(LONGS, lanes.lcg, off);
            LongVector x0 = LongVector.fromArray(LONGS, lanes.x0, off);
            LongVector x1 = LongVector.fromArray(LONGS, lanes.x1, off);
            for (int base = 0; base < n; base += IntervalCounts.WIDE_INDICES_PER_STEP) {
                LongVector z = s.add(x0);
                z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 32)).mul(MIX);
                z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 32)).mul(MIX);
                z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 32));
                s = s.mul(LxmLanes.M).add(add);
                final LongVector t = x1.lanewise(VectorOperators.XOR, x0);
                x0 = x0.lanewise(VectorOperators.ROL, 24).lanewise(VectorOperators.XOR, t)
                        .lanewise(VectorOperators.XOR, t.lanewise(VectorOperators.LSHL, 16));
                x1 = t.lanewise(VectorOperators.ROL, 37);
                final IntVector w = z.reinterpretAsInts();
                VectorMask<Integer> keep = iota.compare(VectorOperators.LT, n - base - 2 * off);
                if (rejecting) {
                    final VectorMask<Integer> reject = w.compare(VectorOperators.UGE, limit).and(keep);
                    if (reject.anyTrue()) {
                        rejected += reject.trueCount();
                        keep = keep.andNot(reject);
                    }
                }
                for (int c = 0; c < cuts; c++) {
                    out[c] += w.compare(VectorOperators.ULT, (int) (ends[c] * q)).and(keep).trueCount();
                }
            }
            s.intoArray(lanes.lcg, off);
            x0.intoArray(lanes.x0, off);
            x1.intoArray(lanes.x1, off);
        }
        return rejected;
    }

    @Override
    public String name() {
        return "vector(" + LONGS + ")";
    }
}
