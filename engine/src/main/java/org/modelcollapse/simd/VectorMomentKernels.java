package org.modelcollapse.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link MomentKernels}. For each chunk of rows, the upper triangle of
 * the scatter is covered by tiles of 4 rows x 4 vectors (16 accumulators held in registers, 4 vector
 * loads and 4 broadcasts per 16 fused multiply-adds), with narrower tiles at the right edge and single
 * rows at the bottom (the register blocking of K. Goto and R. van de Geijn, "Anatomy of
 * high-performance matrix multiplication", ACM TOMS 34 (2008), doi:10.1145/1356052.1356053).
 * Entries below the diagonal that a tile computes are overwritten by the mirror of the upper triangle.
 *
 * <p>Every vector operation is written out in the tile methods rather than in a helper: a tile
 * inlines enough Vector API code to reach C2's node-count cutoff, after which a helper taking a
 * vector is called, not inlined, and the vector is boxed on every call.
 */
public final class VectorMomentKernels implements MomentKernels {
    /** The one instance. */
    public static final VectorMomentKernels INSTANCE = new VectorMomentKernels();

    static final VectorSpecies<Double> DOUBLES = VectorSpecies.of(double.class, VectorWidth.SHAPE);
    private static final int W = DOUBLES.length();
    private static final int TILE_ROWS = 4;
    private static final int TILE_VECTORS = 4;

    private VectorMomentKernels() {}

    @Override
    public void accumulate(double[] y, int rows, int dim, int stride, double[] sum, double[] scatter) {
        for (int start = 0; start < rows; start += CHUNK) {
            final int end = Math.min(rows, start + CHUNK);
            sums(y, start, end, dim, stride, sum);
            int r0 = 0;
            for (; r0 + TILE_ROWS <= dim; r0 += TILE_ROWS) {
                int c0 = r0 / W * W;
                for (; c0 + TILE_VECTORS * W <= stride; c0 += TILE_VECTORS * W) {
                    tile4x4(y, start, end, stride, r0, c0, scatter);
                }
                for (; c0 < stride; c0 += W) {
                    tile4x1(y, start, end, stride, r0, c0, scatter);
                }
            }
            for (; r0 < dim; r0++) {
                for (int c0 = r0 / W * W; c0 < stride; c0 += W) {
                    tile1x1(y, start, end, stride, r0, c0, scatter);
                }
            }
        }
        MomentKernels.mirrorUpper(scatter, dim, stride);
    }

    private static void sums(double[] y, int start, int end, int dim, int stride, double[] sum) {
        for (int c0 = 0; c0 < stride; c0 += W) {
            DoubleVector acc = DoubleVector.zero(DOUBLES);
            for (int i = start; i < end; i++) {
                acc = acc.add(DoubleVector.fromArray(DOUBLES, y, i * stride + c0));
            }
            // Masked: sum holds dim values (a lane() read with a variable index would box the vector).
            final VectorMask<Double> inRange = DOUBLES.indexInRange(c0, dim);
            DoubleVector.fromArray(DOUBLES, sum, c0, inRange).add(acc).intoArray(sum, c0, inRange);
        }
    }

    private static void tile4x4(double[] y, int start, int end, int stride, int r0, int c0, double[] scatter) {
        DoubleVector a00 = DoubleVector.zero(DOUBLES), a01 = a00, a02 = a00, a03 = a00;
        DoubleVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        DoubleVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
        DoubleVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;
        for (int i = start; i < end; i++) {
            final int row = i * stride;
            final DoubleVector v0 = DoubleVector.fromArray(DOUBLES, y, row + c0);
            final DoubleVector v1 = DoubleVector.fromArray(DOUBLES, y, row + c0 + W);
            final DoubleVector v2 = DoubleVector.fromArray(DOUBLES, y, row + c0 + 2 * W);
            final DoubleVector v3 = DoubleVector.fromArray(DOUBLES, y, row + c0 + 3 * W);
            DoubleVector b = DoubleVector.broadcast(DOUBLES, y[row + r0]);
            a00 = b.fma(v0, a00); a01 = b.fma(v1, a01); a02 = b.fma(v2, a02); a03 = b.fma(v3, a03);
            b = DoubleVector.broadcast(DOUBLES, y[row + r0 + 1]);
            a10 = b.fma(v0, a10); a11 = b.fma(v1, a11); a12 = b.fma(v2, a12); a13 = b.fma(v3, a13);
            b = DoubleVector.broadcast(DOUBLES, y[row + r0 + 2]);
            a20 = b.fma(v0, a20); a21 = b.fma(v1, a21); a22 = b.fma(v2, a22); a23 = b.fma(v3, a23);
            b = DoubleVector.broadcast(DOUBLES, y[row + r0 + 3]);
            a30 = b.fma(v0, a30); a31 = b.fma(v1, a31); a32 = b.fma(v2, a32); a33 = b.fma(v3, a33);
        }
        int out = r0 * stride + c0;
        DoubleVector.fromArray(DOUBLES, scatter, out).add(a00).intoArray(scatter, out);
        DoubleVector.fromArray(DOUBLES, scatter, out + W).add(a01).intoArray(scatter, out + W);
        DoubleVector.fromArray(DOUBLES, scatter, out + 2 * W).add(a02).intoArray(scatter, out + 2 * W);
        DoubleVector.fromArray(DOUBLES, scatter, out + 3 * W).add(a03).intoArray(scatter, out + 3 * W);
        out += stride;
        DoubleVector.fromArray(DOUBLES, scatter, out).add(a10).intoArray(scatter, out);
        DoubleVector.fromArray(DOUBLES, scatter, out + W).add(a11).intoArray(scatter, out + W);
        DoubleVector.fromArray(DOUBLES, scatter, out + 2 * W).add(a12).intoArray(scatter, out + 2 * W);
        DoubleVector.fromArray(DOUBLES, scatter, out + 3 * W).add(a13).intoArray(scatter, out + 3 * W);
        out += stride;
        DoubleVector.fromArray(DOUBLES, scatter, out).add(a20).intoArray(scatter, out);
        DoubleVector.fromArray(DOUBLES, scatter, out + W).add(a21).intoArray(scatter, out + W);
        DoubleVector.fromArray(DOUBLES, scatter, out + 2 * W).add(a22).intoArray(scatter, out + 2 * W);
        DoubleVector.fromArray(DOUBLES, scatter, out + 3 * W).add(a23).intoArray(scatter, out + 3 * W);
        out += stride;
        DoubleVector.fromArray(DOUBLES, scatter, out).add(a30).intoArray(scatter, out);
        DoubleVector.fromArray(DOUBLES, scatter, out + W).add(a31).intoArray(scatter, out + W);
        DoubleVector.fromArray(DOUBLES, scatter, out + 2 * W).add(a32).intoArray(scatter, out + 2 * W);
        DoubleVector.fromArray(DOUBLES, scatter, out + 3 * W).add(a33).intoArray(scatter, out + 3 * W);
    }

    private static void tile4x1(double[] y, int start, int end, int stride, int r0, int c0, double[] scatter) {
        DoubleVector a0 = DoubleVector.zero(DOUBLES), a1 = a0, a2 = a0, a3 = a0;
        for (int i = start; i < end; i++) {
            final int row = i * stride;
            final DoubleVector v = DoubleVector.fromArray(DOUBLES, y, row + c0);
            a0 = DoubleVector.broadcast(DOUBLES, y[row + r0]).fma(v, a0);
            a1 = DoubleVector.broadcast(DOUBLES, y[row + r0 + 1]).fma(v, a1);
            a2 = DoubleVector.broadcast(DOUBLES, y[row + r0 + 2]).fma(v, a2);
            a3 = DoubleVector.broadcast(DOUBLES, y[row + r0 + 3]).fma(v, a3);
        }
        final int out = r0 * stride + c0;
        DoubleVector.fromArray(DOUBLES, scatter, out).add(a0).intoArray(scatter, out);
        DoubleVector.fromArray(DOUBLES, scatter, out + stride).add(a1).intoArray(scatter, out + stride);
        DoubleVector.fromArray(DOUBLES, scatter, out + 2 * stride).add(a2).intoArray(scatter, out + 2 * stride);
        DoubleVector.fromArray(DOUBLES, scatter, out + 3 * stride).add(a3).intoArray(scatter, out + 3 * stride);
    }

    private static void tile1x1(double[] y, int start, int end, int stride, int r0, int c0, double[] scatter) {
        DoubleVector a = DoubleVector.zero(DOUBLES);
        for (int i = start; i < end; i++) {
            final int row = i * stride;
            a = DoubleVector.broadcast(DOUBLES, y[row + r0]).fma(DoubleVector.fromArray(DOUBLES, y, row + c0), a);
        }
        DoubleVector.fromArray(DOUBLES, scatter, r0 * stride + c0).add(a).intoArray(scatter, r0 * stride + c0);
    }

    @Override
    public String name() {
        return "vector(" + DOUBLES + ")";
    }
}
