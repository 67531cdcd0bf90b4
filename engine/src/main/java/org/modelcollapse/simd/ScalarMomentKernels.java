package org.modelcollapse.simd;

/** Plain-loop twin of {@link VectorMomentKernels}: the reference the SIMD kernel is tested against. */
public final class ScalarMomentKernels implements MomentKernels {
    /** The one instance. */
    public static final ScalarMomentKernels INSTANCE = new ScalarMomentKernels();

    private ScalarMomentKernels() {}

    @Override
    public void accumulate(double[] y, int rows, int dim, int stride, double[] sum, double[] scatter) {
        for (int start = 0; start < rows; start += CHUNK) {
            final int end = Math.min(rows, start + CHUNK);
            for (int s = 0; s < dim; s++) {
                double acc = 0;
                for (int i = start; i < end; i++) {
                    acc += y[i * stride + s];
                }
                sum[s] += acc;
            }
            for (int r = 0; r < dim; r++) {
                for (int s = r; s < dim; s++) {
                    double acc = 0;
                    for (int i = start; i < end; i++) {
                        acc = Math.fma(y[i * stride + r], y[i * stride + s], acc);
                    }
                    scatter[r * stride + s] += acc;
                }
            }
        }
        MomentKernels.mirrorUpper(scatter, dim, stride);
    }

    @Override
    public String name() {
        return "scalar";
    }
}
