package org.modelcollapse.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link RotationKernels}: each group of {@value RotationKernels#GROUP}
 * columns is two 256-bit vectors, whose lanes are the group's partial sums (added, they are the partials written), so that 256- and 512-bit
 * hardware give the scalar twin's sums bit for bit (on 512-bit hardware at half width; rows of the
 * matrices this serves are a few dozen values long). Every vector operation is written out in the
 * kernel methods: a helper taking a vector would be called, not inlined, and box it.
 */
public final class VectorRotationKernels implements RotationKernels {
    /** The one instance. */
    public static final VectorRotationKernels INSTANCE = new VectorRotationKernels();

    private static final VectorSpecies<Double> QUARTER = DoubleVector.SPECIES_256;
    private static final int W = 4;

    private VectorRotationKernels() {}

    /** @return true where the hardware has 256-bit vectors of doubles */
    static boolean supported() {
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    }

    @Override
    public void dot(double[] m, int a, int b, int from, int to, double[] out, int at) {
        DoubleVector low = DoubleVector.zero(QUARTER);
        DoubleVector high = low;
        for (int k = from; k < to; k += GROUP) {
            low = DoubleVector.fromArray(QUARTER, m, a + k).fma(DoubleVector.fromArray(QUARTER, m, b + k), low);
            high = DoubleVector.fromArray(QUARTER, m, a + k + W).fma(DoubleVector.fromArray(QUARTER, m, b + k + W), high);
        }
        low.add(high).intoArray(out, at);
    }

    @Override
    public void combineRows(double[] m, int h, int first, int last, int stride, int from, int to, double[] c) {
        for (int k = from; k < to; k += W) {
            DoubleVector acc = DoubleVector.zero(QUARTER);
            for (int r = first; r < last; r++) {
                acc = DoubleVector.broadcast(QUARTER, c[r]).fma(DoubleVector.fromArray(QUARTER, m, r * stride + k), acc);
            }
            acc.intoArray(m, h + k);
        }
    }

    @Override
    public void addToRows(double[] m, int h, int first, int last, int stride, int from, int to, double[] g) {
        for (int r = first; r < last; r++) {
            final int row = r * stride;
            final DoubleVector f = DoubleVector.broadcast(QUARTER, g[r]);
            for (int k = from; k < to; k += W) {
                f.fma(DoubleVector.fromArray(QUARTER, m, h + k), DoubleVector.fromArray(QUARTER, m, row + k)).intoArray(m, row + k);
            }
        }
    }

    @Override
    public void reflectRows(double[] m, int h, int first, int last, int stride, int from, int to, double beta, double[] partials) {
        // Every row's dot product first, then every update: the rows are independent, so their
        // reductions and divisions overlap instead of waiting on each other.
        for (int r = first; r < last; r++) {
            final int row = r * stride;
            DoubleVector low = DoubleVector.zero(QUARTER);
            DoubleVector high = low;
            for (int k = from; k < to; k += GROUP) {
                low = DoubleVector.fromArray(QUARTER, m, row + k).fma(DoubleVector.fromArray(QUARTER, m, h + k), low);
                high = DoubleVector.fromArray(QUARTER, m, row + k + W).fma(DoubleVector.fromArray(QUARTER, m, h + k + W), high);
            }
            low.add(high).intoArray(partials, r * PARTIALS);
        }
        for (int r = first; r < last; r++) {
            final int row = r * stride;
            final DoubleVector f = DoubleVector.broadcast(QUARTER, -(RotationKernels.finish(partials, r * PARTIALS) / beta));
            for (int k = from; k < to; k += W) {
                f.fma(DoubleVector.fromArray(QUARTER, m, h + k), DoubleVector.fromArray(QUARTER, m, row + k)).intoArray(m, row + k);
            }
        }
    }

    @Override
    public void rotate(double[] m, int a, int b, int from, int to, double c, double s, double[] out, int at) {
        final DoubleVector cv = DoubleVector.broadcast(QUARTER, c);
        final DoubleVector sv = DoubleVector.broadcast(QUARTER, s);
        final DoubleVector minusS = DoubleVector.broadcast(QUARTER, -s);
        DoubleVector xLow = DoubleVector.zero(QUARTER);
        DoubleVector xHigh = xLow, yLow = xLow, yHigh = xLow;
        for (int k = from; k < to; k += GROUP) {
            final DoubleVector x0 = DoubleVector.fromArray(QUARTER, m, a + k);
            final DoubleVector x1 = DoubleVector.fromArray(QUARTER, m, a + k + W);
            final DoubleVector y0 = DoubleVector.fromArray(QUARTER, m, b + k);
            final DoubleVector y1 = DoubleVector.fromArray(QUARTER, m, b + k + W);
            final DoubleVector nx0 = y0.fma(minusS, x0.mul(cv));
            final DoubleVector nx1 = y1.fma(minusS, x1.mul(cv));
            final DoubleVector ny0 = x0.fma(sv, y0.mul(cv));
            final DoubleVector ny1 = x1.fma(sv, y1.mul(cv));
            nx0.intoArray(m, a + k);
            nx1.intoArray(m, a + k + W);
            ny0.intoArray(m, b + k);
            ny1.intoArray(m, b + k + W);
            xLow = nx0.fma(nx0, xLow);
            xHigh = nx1.fma(nx1, xHigh);
            yLow = ny0.fma(ny0, yLow);
            yHigh = ny1.fma(ny1, yHigh);
        }
        xLow.add(xHigh).intoArray(out, at);
        yLow.add(yHigh).intoArray(out, at + W);
    }

    @Override
    public String name() {
        return "vector(" + QUARTER + ")";
    }
}
