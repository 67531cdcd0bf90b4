package org.modelcollapse.simd;

import org.apache.commons.rng.UniformRandomProvider;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link UniformKernels}: all {@value LxmLanes#LANES} LXM lanes
 * advance in one (AVX-512) or two (AVX2) vector registers per state word.
 */
public final class VectorUniformKernels implements UniformKernels {
    /** The one instance. */
    public static final VectorUniformKernels INSTANCE = new VectorUniformKernels();

    static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED.length() >= LxmLanes.LANES
            ? LongVector.SPECIES_512 : LongVector.SPECIES_PREFERRED;
    private static final int L = LONGS.length();
    private static final int GROUPS = LxmLanes.LANES / L;
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, VectorShape.forBitSize(L * Integer.SIZE));
    /** 32-bit lanes in the shape of {@link #LONGS}: the two halves of each long lane. */
    private static final VectorSpecies<Integer> HALVES = VectorSpecies.of(int.class, LONGS.vectorShape());
    private static final double TWO_POW_M53 = 0x1.0p-53;
    private static final long MIX = 0xdaba0b6eb09322e3L;

    private VectorUniformKernels() {}

    /** @return true if the kernels can run here: lanes divide evenly into vectors */
    static boolean supported() {
        return L >= 2 && LxmLanes.LANES % L == 0;
    }

    @Override
    public void fillDoubles(LxmLanes lanes, double[] out, int n) {
        fill(lanes, out, null, n, TWO_POW_M53, 0);
    }

    @Override
    public void fillIndices(LxmLanes lanes, int[] out, int n, int bound) {
        fill(lanes, null, out, n, bound * TWO_POW_M53, bound - 1);
    }

    /**
     * The one LXM loop behind both fills: doubles (z &gt;&gt;&gt; 11) * scale into {@code doubles}, or,
     * when that is null, their integer parts capped at {@code maxIndex} into {@code indices}. The
     * test on {@code doubles} is loop-invariant (the JIT unswitches it); every vector stays local to
     * this method, because a vector passed to a method that is not inlined is boxed.
     */
    private static void fill(LxmLanes lanes, double[] doubles, int[] indices, int n, double scale, int maxIndex) {
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
                final DoubleVector u = ((DoubleVector) z.lanewise(VectorOperators.LSHR, 11)
                        .convert(VectorOperators.L2D, 0)).mul(scale);
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
     * One pass: each step's products are compared with every interval end (shifted left by the word
     * width, so that no division or shift of the products is needed) and the matches counted;
     * {@code out[c]} holds the count below end c until {@link IntervalCounts#finish}.
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

    /** 16-bit words, four per lane and step, as 32-bit lanes: indices 32 s + j from the low halves, 32 s + 16 + j from the high. */
    private static int countShort(LxmLanes lanes, int n, int[] ends, int cuts, int total, int[] out) {
        final IntVector iota = IntVector.zero(HALVES).addIndex(1);
        int rejected = 0;
        for (int g = 0; g < GROUPS; g++) {
            final int off = g * L;
            final int intOff = 2 * off;
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
                final IntVector w = z.reinterpretAsInts();
                final IntVector lo = w.lanewise(VectorOperators.AND, 0xFFFF).mul(total);
                final IntVector hi = w.lanewise(VectorOperators.LSHR, 16).mul(total);
                final VectorMask<Integer> inLo = iota.compare(VectorOperators.LT, n - base - intOff);
                final VectorMask<Integer> inHi = iota.compare(VectorOperators.LT, n - base - 2 * LxmLanes.LANES - intOff);
                final IntVector lowLo = lo.lanewise(VectorOperators.AND, 0xFFFF);
                final IntVector lowHi = hi.lanewise(VectorOperators.AND, 0xFFFF);
                VectorMask<Integer> keepLo = inLo;
                VectorMask<Integer> keepHi = inHi;
                // Only a low part below T can be below 2^w mod T (< T): the division waits for that.
                if (lowLo.compare(VectorOperators.LT, total).or(lowHi.compare(VectorOperators.LT, total)).anyTrue()) {
                    final int threshold = (int) IntervalCounts.rejectionThreshold(total, 16);
                    final VectorMask<Integer> rejectLo = lowLo.compare(VectorOperators.LT, threshold).and(inLo);
                    final VectorMask<Integer> rejectHi = lowHi.compare(VectorOperators.LT, threshold).and(inHi);
                    keepLo = inLo.andNot(rejectLo);
                    keepHi = inHi.andNot(rejectHi);
                    rejected += rejectLo.trueCount() + rejectHi.trueCount();
                }
                for (int c = 0; c < cuts; c++) {
                    final int cut = ends[c] << 16;
                    out[c] += lo.compare(VectorOperators.LT, cut).and(keepLo).trueCount()
                            + hi.compare(VectorOperators.LT, cut).and(keepHi).trueCount();
                }
            }
            s.intoArray(lanes.lcg, off);
            x0.intoArray(lanes.x0, off);
            x1.intoArray(lanes.x1, off);
        }
        return rejected;
    }

    /** 32-bit words, two per lane and step: indices 16 s + i from the low halves, 16 s + 8 + i from the high. */
    private static int countWide(LxmLanes lanes, int n, int[] ends, int cuts, int total, int[] out) {
        final LongVector iota = LongVector.zero(LONGS).addIndex(1);
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
                final LongVector lo = z.lanewise(VectorOperators.AND, IntervalCounts.LOW).mul(total);
                final LongVector hi = z.lanewise(VectorOperators.LSHR, 32).mul(total);
                final VectorMask<Long> inLo = iota.compare(VectorOperators.LT, n - base - off);
                final VectorMask<Long> inHi = iota.compare(VectorOperators.LT, n - base - LxmLanes.LANES - off);
                final LongVector lowLo = lo.lanewise(VectorOperators.AND, IntervalCounts.LOW);
                final LongVector lowHi = hi.lanewise(VectorOperators.AND, IntervalCounts.LOW);
                VectorMask<Long> keepLo = inLo;
                VectorMask<Long> keepHi = inHi;
                // Only a low part below T can be below 2^w mod T (< T): the division waits for that.
                if (lowLo.compare(VectorOperators.LT, total).or(lowHi.compare(VectorOperators.LT, total)).anyTrue()) {
                    final long threshold = IntervalCounts.rejectionThreshold(total, 32);
                    final VectorMask<Long> rejectLo = lowLo.compare(VectorOperators.LT, threshold).and(inLo);
                    final VectorMask<Long> rejectHi = lowHi.compare(VectorOperators.LT, threshold).and(inHi);
                    keepLo = inLo.andNot(rejectLo);
                    keepHi = inHi.andNot(rejectHi);
                    rejected += rejectLo.trueCount() + rejectHi.trueCount();
                }
                for (int c = 0; c < cuts; c++) {
                    final long cut = (long) ends[c] << 32;
                    out[c] += lo.compare(VectorOperators.LT, cut).and(keepLo).trueCount()
                            + hi.compare(VectorOperators.LT, cut).and(keepHi).trueCount();
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
