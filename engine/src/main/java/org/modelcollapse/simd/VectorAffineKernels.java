package org.modelcollapse.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link AffineKernels}: tiles of 4 points x 4 vectors of output
 * columns (16 accumulators in registers, 4 broadcasts of z and 4 loads of a row of L^T per 16 fused
 * multiply-adds), each tile summing over s up to its last column only (L is lower triangular), with
 * narrower tiles at the right edge. The last rows % 4 points go through the scalar twin's loop: a
 * one-point vector tile ran so rarely (once per mixture component per generation) that C2 never
 * compiled it and its C1 code boxed every vector, 47 KB per 200 steps of MixtureChainTest's probe on
 * AVX-512; the scalar loop allocates nothing at any tier and, since L^T is zero above the diagonal
 * and the sums run in the same order, gives the same bits.
 */
public final class VectorAffineKernels implements AffineKernels {
    /** The one instance. */
    public static final VectorAffineKernels INSTANCE = new VectorAffineKernels();

    private static final VectorSpecies<Double> DOUBLES = VectorMomentKernels.DOUBLES;
    private static final int W = DOUBLES.length();
    private static final int TILE_ROWS = 4;
    private static final int TILE_VECTORS = 4;

    private VectorAffineKernels() {}

    @Override
    public void apply(double[] z, int rows, int dim, int stride, double[] lt, double[] mu, double[] x) {
        int i = 0;
        for (; i + TILE_ROWS <= rows; i += TILE_ROWS) {
            int c0 = 0;
            for (; c0 + TILE_VECTORS * W <= stride; c0 += TILE_VECTORS * W) {
                tile4x4(z, i, Math.min(dim, c0 + TILE_VECTORS * W), stride, c0, lt, mu, x);
            }
            for (; c0 < stride; c0 += W) {
                tile4x1(z, i, Math.min(dim, c0 + W), stride, c0, lt, mu, x);
            }
        }
        ScalarAffineKernels.applyRows(z, i, rows, dim, stride, lt, mu, x);
    }

    /** Columns c0 .. c0 + 4W of points i .. i + 3, summing s over [0, sEnd). */
    private static void tile4x4(double[] z, int i, int sEnd, int stride, int c0, double[] lt, double[] mu, double[] x) {
        DoubleVector a00 = DoubleVector.zero(DOUBLES), a01 = a00, a02 = a00, a03 = a00;
        DoubleVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        DoubleVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
        DoubleVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;
        final int r0 = i * stride;
        for (int s = 0; s < sEnd; s++) {
            final int l = s * stride + c0;
            final DoubleVector v0 = DoubleVector.fromArray(DOUBLES, lt, l);
            final DoubleVector v1 = DoubleVector.fromArray(DOUBLES, lt, l + W);
            final DoubleVector v2 = DoubleVector.fromArray(DOUBLES, lt, l + 2 * W);
            final DoubleVector v3 = DoubleVector.fromArray(DOUBLES, lt, l + 3 * W);
            DoubleVector b = DoubleVector.broadcast(DOUBLES, z[r0 + s]);
            a00 = b.fma(v0, a00); a01 = b.fma(v1, a01); a02 = b.fma(v2, a02); a03 = b.fma(v3, a03);
            b = DoubleVector.broadcast(DOUBLES, z[r0 + stride + s]);
            a10 = b.fma(v0, a10); a11 = b.fma(v1, a11); a12 = b.fma(v2, a12); a13 = b.fma(v3, a13);
            b = DoubleVector.broadcast(DOUBLES, z[r0 + 2 * stride + s]);
            a20 = b.fma(v0, a20); a21 = b.fma(v1, a21); a22 = b.fma(v2, a22); a23 = b.fma(v3, a23);
            b = DoubleVector.broadcast(DOUBLES, z[r0 + 3 * stride + s]);
            a30 = b.fma(v0, a30); a31 = b.fma(v1, a31); a32 = b.fma(v2, a32); a33 = b.fma(v3, a33);
        }
        final DoubleVector m0 = DoubleVector.fromArray(DOUBLES, mu, c0);
        final DoubleVector m1 = DoubleVector.fromArray(DOUBLES, mu, c0 + W);
        final DoubleVector m2 = DoubleVector.fromArray(DOUBLES, mu, c0 + 2 * W);
        final DoubleVector m3 = DoubleVector.fromArray(DOUBLES, mu, c0 + 3 * W);
        int out = r0 + c0;
        a00.add(m0).intoArray(x, out); a01.add(m1).intoArray(x, out + W); a02.add(m2).intoArray(x, out + 2 * W); a03.add(m3).intoArray(x, out + 3 * W);
        out += stride;
        a10.add(m0).intoArray(x, out); a11.add(m1).intoArray(x, out + W); a12.add(m2).intoArray(x, out + 2 * W); a13.add(m3).intoArray(x, out + 3 * W);
        out += stride;
        a20.add(m0).intoArray(x, out); a21.add(m1).intoArray(x, out + W); a22.add(m2).intoArray(x, out + 2 * W); a23.add(m3).intoArray(x, out + 3 * W);
        out += stride;
        a30.add(m0).intoArray(x, out); a31.add(m1).intoArray(x, out + W); a32.add(m2).intoArray(x, out + 2 * W); a33.add(m3).intoArray(x, out + 3 * W);
    }

    private static void tile4x1(double[] z, int i, int sEnd, int stride, int c0, double[] lt, double[] mu, double[] x) {
        DoubleVector a0 = DoubleVector.zero(DOUBLES), a1 = a0, a2 = a0, a3 = a0;
        final int r0 = i * stride;
        for (int s = 0; s < sEnd; s++) {
            final DoubleVector v = DoubleVector.fromArray(DOUBLES, lt, s * stride + c0);
            a0 = DoubleVector.broadcast(DOUBLES, z[r0 + s]).fma(v, a0);
            a1 = DoubleVector.broadcast(DOUBLES, z[r0 + stride + s]).fma(v, a1);
            a2 = DoubleVector.broadcast(DOUBLES, z[r0 + 2 * stride + s]).fma(v, a2);
            a3 = DoubleVector.broadcast(DOUBLES, z[r0 + 3 * stride + s]).fma(v, a3);
        }
        final DoubleVector m = DoubleVector.fromArray(DOUBLES, mu, c0);
        a0.add(m).intoArray(x, r0 + c0);
        a1.add(m).intoArray(x, r0 + stride + c0);
        a2.add(m).intoArray(x, r0 + 2 * stride + c0);
        a3.add(m).intoArray(x, r0 + 3 * stride + c0);
    }

    @Override
    public String name() {
        return "vector(" + DOUBLES + ")";
    }
}
