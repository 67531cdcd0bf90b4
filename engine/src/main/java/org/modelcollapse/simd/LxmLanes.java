package org.modelcollapse.simd;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.L64X128Mix;

/**
 * The state of {@value #LANES} independent L64X128Mix generators (the LXM family of G. L. Steele
 * and S. Vigna, "LXM: better splittable pseudorandom number generators (and almost as fast)",
 * OOPSLA 2021, doi:10.1145/3485525), advanced together by a {@link UniformKernels} implementation.
 *
 * <p>Lane {@code i} produces exactly the sequence of Commons RNG's {@link L64X128Mix} constructed
 * with {@link #laneSeed(int)}; value {@code j} of a fill comes from lane {@code j % LANES} at step
 * {@code j / LANES}. A fill of n values advances every lane by ceil(n / LANES) steps, so the SIMD and
 * scalar kernels consume and produce identical streams.
 */
public final class LxmLanes {
    /** Number of generator lanes; fixed so that results never depend on the hardware's vector width. */
    public static final int LANES = 8;

    final long[] add = new long[LANES];
    final long[] lcg = new long[LANES];
    final long[] x0 = new long[LANES];
    final long[] x1 = new long[LANES];

    private LxmLanes() {}

    /**
     * Seeds the lanes from {@code source}, each the way Commons RNG seeds a split of L64X128Mix
     * (LCG addend from one value shifted left, LCG state, two XBG words, never both zero).
     *
     * @param source Modified: {@value #LANES} x 4 longs are drawn.
     * @return new lanes
     */
    public static LxmLanes of(UniformRandomProvider source) {
        final LxmLanes lanes = new LxmLanes();
        lanes.reseed(source);
        return lanes;
    }

    /** @return lanes with all state zero, to be {@link #reseed reseeded} before use (for buffers made ahead of their stream) */
    public static LxmLanes unseeded() {
        return new LxmLanes();
    }

    /**
     * Reseeds these lanes from {@code source} exactly as {@link #of} seeds new ones; allocation-free.
     *
     * @param source Modified: {@value #LANES} x 4 longs are drawn.
     */
    public void reseed(UniformRandomProvider source) {
        for (int i = 0; i < LANES; i++) {
            add[i] = (source.nextLong() << 1) | 1;
            lcg[i] = source.nextLong();
            long a = source.nextLong();
            long b = source.nextLong();
            if ((a | b) == 0) {
                a = 0x9e3779b97f4a7c15L;
                b = 0x6a09e667f3bcc909L;
            }
            x0[i] = a;
            x1[i] = b;
        }
    }

    /** @return the Commons RNG seed {add, lcg, x0, x1} that reproduces lane {@code i} from its current state */
    public long[] laneSeed(int i) {
        return new long[] {add[i], lcg[i], x0[i], x1[i]};
    }

    /** LXM output mix (Steele &amp; Vigna 2021: Doug Lea's 64-bit mixer). */
    static long lea64(long x) {
        x = (x ^ (x >>> 32)) * 0xdaba0b6eb09322e3L;
        x = (x ^ (x >>> 32)) * 0xdaba0b6eb09322e3L;
        return x ^ (x >>> 32);
    }

    /** LCG multiplier of L64X128Mix. */
    static final long M = 0xd1342543de82ef95L;
}
