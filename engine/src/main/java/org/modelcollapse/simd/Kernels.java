package org.modelcollapse.simd;

import java.util.logging.Logger;

/**
 * Chooses the kernel implementations once per JVM: the Vector API ones when the
 * {@code jdk.incubator.vector} module is readable and the hardware has vectors of at least two
 * longs, the scalar twins otherwise (with one logged line saying why). Setting the system property
 * {@code modelcollapse.simd=false} forces the scalar kernels. The Vector API kernels take over from
 * their scalar twins once compiled ({@link WarmingUniformKernels}); both give identical output.
 */
public final class Kernels {
    private static final UniformKernels UNIFORM = chooseUniform();

    private Kernels() {}

    /** @return the uniform kernels chosen for this JVM */
    public static UniformKernels uniform() {
        return UNIFORM;
    }

    private static UniformKernels chooseUniform() {
        final Logger log = Logger.getLogger(Kernels.class.getName());
        if (!Boolean.parseBoolean(System.getProperty("modelcollapse.simd", "true"))) {
            log.fine("SIMD kernels disabled by -Dmodelcollapse.simd=false; using scalar kernels");
            return ScalarUniformKernels.INSTANCE;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            log.info("jdk.incubator.vector is not available (run with --add-modules jdk.incubator.vector); using scalar kernels");
            return ScalarUniformKernels.INSTANCE;
        }
        try {
            if (VectorUniformKernels.supported()) {
                return new WarmingUniformKernels(VectorUniformKernels.INSTANCE);
            }
            log.info("vectors hold fewer than two longs here; using scalar kernels");
        } catch (LinkageError e) {
            log.info("Vector API unusable (" + e + "); using scalar kernels");
        }
        return ScalarUniformKernels.INSTANCE;
    }
}
