package org.modelcollapse.simd;

/**
 * exp and ln written as a fixed sequence of fused multiply-adds and bit operations, so that a Vector
 * API kernel and its scalar twin can evaluate them lane for lane and agree to the bit (the JDK's
 * {@code Math.exp} and the Vector API's {@code EXP} are free to differ by an ulp from each other and
 * between machines). Tested bounds (MixtureKernelsTest): exp within 2 ulps of {@code StrictMath.exp}, ln within 4 ulps of
 * {@code StrictMath.log} (the rounding of m + 1 and of the quotient f carry over into ln).
 *
 * <p>exp: Cody–Waite reduction x = k ln 2 + r with k = rint(x / ln 2), |r| &lt;= ln 2 / 2, ln 2 split in a
 * high part with trailing zeros and a low part (W. J. Cody and W. Waite, <i>Software Manual for the
 * Elementary Functions</i>, 1980, ch. 6); e^r by its Taylor polynomial of degree 13, evaluated by Estrin's scheme (the
 * truncation error, r^14 / 14! &lt; 5e-18, is below half an ulp); 2^k from its exponent bits. The rounding
 * to an integer adds and subtracts 1.5 * 2^52, which leaves k in the low bits of the sum.
 *
 * <p>ln: s = 2^e m with m in [sqrt(1/2), sqrt(2)), then ln m = 2 atanh(f) = 2 (f + f^3/3 + f^5/5 + ...)
 * with f = (m - 1) / (m + 1), |f| &lt;= 0.1716, the series to f^23 (the next term is below 1e-19), the polynomial in f^2 by Estrin's scheme, and
 * ln s = e ln 2 + ln m (Abramowitz and Stegun 4.1.28).
 */
public final class ExpLog {
    /** Below this, exp returns +0 (2^k would leave the normal range); e^-708 is about 3.3e-308. */
    public static final double EXP_UNDERFLOW = -708.0;
    /** Above this, exp returns +infinity. */
    public static final double EXP_OVERFLOW = 709.0;

    static final double LOG2_E = 1.4426950408889634;
    /** ln 2's high part: its last 11 bits are zero, so k ln2_hi is exact for |k| &lt; 2^11. */
    static final double LN2_HI = Double.longBitsToDouble(0x3fe62e42fee00000L);
    /** ln 2 - ln2_hi, to about 1e-27 (the value of fdlibm's e_exp.c). */
    static final double LN2_LO = 1.90821492927058770002e-10;
    /** 1.5 * 2^52: adding it rounds a double below 2^51 in magnitude to an integer kept in the low bits. */
    static final double SHIFTER = 0x1.8p52;
    /** 1 / i!, i = 0..13. */
    static final double[] EXP_TAYLOR = exponentialTaylor();
    /** 1 / (2i + 1), i = 0..11. */
    static final double[] ATANH_SERIES = atanhSeries();
    static final double SQRT_2 = Math.sqrt(2);
    static final long MANTISSA = 0x000f_ffff_ffff_ffffL;
    static final long ONE_BITS = Double.doubleToRawLongBits(1.0);
    /** 2^52 + 1023: subtracted from 2^52 with the exponent field in its mantissa, it leaves the unbiased exponent. */
    static final double EXPONENT_OFFSET = 0x1p52 + 1023;
    static final long TWO_52_BITS = Double.doubleToRawLongBits(0x1p52);

    private ExpLog() {}

    /** @return e^x within 2 ulps of {@code StrictMath.exp} for x in [{@value #EXP_UNDERFLOW}, {@value #EXP_OVERFLOW}]; +0 below, +infinity above, NaN for NaN */
    public static double exp(double x) {
        final boolean under = x < EXP_UNDERFLOW;
        final boolean over = x > EXP_OVERFLOW;
        final double clamped = under ? EXP_UNDERFLOW : over ? EXP_OVERFLOW : x;
        final double shifted = Math.fma(clamped, LOG2_E, SHIFTER);
        final double k = shifted - SHIFTER;
        final double r = Math.fma(k, -LN2_LO, Math.fma(k, -LN2_HI, clamped));
        final double[] c = EXP_TAYLOR;
        final double r2 = r * r;
        final double r4 = r2 * r2;
        final double r8 = r4 * r4;
        final double p03 = Math.fma(Math.fma(r, c[3], c[2]), r2, Math.fma(r, c[1], c[0]));
        final double p47 = Math.fma(Math.fma(r, c[7], c[6]), r2, Math.fma(r, c[5], c[4]));
        final double p811 = Math.fma(Math.fma(r, c[11], c[10]), r2, Math.fma(r, c[9], c[8]));
        final double p813 = Math.fma(Math.fma(r, c[13], c[12]), r4, p811);
        final double p = Math.fma(p813, r8, Math.fma(p47, r4, p03));
        final double scale = Double.longBitsToDouble((Double.doubleToRawLongBits(shifted) + 1023) << 52);
        final double e = p * scale;
        return under ? 0.0 : over ? Double.POSITIVE_INFINITY : e;
    }

    /** @return ln s within 4 ulps of {@code StrictMath.log}, for a positive normal s (anything else gives an unspecified value) */
    public static double log(double s) {
        final long bits = Double.doubleToRawLongBits(s);
        double m = Double.longBitsToDouble((bits & MANTISSA) | ONE_BITS);
        double e = Double.longBitsToDouble((bits >>> 52) | TWO_52_BITS) - EXPONENT_OFFSET;
        final boolean high = m > SQRT_2;
        m = high ? m * 0.5 : m;
        e = high ? e + 1 : e;
        final double f = (m - 1) / (m + 1);
        final double z = f * f;
        final double[] a = ATANH_SERIES;
        final double z2 = z * z;
        final double z4 = z2 * z2;
        final double z8 = z4 * z4;
        final double q03 = Math.fma(Math.fma(z, a[3], a[2]), z2, Math.fma(z, a[1], a[0]));
        final double q47 = Math.fma(Math.fma(z, a[7], a[6]), z2, Math.fma(z, a[5], a[4]));
        final double q811 = Math.fma(Math.fma(z, a[11], a[10]), z2, Math.fma(z, a[9], a[8]));
        final double q = Math.fma(q811, z8, Math.fma(q47, z4, q03));
        return Math.fma(e, LN2_HI, Math.fma(e, LN2_LO, (f + f) * q));
    }

    private static double[] exponentialTaylor() {
        final double[] c = new double[14];
        double factorial = 1;
        for (int i = 0; i < c.length; i++) {
            factorial *= Math.max(i, 1);
            c[i] = 1 / factorial;
        }
        return c;
    }

    private static double[] atanhSeries() {
        final double[] c = new double[12];
        for (int i = 0; i < c.length; i++) {
            c[i] = 1.0 / (2 * i + 1);
        }
        return c;
    }
}
