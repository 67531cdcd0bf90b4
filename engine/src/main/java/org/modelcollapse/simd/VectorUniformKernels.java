package org.modelcollapse.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
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

    @Override
    public String name() {
        return "vector(" + LONGS + ")";
    }
}
