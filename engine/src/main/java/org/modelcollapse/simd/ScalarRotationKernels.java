package org.modelcollapse.simd;

/** Plain-loop twin of {@link VectorRotationKernels}: the reference the SIMD kernel is tested against. */
public final class ScalarRotationKernels implements RotationKernels {
    /** The one instance. */
    public static final ScalarRotationKernels INSTANCE = new ScalarRotationKernels();

    private ScalarRotationKernels() {}

    @Override
    public void dot(double[] m, int a, int b, int from, int to, double[] out, int at) {
        double p0 = 0, p1 = 0, p2 = 0, p3 = 0, p4 = 0, p5 = 0, p6 = 0, p7 = 0;
        for (int k = from; k < to; k += GROUP) {
            p0 = Math.fma(m[a + k], m[b + k], p0);
            p1 = Math.fma(m[a + k + 1], m[b + k + 1], p1);
            p2 = Math.fma(m[a + k + 2], m[b + k + 2], p2);
            p3 = Math.fma(m[a + k + 3], m[b + k + 3], p3);
            p4 = Math.fma(m[a + k + 4], m[b + k + 4], p4);
            p5 = Math.fma(m[a + k + 5], m[b + k + 5], p5);
            p6 = Math.fma(m[a + k + 6], m[b + k + 6], p6);
            p7 = Math.fma(m[a + k + 7], m[b + k + 7], p7);
        }
        out[at] = p0 + p4;
        out[at + 1] = p1 + p5;
        out[at + 2] = p2 + p6;
        out[at + 3] = p3 + p7;
    }

    @Override
    public void combineRows(double[] m, int h, int first, int last, int stride, int from, int to, double[] c) {
        for (int k = from; k < to; k++) {
            double acc = 0;
            for (int r = first; r < last; r++) {
                acc = Math.fma(c[r], m[r * stride + k], acc);
            }
            m[h + k] = acc;
        }
    }

    @Override
    public void addToRows(double[] m, int h, int first, int last, int stride, int from, int to, double[] g) {
        for (int r = first; r < last; r++) {
            final int row = r * stride;
            for (int k = from; k < to; k++) {
                m[row + k] = Math.fma(g[r], m[h + k], m[row + k]);
            }
        }
    }

    @Override
    public void reflectRows(double[] m, int h, int first, int last, int stride, int from, int to, double beta, double[] partials) {
        for (int r = first; r < last; r++) {
            dot(m, r * stride, h, from, to, partials, r * PARTIALS);
        }
        for (int r = first; r < last; r++) {
            final int row = r * stride;
            final double f = -(RotationKernels.finish(partials, r * PARTIALS) / beta);
            for (int k = from; k < to; k++) {
                m[row + k] = Math.fma(f, m[h + k], m[row + k]);
            }
        }
    }

    @Override
    public void rotate(double[] m, int a, int b, int from, int to, double c, double s, double[] out, int at) {
        // Partial sums of squares of the new x (px*) and y (py*), by column modulo GROUP.
        double px0 = 0, px1 = 0, px2 = 0, px3 = 0, px4 = 0, px5 = 0, px6 = 0, px7 = 0;
        double py0 = 0, py1 = 0, py2 = 0, py3 = 0, py4 = 0, py5 = 0, py6 = 0, py7 = 0;
        for (int k = from; k < to; k += GROUP) {
            double x, y;
            x = rotatedX(m, a + k, b + k, c, s); y = rotatedY(m, a + k, b + k, c, s);
            m[a + k] = x; m[b + k] = y; px0 = Math.fma(x, x, px0); py0 = Math.fma(y, y, py0);
            x = rotatedX(m, a + k + 1, b + k + 1, c, s); y = rotatedY(m, a + k + 1, b + k + 1, c, s);
            m[a + k + 1] = x; m[b + k + 1] = y; px1 = Math.fma(x, x, px1); py1 = Math.fma(y, y, py1);
            x = rotatedX(m, a + k + 2, b + k + 2, c, s); y = rotatedY(m, a + k + 2, b + k + 2, c, s);
            m[a + k + 2] = x; m[b + k + 2] = y; px2 = Math.fma(x, x, px2); py2 = Math.fma(y, y, py2);
            x = rotatedX(m, a + k + 3, b + k + 3, c, s); y = rotatedY(m, a + k + 3, b + k + 3, c, s);
            m[a + k + 3] = x; m[b + k + 3] = y; px3 = Math.fma(x, x, px3); py3 = Math.fma(y, y, py3);
            x = rotatedX(m, a + k + 4, b + k + 4, c, s); y = rotatedY(m, a + k + 4, b + k + 4, c, s);
            m[a + k + 4] = x; m[b + k + 4] = y; px4 = Math.fma(x, x, px4); py4 = Math.fma(y, y, py4);
            x = rotatedX(m, a + k + 5, b + k + 5, c, s); y = rotatedY(m, a + k + 5, b + k + 5, c, s);
            m[a + k + 5] = x; m[b + k + 5] = y; px5 = Math.fma(x, x, px5); py5 = Math.fma(y, y, py5);
            x = rotatedX(m, a + k + 6, b + k + 6, c, s); y = rotatedY(m, a + k + 6, b + k + 6, c, s);
            m[a + k + 6] = x; m[b + k + 6] = y; px6 = Math.fma(x, x, px6); py6 = Math.fma(y, y, py6);
            x = rotatedX(m, a + k + 7, b + k + 7, c, s); y = rotatedY(m, a + k + 7, b + k + 7, c, s);
            m[a + k + 7] = x; m[b + k + 7] = y; px7 = Math.fma(x, x, px7); py7 = Math.fma(y, y, py7);
        }
        out[at] = px0 + px4;
        out[at + 1] = px1 + px5;
        out[at + 2] = px2 + px6;
        out[at + 3] = px3 + px7;
        out[at + 4] = py0 + py4;
        out[at + 5] = py1 + py5;
        out[at + 6] = py2 + py6;
        out[at + 7] = py3 + py7;
    }

    private static double rotatedX(double[] m, int i, int j, double c, double s) {
        return Math.fma(-s, m[j], c * m[i]);
    }

    private static double rotatedY(double[] m, int i, int j, double c, double s) {
        return Math.fma(s, m[i], c * m[j]);
    }

    @Override
    public String name() {
        return "scalar";
    }
}
