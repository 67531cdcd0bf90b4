package org.modelcollapse.simd;

/** Plain-loop twin of {@link VectorUniformKernels}: the reference the SIMD kernels are tested against. */
public final class ScalarUniformKernels implements UniformKernels {
    /** The one instance. */
    public static final ScalarUniformKernels INSTANCE = new ScalarUniformKernels();

    private static final double TWO_POW_M53 = 0x1.0p-53;

    private ScalarUniformKernels() {}

    @Override
    public void fillDoubles(LxmLanes lanes, double[] out, int n) {
        for (int base = 0; base < n; base += LxmLanes.LANES) {
            for (int i = 0; i < LxmLanes.LANES; i++) {
                out[base + i] = (next(lanes, i) >>> 11) * TWO_POW_M53;
            }
        }
    }

    @Override
    public void fillIndices(LxmLanes lanes, int[] out, int n, int bound) {
        final double scale = bound * TWO_POW_M53;
        final int max = bound - 1;
        for (int base = 0; base < n; base += LxmLanes.LANES) {
            for (int i = 0; i < LxmLanes.LANES; i++) {
                out[base + i] = Math.min((int) ((next(lanes, i) >>> 11) * scale), max);
            }
        }
    }

    /** One L64X128Mix step of lane {@code i}, as in Commons RNG's {@code L64X128Mix.next()}. */
    static long next(LxmLanes l, int i) {
        final long s0 = l.x0[i];
        final long s = l.lcg[i];
        final long z = LxmLanes.lea64(s + s0);
        l.lcg[i] = LxmLanes.M * s + l.add[i];
        long s1 = l.x1[i] ^ s0;
        l.x0[i] = Long.rotateLeft(s0, 24) ^ s1 ^ (s1 << 16);
        l.x1[i] = Long.rotateLeft(s1, 37);
        return z;
    }

    @Override
    public String name() {
        return "scalar";
    }
}
