package org.modelcollapse.simd;

/** Plain-loop twin of {@link VectorNormalKernels}: the reference the SIMD kernel is tested against. */
public final class ScalarNormalKernels implements NormalKernels {
    /** The one instance. */
    public static final ScalarNormalKernels INSTANCE = new ScalarNormalKernels();

    private ScalarNormalKernels() {}

    @Override
    public void fillStandardNormals(LxmLanes lanes, double[] out, int n) {
        for (int base = 0; base < n; base += BLOCK) {
            for (int i = 0; i < LxmLanes.LANES; i++) {
                final double r = BoxMuller.radius(ScalarUniformKernels.next(lanes, i));
                final long z = ScalarUniformKernels.next(lanes, i);
                final long q = BoxMuller.quadrant(z);
                final double t = BoxMuller.theta(z, q);
                final double c = BoxMuller.cos(t);
                final double s = BoxMuller.sin(t);
                // Rotate (cos t, sin t) by q quarter turns: q = 1 gives (-sin, cos), 2 (-cos, -sin), 3 (sin, -cos).
                final boolean odd = (q & 1) != 0;
                final double cosine = (((q + 1) & 2) != 0 ? -1 : 1) * (odd ? s : c);
                final double sine = ((q & 2) != 0 ? -1 : 1) * (odd ? c : s);
                out[base + i] = r * cosine;
                out[base + LxmLanes.LANES + i] = r * sine;
            }
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
