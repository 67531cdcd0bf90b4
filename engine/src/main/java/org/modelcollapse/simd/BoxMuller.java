package org.modelcollapse.simd;

/**
 * The arithmetic of the Box–Muller transform shared by {@link ScalarNormalKernels} and
 * {@link VectorNormalKernels}: constants, and scalar versions of each step that the vector kernel
 * mirrors operation for operation (same fused multiply-adds in the same order), so that both give
 * bit-identical results.
 *
 * <p>ln u: u = 2^e m with m in [sqrt(1/2), sqrt(2)) (the decomposition of ARM's optimized-routines
 * log), ln m = 2 atanh(s) with s = (m - 1)/(m + 1),
 * |s| &lt;= 0.1716, as 2s + s R(s^2) with fdlibm's minimax polynomial R of degree 7, and e ln 2 split
 * into a part exact for |e| &lt;= 54 and a remainder (fdlibm's constants). sin and cos of theta in
 * [-pi/4, pi/4] by fdlibm's minimax polynomials of degree 13 and 14; the angle's quadrant q is the
 * nearest integer to 4 (z2 &gt;&gt;&gt; 11) 2^-53, taken exactly in integers. The polynomials are
 * evaluated by Horner's rule, one fused multiply-add per coefficient.
 */
final class BoxMuller {
    static final double ONE_MINUS_HALF_ULP = 1 - 0x1.0p-53;
    /** The bits of the double nearest sqrt(1/2). */
    static final long SQRT_HALF_BITS = 0x3fe6_a09e_667f_3bcdL;
    static final long EXPONENT_FIELD = 0xfff0_0000_0000_0000L;
    static final double LN2_HI = 6.93147180369123816490e-01;
    static final double LN2_LO = 1.90821492927058770002e-10;
    static final long ONE_BITS = 0x3ff0_0000_0000_0000L;
    /** pi/2 per unit of the angle's 51-bit fraction of a quadrant. */
    static final double RADIANS_PER_UNIT = Math.PI / 2 * 0x1.0p-51;

    /*
     * Minimax coefficients of fdlibm 5.3 (Sun Microsystems, 1993): e_log.c's Lg1..Lg7 for
     * (ln m - 2s)/s as a polynomial in s^2 on |s| <= 0.1716 (error below 2^-58.45), and
     * k_sin.c's S1..S6 and k_cos.c's C1..C6 on |theta| <= pi/4 (error below 2^-58).
     */
    static final double LG1 = 6.666666666666735130e-01;
    static final double LG2 = 3.999999999940941908e-01;
    static final double LG3 = 2.857142874366239149e-01;
    static final double LG4 = 2.222219843214978396e-01;
    static final double LG5 = 1.818357216161805012e-01;
    static final double LG6 = 1.531383769920937332e-01;
    static final double LG7 = 1.479819860511658591e-01;

    static final double S1 = -1.66666666666666324348e-01;
    static final double S2 = 8.33333333332248946124e-03;
    static final double S3 = -1.98412698298579493134e-04;
    static final double S4 = 2.75573137070700676789e-06;
    static final double S5 = -2.50507602534068634195e-08;
    static final double S6 = 1.58969099521155010221e-10;

    static final double C1 = 4.16666666666666019037e-02;
    static final double C2 = -1.38888888888741095749e-03;
    static final double C3 = 2.48015872894767294178e-05;
    static final double C4 = -2.75573143513906633035e-07;
    static final double C5 = 2.08757232129817482790e-09;
    static final double C6 = -1.13596475577881948265e-11;

    private BoxMuller() {}

    /**
     * @return sqrt(-2 ln u) for u = ((z &gt;&gt;&gt; 12) + 1/2) 2^-52, exactly representable in (0, 1) and
     *     formed without conversion: [1, 2) from the bits, less 1 - 2^-53 (exact by Sterbenz's lemma)
     */
    static double radius(long z) {
        final double u = Double.longBitsToDouble((z >>> 12) | ONE_BITS) - ONE_MINUS_HALF_ULP;
        // u = 2^e m with m in [sqrt(1/2), sqrt(2)): offsetting the bits by those of sqrt(1/2) makes the
        // exponent field e directly (an arithmetic shift) and leaves m's bits after removing it.
        final long bits = Double.doubleToRawLongBits(u);
        final long offset = bits - SQRT_HALF_BITS;
        final double e = (double) (offset >> 52);
        final double m = Double.longBitsToDouble(bits - (offset & EXPONENT_FIELD));
        final double s = (m - 1) / (m + 1);
        final double s2 = s * s;
        double p = Math.fma(LG7, s2, LG6);
        p = Math.fma(p, s2, LG5);
        p = Math.fma(p, s2, LG4);
        p = Math.fma(p, s2, LG3);
        p = Math.fma(p, s2, LG2);
        p = Math.fma(p, s2, LG1);
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
        double p = Math.fma(S6, t2, S5);
        p = Math.fma(p, t2, S4);
        p = Math.fma(p, t2, S3);
        p = Math.fma(p, t2, S2);
        p = Math.fma(p, t2, S1);
        return Math.fma(t * t2, p, t);
    }

    static double cos(double t) {
        final double t2 = t * t;
        double p = Math.fma(C6, t2, C5);
        p = Math.fma(p, t2, C4);
        p = Math.fma(p, t2, C3);
        p = Math.fma(p, t2, C2);
        p = Math.fma(p, t2, C1);
        p = Math.fma(p, t2, -0.5);
        return Math.fma(t2, p, 1.0);
    }
}
