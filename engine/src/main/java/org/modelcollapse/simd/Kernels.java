package org.modelcollapse.simd;

/**
 * Chooses the kernel implementations once per JVM: the Vector API ones when the
 * {@code jdk.incubator.vector} module is readable and the hardware has vectors of at least two
 * longs, the scalar twins otherwise. The choice is logged once at level INFO and reported by
 * {@link #description()} for manifests. Setting the system property
 * {@code modelcollapse.simd=false} forces the scalar kernels; both give identical output. The uniform
 * kernels' Vector API versions take over from their scalar twins once compiled ({@link WarmUp}); the
 * others run as Vector API code from their first call. Their warm-ups, measured again (whole runs,
 * results/step-ab/jit-warming-uniform-only.md: gaussian d=2 wall -0.5%, d=32 +9.2%, gmm +8.2% with
 * them, 3 rounds), cost the run more than they saved, their warm-up threads competing for the cores
 * with the JIT compiler that the run waits for.
 *
 * <p>Only the uniform kernels, which every chain uses, are made with this class; the others are
 * made on first use: the warm-up ({@link #startWarmUp}) is the part of start-up that a short run
 * waits for, so it should not wait behind kernels the run may never use.
 */
public final class Kernels {
    private static final String FALLBACK = vectorUnavailableReason();
    /** Warmed up: results/step-ab/jit-warming.md, categorical K=1000 M=1000: workers' CPU -21.9%, wall -2.7% with it (3 rounds). */
    private static final UniformKernels UNIFORM = FALLBACK == null
            ? new WarmingUniformKernels(VectorUniformKernels.INSTANCE) : ScalarUniformKernels.INSTANCE;

    /** The kernels that only some chains use, each made on first use. */
    private static final class Normal {
        static final NormalKernels KERNELS = FALLBACK == null
                ? VectorNormalKernels.INSTANCE : ScalarNormalKernels.INSTANCE;
    }

    private static final class Moments {
        static final MomentKernels KERNELS = FALLBACK == null
                ? VectorMomentKernels.INSTANCE : ScalarMomentKernels.INSTANCE;
    }

    private static final class Affine {
        static final AffineKernels KERNELS = FALLBACK == null
                ? VectorAffineKernels.INSTANCE : ScalarAffineKernels.INSTANCE;
    }

    private static final class Rotation {
        static final RotationKernels KERNELS = FALLBACK == null && VectorRotationKernels.supported()
                ? VectorRotationKernels.INSTANCE : ScalarRotationKernels.INSTANCE;
    }

    private static final class Em {
        static final MixtureKernels KERNELS = FALLBACK == null && VectorMixtureKernels.supported()
                ? VectorMixtureKernels.INSTANCE : ScalarMixtureKernels.INSTANCE;
    }

    private static final class Reflection {
        static final ReflectionKernels KERNELS = FALLBACK == null && VectorReflectionKernels.supported()
                ? VectorReflectionKernels.INSTANCE : ScalarReflectionKernels.INSTANCE;
    }

    private static final class Density {
        static final KernelDensityKernels KERNELS = FALLBACK == null && VectorKernelDensityKernels.supported()
                ? VectorKernelDensityKernels.INSTANCE : ScalarKernelDensityKernels.INSTANCE;
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

    /** @return the Householder-reflection passes (least squares by QR) chosen for this JVM */
    public static ReflectionKernels reflection() {
        return Reflection.KERNELS;
    }

    /** @return the kernel-density log-likelihood kernels chosen for this JVM */
    public static KernelDensityKernels kernelDensity() {
        return Density.KERNELS;
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
