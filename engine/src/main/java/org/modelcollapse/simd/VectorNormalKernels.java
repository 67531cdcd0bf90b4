package org.modelcollapse.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link NormalKernels}: the lanes' generators advance as in
 * {@link VectorUniformKernels}, and each step of {@link BoxMuller} runs on all lanes at once with the
 * same operations as its scalar version.
 */
public final class VectorNormalKernels implements NormalKernels {
    /** The kernels for this hardware (see {@link LaneConversions}). */
    public static final VectorNormalKernels INSTANCE = new VectorNormalKernels(!LaneConversions.NATIVE);

    private static final VectorSpecies<Long> LONGS = VectorUniformKernels.LONGS;
    private static final VectorSpecies<Double> DOUBLES = VectorSpecies.of(double.class, LONGS.vectorShape());
    private static final int L = LONGS.length();
    private static final int GROUPS = LxmLanes.LANES / L;
    private static final long MIX = 0xdaba0b6eb09322e3L;

    /** Long lanes to doubles in integer arithmetic ({@link LaneConversions}), not by L2D. */
    private final boolean integerConversion;

    private VectorNormalKernels(boolean integerConversion) {
        this.integerConversion = integerConversion;
    }

    /** @return kernels that convert lanes to doubles in integer arithmetic whatever the hardware, for tests */
    static VectorNormalKernels withIntegerConversion() {
        return new VectorNormalKernels(true);
    }

    /**
     * One loop per group of lanes; every vector stays local to this method (a vector passed to a
     * method that is not inlined is boxed). The generator step is written out twice: once for the
     * radius's output, once for the angle's.
     */
    @Override
    public void fillStandardNormals(LxmLanes lanes, double[] out, int n) {
        final boolean integerConversion = this.integerConversion;
        for (int g = 0; g < GROUPS; g++) {
            final int off = g * L;
            final LongVector add = LongVector.fromArray(LONGS, lanes.add, off);
            LongVector s = LongVector.fromArray(LONGS, lanes.lcg, off);
            LongVector x0 = LongVector.fromArray(LONGS, lanes.x0, off);
            LongVector x1 = LongVector.fromArray(LONGS, lanes.x1, off);
            for (int base = 0; base < n; base += BLOCK) {
                LongVector z = s.add(x0);
                z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 32)).mul(MIX);
                z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 32)).mul(MIX);
                final LongVector z1 = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 32));
                s = s.mul(LxmLanes.M).add(add);
                LongVector t = x1.lanewise(VectorOperators.XOR, x0);
                x0 = x0.lanewise(VectorOperators.ROL, 24).lanewise(VectorOperators.XOR, t)
                        .lanewise(VectorOperators.XOR, t.lanewise(VectorOperators.LSHL, 16));
                x1 = t.lanewise(VectorOperators.ROL, 37);

                z = s.add(x0);
                z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 32)).mul(MIX);
                z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 32)).mul(MIX);
                final LongVector z2 = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 32));
                s = s.mul(LxmLanes.M).add(add);
                t = x1.lanewise(VectorOperators.XOR, x0);
                x0 = x0.lanewise(VectorOperators.ROL, 24).lanewise(VectorOperators.XOR, t)
                        .lanewise(VectorOperators.XOR, t.lanewise(VectorOperators.LSHL, 16));
                x1 = t.lanewise(VectorOperators.ROL, 37);

                // Radius: BoxMuller.radius.
                final DoubleVector u = ((DoubleVector) z1.lanewise(VectorOperators.LSHR, 12).or(BoxMuller.ONE_BITS)
                        .viewAsFloatingLanes()).sub(BoxMuller.ONE_MINUS_HALF_ULP);
                final LongVector bits = (LongVector) u.viewAsIntegralLanes();
                final LongVector offset = bits.sub(BoxMuller.SQRT_HALF_BITS);
                final LongVector exponent = offset.lanewise(VectorOperators.ASHR, 52);
                // Small signed integers: exact by the exponent trick where L2D is not intrinsified (LaneConversions).
                final DoubleVector e = integerConversion
                        ? ((DoubleVector) exponent.add(LaneConversions.ONE_AND_HALF_TWO_POW_52_BITS).viewAsFloatingLanes()).sub(0x1.8p52)
                        : (DoubleVector) exponent.convert(VectorOperators.L2D, 0);
                final DoubleVector m = (DoubleVector) bits.sub(offset.and(BoxMuller.EXPONENT_FIELD)).viewAsFloatingLanes();
                final DoubleVector sm = m.sub(1).div(m.add(1));
                final DoubleVector s2 = sm.mul(sm);
                DoubleVector p = s2.fma(BoxMuller.LG7, BoxMuller.LG6);
                p = p.fma(s2, DoubleVector.broadcast(DOUBLES, BoxMuller.LG5));
                p = p.fma(s2, DoubleVector.broadcast(DOUBLES, BoxMuller.LG4));
                p = p.fma(s2, DoubleVector.broadcast(DOUBLES, BoxMuller.LG3));
                p = p.fma(s2, DoubleVector.broadcast(DOUBLES, BoxMuller.LG2));
                p = p.fma(s2, DoubleVector.broadcast(DOUBLES, BoxMuller.LG1));
                final DoubleVector lnM = sm.mul(s2).fma(p, sm.mul(2));
                final DoubleVector lnU = e.fma(DoubleVector.broadcast(DOUBLES, BoxMuller.LN2_HI), e.fma(DoubleVector.broadcast(DOUBLES, BoxMuller.LN2_LO), lnM));
                final DoubleVector r = lnU.mul(-2).sqrt();

                // Angle: BoxMuller.quadrant, theta, cos, sin, then the quarter turns.
                final LongVector w = z2.lanewise(VectorOperators.LSHR, 11);
                final LongVector q = w.add(1L << 50).lanewise(VectorOperators.LSHR, 51);
                final LongVector fraction = w.sub(q.lanewise(VectorOperators.LSHL, 51)); // in [-2^50, 2^50]
                final DoubleVector th = (integerConversion
                        ? ((DoubleVector) fraction.add(LaneConversions.ONE_AND_HALF_TWO_POW_52_BITS).viewAsFloatingLanes()).sub(0x1.8p52)
                        : (DoubleVector) fraction.convert(VectorOperators.L2D, 0)).mul(BoxMuller.RADIANS_PER_UNIT);
                final DoubleVector t2 = th.mul(th);
                DoubleVector ps = t2.fma(BoxMuller.S6, BoxMuller.S5);
                ps = ps.fma(t2, DoubleVector.broadcast(DOUBLES, BoxMuller.S4));
                ps = ps.fma(t2, DoubleVector.broadcast(DOUBLES, BoxMuller.S3));
                ps = ps.fma(t2, DoubleVector.broadcast(DOUBLES, BoxMuller.S2));
                ps = ps.fma(t2, DoubleVector.broadcast(DOUBLES, BoxMuller.S1));
                final DoubleVector sin = th.mul(t2).fma(ps, th);
                DoubleVector pc = t2.fma(BoxMuller.C6, BoxMuller.C5);
                pc = pc.fma(t2, DoubleVector.broadcast(DOUBLES, BoxMuller.C4));
                pc = pc.fma(t2, DoubleVector.broadcast(DOUBLES, BoxMuller.C3));
                pc = pc.fma(t2, DoubleVector.broadcast(DOUBLES, BoxMuller.C2));
                pc = pc.fma(t2, DoubleVector.broadcast(DOUBLES, BoxMuller.C1));
                pc = pc.fma(t2, DoubleVector.broadcast(DOUBLES, -0.5));
                final DoubleVector cos = t2.fma(pc, DoubleVector.broadcast(DOUBLES, 1.0));
                final VectorMask<Double> odd = q.and(1L).compare(VectorOperators.NE, 0L).cast(DOUBLES);
                final LongVector cosSign = q.add(1L).and(2L).lanewise(VectorOperators.LSHL, 62);
                final LongVector sinSign = q.and(2L).lanewise(VectorOperators.LSHL, 62);
                final DoubleVector cosine = (DoubleVector) ((LongVector) cos.blend(sin, odd).viewAsIntegralLanes())
                        .lanewise(VectorOperators.XOR, cosSign).viewAsFloatingLanes();
                final DoubleVector sine = (DoubleVector) ((LongVector) sin.blend(cos, odd).viewAsIntegralLanes())
                        .lanewise(VectorOperators.XOR, sinSign).viewAsFloatingLanes();
                r.mul(cosine).intoArray(out, base + off);
                r.mul(sine).intoArray(out, base + LxmLanes.LANES + off);
            }
            s.intoArray(lanes.lcg, off);
            x0.intoArray(lanes.x0, off);
            x1.intoArray(lanes.x1, off);
        }
    }

    @Override
    public String name() {
        return "vector(" + DOUBLES + ")";
    }
}
