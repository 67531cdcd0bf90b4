package org.modelcollapse.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link ReflectionKernels}: the dot product's partial sums are the lanes of
 * two vectors of four doubles (lane l of the second holds partial 4 + l); the last n mod 8 elements are
 * added to their partials one by one after the lanes are read out, as the scalar twin adds them.
 */
public final class VectorReflectionKernels implements ReflectionKernels {
    /** The one instance. */
    public static final VectorReflectionKernels INSTANCE = new VectorReflectionKernels();

    private static final VectorSpecies<Double> QUARTER = DoubleVector.SPECIES_256;
    private static final int W = 4;

    private VectorReflectionKernels() {}

    /** @return true if this machine has vectors of four doubles */
    static boolean supported() {
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    }

    @Override
    public double dot(double[] a, int aFrom, double[] b, int bFrom, int n) {
        DoubleVector low = DoubleVector.zero(QUARTER);
        DoubleVector high = DoubleVector.zero(QUARTER);
        int i = 0;
        for (; i + 2 * W <= n; i += 2 * W) {
            low = DoubleVector.fromArray(QUARTER, a, aFrom + i).fma(DoubleVector.fromArray(QUARTER, b, bFrom + i), low);
            high = DoubleVector.fromArray(QUARTER, a, aFrom + i + W).fma(DoubleVector.fromArray(QUARTER, b, bFrom + i + W), high);
        }
        double p0 = low.lane(0);
        double p1 = low.lane(1);
        double p2 = low.lane(2);
        double p3 = low.lane(3);
        double p4 = high.lane(0);
        double p5 = high.lane(1);
        double p6 = high.lane(2);
        double p7 = high.lane(3);
        // The tail, at most seven elements, each to its partial i mod 8.
        if (i < n) {
            p0 = Math.fma(a[aFrom + i], b[bFrom + i], p0);
        }
        if (i + 1 < n) {
            p1 = Math.fma(a[aFrom + i + 1], b[bFrom + i + 1], p1);
        }
        if (i + 2 < n) {
            p2 = Math.fma(a[aFrom + i + 2], b[bFrom + i + 2], p2);
        }
        if (i + 3 < n) {
            p3 = Math.fma(a[aFrom + i + 3], b[bFrom + i + 3], p3);
        }
        if (i + 4 < n) {
            p4 = Math.fma(a[aFrom + i + 4], b[bFrom + i + 4], p4);
        }
        if (i + 5 < n) {
            p5 = Math.fma(a[aFrom + i + 5], b[bFrom + i + 5], p5);
        }
        if (i + 6 < n) {
            p6 = Math.fma(a[aFrom + i + 6], b[bFrom + i + 6], p6);
        }
        return ReflectionKernels.combine(p0, p1, p2, p3, p4, p5, p6, p7);
    }

    @Override
    public void subtractMultiple(double[] x, int xFrom, double f, double[] y, int yFrom, int n) {
        int i = 0;
        for (; i + W <= n; i += W) {
            final DoubleVector product = DoubleVector.fromArray(QUARTER, x, xFrom + i).mul(f);
            DoubleVector.fromArray(QUARTER, y, yFrom + i).sub(product).intoArray(y, yFrom + i);
        }
        for (; i < n; i++) {
            y[yFrom + i] = y[yFrom + i] - f * x[xFrom + i];
        }
    }

    @Override
    public String name() {
        return "Vector API, " + QUARTER.vectorBitSize() + "-bit";
    }
}
