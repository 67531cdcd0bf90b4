package org.modelcollapse.simd;

/**
 * Chooses the kernel implementations once per JVM: the Vector API ones when the
 * {@code jdk.incubator.vector} module is readable and the hardware has vectors of at least two
 * longs, the scalar twins otherwise. The choice is logged once at level INFO and reported by
 * {@link #description()} for manifests. Setting the system property
 * {@code modelcollapse.simd=false} forces the scalar kernels. The Vector API kernels take over from
 * their scalar twins once compiled ({@link WarmUp}); both give identical output.
 *
 * <p>Only the uniform kernels, which every chain uses, are made with this class; the others are
 * made on first use: the warm-up ({@link #startWarmUp}) is the part of start-up that a short run
 * waits for, so it should not wait behind kernels the run may never use.
 */
public final class Kernels {
    private static final String FALLBACK = vectorUnavailableReason();
    private static final UniformKernels UNIFORM = FALLBACK == null
            ? new WarmingUniformKernels(VectorUniformKernels.INSTANCE) : ScalarUniformKernels.INSTANCE;

    /** The kernels that only some chains use, each made on first use. */
    private static final class Normal {
        static final NormalKernels KERNELS = FALLBACK == null
                ? new WarmingNormalKernels(VectorNormalKernels.INSTANCE) : ScalarNormalKernels.INSTANCE;
    }

    private static final class Moments {
        static final MomentKernels KERNELS = FALLBACK == null
                ? new WarmingMomentKernels(VectorMomentKernels.INSTANCE) : ScalarMomentKernels.INSTANCE;
    }

    private static final class Affine {
        static final AffineKernels KERNELS = FALLBACK == null
                ? new WarmingAffineKernels(VectorAffineKernels.INSTANCE) : ScalarAffineKernels.INSTANCE;
    }

    private static final class Rotation {
        static final RotationKernels KERNELS = FALLBACK == null && VectorRotationKernels.supported()
                ? new WarmingRotationKernels(VectorRotationKernels.INSTANCE) : ScalarRotationKernels.INSTANCE;
    }

    private static final class Em {
        static final MixtureKernels KERNELS = FALLBACK == null && VectorMixtureKernels.supported()
                ? new WarmingMixtureKernels(VectorMixtureKernels.INSTANCE) : ScalarMixtureKernels.INSTANCE;
    }

    private Kernels() {}

    /** @return the uniform kernels chosen for this JVM */
    public static UniformKernels uniform() {
        return UNIFORM;
    }

    /** @return the normal kernels chosen for this JVM */
    public static NormalKernels normal() {
        return Normal.KERNELS;
    }

    /** @return the mean-and-scatter kernels chosen for this JVM */
    public static MomentKernels moments() {
        return Moments.KERNELS;
    }

    /** @return the affine-map kernels chosen for this JVM */
    public static AffineKernels affine() {
        return Affine.KERNELS;
    }

    /** @return the row-rotation kernels (one-sided Jacobi) chosen for this JVM */
    public static RotationKernels rotation() {
        return Rotation.KERNELS;
    }

    /** @return the EM kernels of Gaussian mixtures chosen for this JVM */
    public static MixtureKernels mixture() {
        return Em.KERNELS;
    }

    /**
     * Starts now, rather than at first use, the warm-up ({@link WarmUp}) of the uniform kernels a
     * categorical run of about {@code points} points per generation will most likely use: interval
     * counts of 16-bit words up to 256 points, the fills above. A command line calls it first thing,
     * so that loading the Vector API and compiling the kernels overlap its start-up. Changes no
     * result (kernels and twins agree bit for bit); the other kernels still warm up on first use.
     *
     * @param points the expected sample size M
     */
    public static void startWarmUp(int points) {
        if (UNIFORM instanceof WarmingUniformKernels w) {
            w.startWarmUp(points);
        }
    }

    /**
     * Starts now, rather than at first use, the warm-up of the kernels that draw Gaussian points
     * (normals, affine maps): a command line calls it first thing, so that their compilation overlaps
     * its start-up (they take two seconds or more to compile once the run competes for the cores).
     * Changes no result.
     */
    public static void startNormalWarmUp() {
        if (Normal.KERNELS instanceof WarmingNormalKernels n) {
            n.ready();
        }
        if (Affine.KERNELS instanceof WarmingAffineKernels a) {
            a.ready();
        }
    }

    /** Starts now the warm-up of the EM kernels of Gaussian mixtures, as {@link #startNormalWarmUp}. */
    public static void startMixtureWarmUp() {
        if (Em.KERNELS instanceof WarmingMixtureKernels m) {
            m.ready();
        }
    }

    /** Starts now the warm-up of the row-rotation kernels (the spectral metrics of d &gt;= 3), as {@link #startNormalWarmUp}. */
    public static void startRotationWarmUp() {
        if (Rotation.KERNELS instanceof WarmingRotationKernels r) {
            r.ready();
        }
    }

    /** @return one line for logs and manifests: the implementation chosen, and why when scalar */
    public static String description() {
        return FALLBACK == null ? UNIFORM.name() : "scalar (" + FALLBACK + ")";
    }

    /** @return null when the Vector API kernels can run here, else why not */
    private static String vectorUnavailableReason() {
        if (!Boolean.parseBoolean(System.getProperty("modelcollapse.simd", "true"))) {
            return "-Dmodelcollapse.simd=false";
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return "jdk.incubator.vector is not available (run with --add-modules jdk.incubator.vector)";
        }
        try {
            return VectorUniformKernels.supported() ? null : "vectors hold fewer than two longs here";
        } catch (LinkageError e) {
            return "the Vector API is unusable (" + e + ")";
        }
    }
}
