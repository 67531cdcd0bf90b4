package org.modelcollapse.simd;

/** Plain-loop twin of {@link VectorReflectionKernels}, the same operations in the same order: identical results. */
public final class ScalarReflectionKernels implements ReflectionKernels {
    /** The one instance. */
    public static final ScalarReflectionKernels INSTANCE = new ScalarReflectionKernels();

    private ScalarReflectionKernels() {}

    @Override
    public double dot(double[] a, int aFrom, double[] b, int bFrom, int n) {
        double p0 = 0;
        double p1 = 0;
        double p2 = 0;
        double p3 = 0;
        double p4 = 0;
        double p5 = 0;
        double p6 = 0;
        double p7 = 0;
        int i = 0;
        for (; i + PARTIALS <= n; i += PARTIALS) {
            final int x = aFrom + i;
            final int y = bFrom + i;
            p0 = Math.fma(a[x], b[y], p0);
            p1 = Math.fma(a[x + 1], b[y + 1], p1);
            p2 = Math.fma(a[x + 2], b[y + 2], p2);
            p3 = Math.fma(a[x + 3], b[y + 3], p3);
            p4 = Math.fma(a[x + 4], b[y + 4], p4);
            p5 = Math.fma(a[x + 5], b[y + 5], p5);
            p6 = Math.fma(a[x + 6], b[y + 6], p6);
            p7 = Math.fma(a[x + 7], b[y + 7], p7);
        }
        final int x = aFrom + i;
        final int y = bFrom + i;
        final int left = n - i;
        p0 = left > 0 ? Math.fma(a[x], b[y], p0) : p0;
        p1 = left > 1 ? Math.fma(a[x + 1], b[y + 1], p1) : p1;
        p2 = left > 2 ? Math.fma(a[x + 2], b[y + 2], p2) : p2;
        p3 = left > 3 ? Math.fma(a[x + 3], b[y + 3], p3) : p3;
        p4 = left > 4 ? Math.fma(a[x + 4], b[y + 4], p4) : p4;
        p5 = left > 5 ? Math.fma(a[x + 5], b[y + 5], p5) : p5;
        p6 = left > 6 ? Math.fma(a[x + 6], b[y + 6], p6) : p6;
        return ReflectionKernels.combine(p0, p1, p2, p3, p4, p5, p6, p7);
    }

    @Override
    public void subtractMultiple(double[] x, int xFrom, double f, double[] y, int yFrom, int n) {
        for (int i = 0; i < n; i++) {
            y[yFrom + i] = y[yFrom + i] - f * x[xFrom + i];
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
