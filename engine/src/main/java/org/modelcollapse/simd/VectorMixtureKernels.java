package org.modelcollapse.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link MixtureKernels}: points across the lanes, a block of
 * {@value MixtureKernels#BLOCK} points as a vector of four doubles, whose lanes are the partial sums (lane l is partial l).
 * exp and ln are {@link ExpLog}'s operation sequences, lane-wise.
 *
 * <p>Each kernel takes its partial sums' lanes itself rather than through a helper that takes the vector: once C2 has
 * parsed as many nodes as it inlines (exp and ln are large), it leaves such a helper a call and boxes the vector for it,
 * whereas the Vector API's own lane access is still inlined late (seen on AVX-512: logLikelihood boxed its partial sums
 * once a call, 38-460 KB per 200 paper-GMM steps; 0 B with the lanes taken in place).
 */
public final class VectorMixtureKernels implements MixtureKernels {
    /** The one instance. */
    public static final VectorMixtureKernels INSTANCE = new VectorMixtureKernels();

    private static final VectorSpecies<Double> QUARTER = DoubleVector.SPECIES_256;
    private static final int W = 4;
    /** Lane l holds l: compared with the points left, the mask of real points (C2 leaves {@code indexInRange} a call). */
    private static final DoubleVector LANE_INDICES = DoubleVector.fromArray(QUARTER, new double[] {0, 1, 2, 3}, 0);
    // The constants of exp and ln as vectors, so that each is one instruction in the methods below, which stay small enough to be inlined.
    private static final DoubleVector EXP_0 = DoubleVector.broadcast(QUARTER, ExpLog.EXP_TAYLOR[0]);
    private static final DoubleVector EXP_1 = DoubleVector.broadcast(QUARTER, ExpLog.EXP_TAYLOR[1]);
    private static final DoubleVector EXP_2 = DoubleVector.broadcast(QUARTER, ExpLog.EXP_TAYLOR[2]);
    private static final DoubleVector EXP_3 = DoubleVector.broadcast(QUARTER, ExpLog.EXP_TAYLOR[3]);
    private static final DoubleVector EXP_4 = DoubleVector.broadcast(QUARTER, ExpLog.EXP_TAYLOR[4]);
    private static final DoubleVector EXP_5 = DoubleVector.broadcast(QUARTER, ExpLog.EXP_TAYLOR[5]);
    private static final DoubleVector EXP_6 = DoubleVector.broadcast(QUARTER, ExpLog.EXP_TAYLOR[6]);
    private static final DoubleVector EXP_7 = DoubleVector.broadcast(QUARTER, ExpLog.EXP_TAYLOR[7]);
    private static final DoubleVector EXP_8 = DoubleVector.broadcast(QUARTER, ExpLog.EXP_TAYLOR[8]);
    private static final DoubleVector EXP_9 = DoubleVector.broadcast(QUARTER, ExpLog.EXP_TAYLOR[9]);
    private static final DoubleVector EXP_10 = DoubleVector.broadcast(QUARTER, ExpLog.EXP_TAYLOR[10]);
    private static final DoubleVector EXP_11 = DoubleVector.broadcast(QUARTER, ExpLog.EXP_TAYLOR[11]);
    private static final DoubleVector EXP_12 = DoubleVector.broadcast(QUARTER, ExpLog.EXP_TAYLOR[12]);
    private static final DoubleVector EXP_13 = DoubleVector.broadcast(QUARTER, ExpLog.EXP_TAYLOR[13]);
    private static final DoubleVector ATANH_0 = DoubleVector.broadcast(QUARTER, ExpLog.ATANH_SERIES[0]);
    private static final DoubleVector ATANH_1 = DoubleVector.broadcast(QUARTER, ExpLog.ATANH_SERIES[1]);
    private static final DoubleVector ATANH_2 = DoubleVector.broadcast(QUARTER, ExpLog.ATANH_SERIES[2]);
    private static final DoubleVector ATANH_3 = DoubleVector.broadcast(QUARTER, ExpLog.ATANH_SERIES[3]);
    private static final DoubleVector ATANH_4 = DoubleVector.broadcast(QUARTER, ExpLog.ATANH_SERIES[4]);
    private static final DoubleVector ATANH_5 = DoubleVector.broadcast(QUARTER, ExpLog.ATANH_SERIES[5]);
    private static final DoubleVector ATANH_6 = DoubleVector.broadcast(QUARTER, ExpLog.ATANH_SERIES[6]);
    private static final DoubleVector ATANH_7 = DoubleVector.broadcast(QUARTER, ExpLog.ATANH_SERIES[7]);
    private static final DoubleVector ATANH_8 = DoubleVector.broadcast(QUARTER, ExpLog.ATANH_SERIES[8]);
    private static final DoubleVector ATANH_9 = DoubleVector.broadcast(QUARTER, ExpLog.ATANH_SERIES[9]);
    private static final DoubleVector ATANH_10 = DoubleVector.broadcast(QUARTER, ExpLog.ATANH_SERIES[10]);
    private static final DoubleVector ATANH_11 = DoubleVector.broadcast(QUARTER, ExpLog.ATANH_SERIES[11]);
    private static final DoubleVector MINUS_LN2_HI = DoubleVector.broadcast(QUARTER, -ExpLog.LN2_HI);
    private static final DoubleVector MINUS_LN2_LO = DoubleVector.broadcast(QUARTER, -ExpLog.LN2_LO);
    private static final DoubleVector LN2_HI = DoubleVector.broadcast(QUARTER, ExpLog.LN2_HI);
    private static final DoubleVector LN2_LO = DoubleVector.broadcast(QUARTER, ExpLog.LN2_LO);

    private VectorMixtureKernels() {}

    /** @return true if this machine has vectors of four doubles */
    static boolean supported() {
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    }

    /** Two vectors of points per step, so that one's chain of dependent operations overlaps the other's; then the last four if any. */
    @Override
    public void logDensities(double[] columns, int pitch, int dim, double[] factor, int stride, double[] mean, double[] reciprocal,
            double constant, double[] scratch, double[] out, int at) {
        int i = 0;
        for (; i + 2 * W <= pitch; i += 2 * W) {
            DoubleVector q0 = DoubleVector.zero(QUARTER);
            DoubleVector q1 = q0;
            for (int r = 0; r < dim; r++) {
                DoubleVector v0 = DoubleVector.fromArray(QUARTER, columns, r * pitch + i).sub(mean[r]);
                DoubleVector v1 = DoubleVector.fromArray(QUARTER, columns, r * pitch + i + W).sub(mean[r]);
                for (int s = 0; s < r; s++) {
                    final DoubleVector u = DoubleVector.broadcast(QUARTER, -factor[s * stride + r]);
                    v0 = DoubleVector.fromArray(QUARTER, scratch, s * 2 * W).fma(u, v0);
                    v1 = DoubleVector.fromArray(QUARTER, scratch, s * 2 * W + W).fma(u, v1);
                }
                v0 = v0.mul(reciprocal[r]);
                v1 = v1.mul(reciprocal[r]);
                v0.intoArray(scratch, r * 2 * W);
                v1.intoArray(scratch, r * 2 * W + W);
                q0 = v0.fma(v0, q0);
                q1 = v1.fma(v1, q1);
            }
            q0.fma(-0.5, constant).intoArray(out, at + i);
            q1.fma(-0.5, constant).intoArray(out, at + i + W);
        }
        if (i < pitch) {
            DoubleVector q = DoubleVector.zero(QUARTER);
            for (int r = 0; r < dim; r++) {
                DoubleVector v = DoubleVector.fromArray(QUARTER, columns, r * pitch + i).sub(mean[r]);
                for (int s = 0; s < r; s++) {
                    v = DoubleVector.fromArray(QUARTER, scratch, s * W).fma(DoubleVector.broadcast(QUARTER, -factor[s * stride + r]), v);
                }
                v = v.mul(reciprocal[r]);
                v.intoArray(scratch, r * W);
                q = v.fma(v, q);
            }
            q.fma(-0.5, constant).intoArray(out, at + i);
        }
    }

    @Override
    public void normalise(double[] logs, int rows, int pitch, int points, double[] totals) {
        final DoubleVector none = DoubleVector.zero(QUARTER);
        final DoubleVector one = DoubleVector.broadcast(QUARTER, 1.0);
        for (int i = 0; i < pitch; i += W) {
            DoubleVector max = DoubleVector.fromArray(QUARTER, logs, i);
            for (int j = 1; j < rows; j++) {
                // A comparison and blend: C2 leaves the lane-wise max (Java's, with its NaN and signed-zero rules) a call here.
                final DoubleVector l = DoubleVector.fromArray(QUARTER, logs, j * pitch + i);
                max = max.blend(l, max.lt(l));
            }
            DoubleVector sum = none;
            for (int j = 0; j < rows; j++) {
                final DoubleVector e = exp(DoubleVector.fromArray(QUARTER, logs, j * pitch + i).sub(max));
                e.intoArray(logs, j * pitch + i);
                sum = sum.add(e);
            }
            final DoubleVector inverse = one.div(sum);
            final VectorMask<Double> real = LANE_INDICES.add((double) i).lt((double) points);
            for (int j = 0; j < rows; j++) {
                none.blend(DoubleVector.fromArray(QUARTER, logs, j * pitch + i).mul(inverse), real).intoArray(logs, j * pitch + i);
            }
            none.blend(max, real).intoArray(totals, i);
            one.blend(sum, real).intoArray(totals, pitch + i);
        }
    }

    /** A pass of its own rather than part of {@link #normalise}: together, exp and ln exceed what C2 inlines into one method. */
    @Override
    public double logLikelihood(double[] totals, int pitch) {
        DoubleVector partial = DoubleVector.zero(QUARTER);
        for (int i = 0; i < pitch; i += W) {
            partial = partial.add(DoubleVector.fromArray(QUARTER, totals, i).add(log(DoubleVector.fromArray(QUARTER, totals, pitch + i))));
        }
        return MixtureKernels.combine(partial.lane(0), partial.lane(1), partial.lane(2), partial.lane(3));
    }

    @Override
    public void weightedSums(double[] weights, int at, double[] columns, int pitch, int dim, double[] out) {
        DoubleVector partial = DoubleVector.zero(QUARTER);
        for (int i = 0; i < pitch; i += W) {
            partial = partial.add(DoubleVector.fromArray(QUARTER, weights, at + i));
        }
        out[0] = MixtureKernels.combine(partial.lane(0), partial.lane(1), partial.lane(2), partial.lane(3));
        for (int c = 0; c < dim; c++) {
            partial = DoubleVector.zero(QUARTER);
            for (int i = 0; i < pitch; i += W) {
                partial = DoubleVector.fromArray(QUARTER, weights, at + i).fma(DoubleVector.fromArray(QUARTER, columns, c * pitch + i), partial);
            }
            out[1 + c] = MixtureKernels.combine(partial.lane(0), partial.lane(1), partial.lane(2), partial.lane(3));
        }
    }

    @Override
    public void weightedScatter(double[] weights, int at, double[] columns, int pitch, int dim, double[] mean, boolean diagonalOnly,
            double[] scatter, int stride) {
        for (int a = 0; a < dim; a++) {
            for (int b = a; b < (diagonalOnly ? a + 1 : dim); b++) {
                DoubleVector partial = DoubleVector.zero(QUARTER);
                for (int i = 0; i < pitch; i += W) {
                    final DoubleVector weighted = DoubleVector.fromArray(QUARTER, weights, at + i)
                            .mul(DoubleVector.fromArray(QUARTER, columns, a * pitch + i).sub(mean[a]));
                    partial = weighted.fma(DoubleVector.fromArray(QUARTER, columns, b * pitch + i).sub(mean[b]), partial);
                }
                scatter[a * stride + b] = MixtureKernels.combine(partial.lane(0), partial.lane(1), partial.lane(2), partial.lane(3));
            }
        }
    }

    @Override
    public String name() {
        return "vector(" + QUARTER + ")";
    }

    /** {@link ExpLog#exp}, lane-wise. */
    static DoubleVector exp(DoubleVector x) {
        final VectorMask<Double> under = x.lt(ExpLog.EXP_UNDERFLOW);
        final VectorMask<Double> over = x.compare(VectorOperators.GT, ExpLog.EXP_OVERFLOW);
        final DoubleVector clamped = x.blend(ExpLog.EXP_UNDERFLOW, under).blend(ExpLog.EXP_OVERFLOW, over);
        final DoubleVector shifted = clamped.fma(ExpLog.LOG2_E, ExpLog.SHIFTER);
        final DoubleVector k = shifted.sub(ExpLog.SHIFTER);
        final DoubleVector r = k.fma(MINUS_LN2_LO, k.fma(MINUS_LN2_HI, clamped));
        // Estrin's scheme (a shorter chain of dependent operations than Horner's), written out: a loop gets this
        // method compiled on its own, and a caller then calls it, boxing its vectors.
        final DoubleVector r2 = r.mul(r);
        final DoubleVector r4 = r2.mul(r2);
        final DoubleVector r8 = r4.mul(r4);
        final DoubleVector p01 = r.fma(EXP_1, EXP_0);
        final DoubleVector p23 = r.fma(EXP_3, EXP_2);
        final DoubleVector p45 = r.fma(EXP_5, EXP_4);
        final DoubleVector p67 = r.fma(EXP_7, EXP_6);
        final DoubleVector p89 = r.fma(EXP_9, EXP_8);
        final DoubleVector p1011 = r.fma(EXP_11, EXP_10);
        final DoubleVector p1213 = r.fma(EXP_13, EXP_12);
        final DoubleVector p03 = p23.fma(r2, p01);
        final DoubleVector p47 = p67.fma(r2, p45);
        final DoubleVector p811 = p1011.fma(r2, p89);
        final DoubleVector p07 = p47.fma(r4, p03);
        final DoubleVector p813 = p1213.fma(r4, p811);
        final DoubleVector p = p813.fma(r8, p07);
        final DoubleVector scale = shifted.viewAsIntegralLanes().add(1023L).lanewise(VectorOperators.LSHL, 52).viewAsFloatingLanes();
        return p.mul(scale).blend(0.0, under).blend(Double.POSITIVE_INFINITY, over);
    }

    /** {@link ExpLog#log}, lane-wise. */
    static DoubleVector log(DoubleVector s) {
        final LongVector bits = (LongVector) s.viewAsIntegralLanes();
        DoubleVector m = bits.and(ExpLog.MANTISSA).or(ExpLog.ONE_BITS).viewAsFloatingLanes();
        DoubleVector e = bits.lanewise(VectorOperators.LSHR, 52).or(ExpLog.TWO_52_BITS).viewAsFloatingLanes().sub(ExpLog.EXPONENT_OFFSET);
        final VectorMask<Double> high = m.compare(VectorOperators.GT, ExpLog.SQRT_2);
        m = m.blend(m.mul(0.5), high);
        e = e.blend(e.add(1), high);
        final DoubleVector f = m.sub(1).div(m.add(1));
        final DoubleVector z = f.mul(f);
        final DoubleVector z2 = z.mul(z);
        final DoubleVector z4 = z2.mul(z2);
        final DoubleVector z8 = z4.mul(z4);
        final DoubleVector q01 = z.fma(ATANH_1, ATANH_0);
        final DoubleVector q23 = z.fma(ATANH_3, ATANH_2);
        final DoubleVector q45 = z.fma(ATANH_5, ATANH_4);
        final DoubleVector q67 = z.fma(ATANH_7, ATANH_6);
        final DoubleVector q89 = z.fma(ATANH_9, ATANH_8);
        final DoubleVector q1011 = z.fma(ATANH_11, ATANH_10);
        final DoubleVector q03 = q23.fma(z2, q01);
        final DoubleVector q47 = q67.fma(z2, q45);
        final DoubleVector q811 = q1011.fma(z2, q89);
        final DoubleVector q = q811.fma(z8, q47.fma(z4, q03));
        return e.fma(LN2_HI, e.fma(LN2_LO, f.add(f).mul(q)));
    }
}
