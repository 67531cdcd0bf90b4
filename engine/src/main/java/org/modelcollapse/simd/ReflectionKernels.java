package org.modelcollapse.simd;

/**
 * The two passes of a Householder reflection over matrix columns stored contiguously (Golub and Van
 * Loan, Matrix Computations, 4th ed., §5.1.4: H x = x - (2 v^T x / v^T v) v): a dot product and the
 * subtraction of a multiple. The dot product's fixed order, so that every implementation gives the same
 * bits: element i goes to partial sum i mod {@value #PARTIALS}, each by a fused multiply-add in index
 * order, and the partials are added as ((p0 + p4) + (p1 + p5)) + ((p2 + p6) + (p3 + p7)).
 */
public interface ReflectionKernels {
    /** Partial sums of a dot product: two vectors of four, so that two chains of dependent additions overlap. */
    int PARTIALS = 8;

    /** @return sum over i &lt; n of a[aFrom + i] b[bFrom + i], in the order above */
    double dot(double[] a, int aFrom, double[] b, int bFrom, int n);

    /**
     * y[yFrom + i] = y[yFrom + i] - f x[xFrom + i] for i &lt; n (a product, then a difference: two roundings).
     *
     * @param x not overlapping the range of y written
     */
    void subtractMultiple(double[] x, int xFrom, double f, double[] y, int yFrom, int n);

    /** @return a short name for logs and manifests */
    String name();

    /** @return ((p0 + p4) + (p1 + p5)) + ((p2 + p6) + (p3 + p7)), the combination order of {@link #dot} */
    static double combine(double p0, double p1, double p2, double p3, double p4, double p5, double p6, double p7) {
        return ((p0 + p4) + (p1 + p5)) + ((p2 + p6) + (p3 + p7));
    }
}
