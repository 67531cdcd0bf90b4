package org.modelcollapse.simd;

/**
 * The arithmetic of the Box–Muller transform shared by {@link ScalarNormalKernels} and
 * {@link VectorNormalKernels}: constants, and scalar versions of each step that the vector kernel
 * mirrors operation for operation (same fused multiply-adds in the same order), so that both give
 * bit-identical results.
 *
 * <p>ln u: u = 2^e m with m in [sqrt(1/2), sqrt(2)), ln m = 2 atanh(s) with s = (m - 1)/(m + 1),
 * |s| &lt;= 0.1716, as the odd series 2 (s + s^3/3 + ... + s^19/19) (truncation below 2e-17), and
 * e ln 2 split into a part exact for |e| &lt;= 54 and a remainder (the fdlibm constants). sin and cos of
 * theta in [-pi/4, pi/4] by their Taylor series to theta^17 and theta^16 (truncation below 1e-17); the
 * angle's quadrant q is the nearest integer to 4 (z2 &gt;&gt;&gt; 11) 2^-53, taken exactly in integers.
 */
final class BoxMuller {
    static final double TWO_POW_M52 = 0x1.0p-52;
    static final double SQRT2 = 1.4142135623730951;
    static final double LN2_HI = 6.93147180369123816490e-01;
    static final double LN2_LO = 1.90821492927058770002e-10;
    static final long EXPONENT_MASK = 0x7ff0_0000_0000_0000L;
    static final long MANTISSA_MASK = 0x000f_ffff_ffff_ffffL;
    static final long ONE_BITS = 0x3ff0_0000_0000_0000L;
    /** pi/2 per unit of the angle's 51-bit fraction of a quadrant. */
    static final double RADIANS_PER_UNIT = Math.PI / 2 * 0x1.0p-51;

    /** 2/(2k + 1), k = 1..9: the atanh series of ln m after its first term. */
    static final double L3 = 2.0 / 3;
    static final double L5 = 2.0 / 5;
    static final double L7 = 2.0 / 7;
    static final double L9 = 2.0 / 9;
    static final double L11 = 2.0 / 11;
    static final double L13 = 2.0 / 13;
    static final double L15 = 2.0 / 15;
    static final double L17 = 2.0 / 17;
    static final double L19 = 2.0 / 19;

    /** Taylor coefficients of sin theta after theta: (-1)^k / (2k + 1)!, k = 1..8. */
    static final double S3 = -1.0 / 6;
    static final double S5 = 1.0 / 120;
    static final double S7 = -1.0 / 5040;
    static final double S9 = 1.0 / 362880;
    static final double S11 = -1.0 / 39916800;
    static final double S13 = 1.0 / 6227020800L;
    static final double S15 = -1.0 / 1307674368000L;
    static final double S17 = 1.0 / 355687428096000L;

    /** Taylor coefficients of cos theta after 1: (-1)^k / (2k)!, k = 1..8. */
    static final double C2 = -1.0 / 2;
    static final double C4 = 1.0 / 24;
    static final double C6 = -1.0 / 720;
    static final double C8 = 1.0 / 40320;
    static final double C10 = -1.0 / 3628800;
    static final double C12 = 1.0 / 479001600;
    static final double C14 = -1.0 / 87178291200L;
    static final double C16 = 1.0 / 20922789888000L;

    private BoxMuller() {}

    /** @return sqrt(-2 ln u) for u = ((z &gt;&gt;&gt; 12) + 1/2) 2^-52, exactly representable in (0, 1) */
    static double radius(long z) {
        final double u = ((z >>> 12) + 0.5) * TWO_POW_M52;
        final long bits = Double.doubleToRawLongBits(u);
        double e = (double) (((bits & EXPONENT_MASK) >>> 52) - 1023);
        double m = Double.longBitsToDouble((bits & MANTISSA_MASK) | ONE_BITS);
        if (m > SQRT2) {
            m *= 0.5;
            e += 1;
        }
        final double s = (m - 1) / (m + 1);
        final double s2 = s * s;
        double p = Math.fma(L19, s2, L17);
        p = Math.fma(p, s2, L15);
        p = Math.fma(p, s2, L13);
        p = Math.fma(p, s2, L11);
        p = Math.fma(p, s2, L9);
        p = Math.fma(p, s2, L7);
        p = Math.fma(p, s2, L5);
        p = Math.fma(p, s2, L3);
        final double lnM = Math.fma(s * s2, p, 2 * s);
        final double lnU = Math.fma(e, LN2_HI, Math.fma(e, LN2_LO, lnM));
        return Math.sqrt(-2 * lnU);
    }

    /** @return the nearest quadrant index (0..4) of the angle from z, in units of 2^51 */
    static long quadrant(long z) {
        return ((z >>> 11) + (1L << 50)) >>> 51;
    }

    /** @return theta in [-pi/4, pi/4]: the angle from z less its quadrant times pi/2 */
    static double theta(long z, long quadrant) {
        return ((z >>> 11) - (quadrant << 51)) * RADIANS_PER_UNIT;
    }

    static double sin(double t) {
        final double t2 = t * t;
        double p = Math.fma(S17, t2, S15);
        p = Math.fma(p, t2, S13);
        p = Math.fma(p, t2, S11);
        p = Math.fma(p, t2, S9);
        p = Math.fma(p, t2, S7);
        p = Math.fma(p, t2, S5);
        p = Math.fma(p, t2, S3);
        return Math.fma(t * t2, p, t);
    }

    static double cos(double t) {
        final double t2 = t * t;
        double p = Math.fma(C16, t2, C14);
        p = Math.fma(p, t2, C12);
        p = Math.fma(p, t2, C10);
        p = Math.fma(p, t2, C8);
        p = Math.fma(p, t2, C6);
        p = Math.fma(p, t2, C4);
        p = Math.fma(p, t2, C2);
        return Math.fma(t2, p, 1.0);
    }
}
