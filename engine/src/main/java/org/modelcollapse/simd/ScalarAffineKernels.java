package org.modelcollapse.simd;

/** Plain-loop twin of {@link VectorAffineKernels}: the reference the SIMD kernel is tested against. */
public final class ScalarAffineKernels implements AffineKernels {
    /** The one instance. */
    public static final ScalarAffineKernels INSTANCE = new ScalarAffineKernels();

    private ScalarAffineKernels() {}

    @Override
    public void apply(double[] z, int rows, int dim, int stride, double[] lt, double[] mu, double[] x) {
        applyRows(z, 0, rows, dim, stride, lt, mu, x);
    }

    /** Rows [from, to) of {@link #apply}; also the vector kernel's tail, so both give the same bits. */
    static void applyRows(double[] z, int from, int to, int dim, int stride, double[] lt, double[] mu, double[] x) {
        for (int i = from; i < to; i++) {
            final int row = i * stride;
            for (int r = 0; r < dim; r++) {
                double acc = 0;
                for (int s = 0; s <= r; s++) {
                    acc = Math.fma(z[row + s], lt[s * stride + r], acc);
                }
                x[row + r] = acc + mu[r];
            }
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
